"""Keras reference for `make bench`: trains the seed convnet (Conv 32-Pool-Conv 64-Pool-Conv 64-
Dense 64-Dense 10, 93,322 params) on MNIST with batch 64 and RMSprop, and prints one JSON line:
{"framework": "keras", "samples_per_second": ..., "peak_rss_mb": ..., ...}.

samples/s is measured after a warm-up of 20 batches, over the rest of the run. Data: the IDX
files in the directory given as the first argument (default ../shared/datasets/mnist).
"""
import gzip
import json
import os
import resource
import struct
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/mnist"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
    x = read_idx(os.path.join(directory, "train-images-idx3-ubyte.gz"))[:limit]
    y = read_idx(os.path.join(directory, "train-labels-idx1-ubyte.gz"))[:limit]
    x = (x.astype("float32") / 255).reshape(-1, 28, 28, 1)

    keras.utils.set_random_seed(1)
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    class Timer(keras.callbacks.Callback):
        warmup = 20

        def on_train_batch_end(self, batch, logs=None):
            if batch == self.warmup - 1:
                self.start = time.perf_counter()
            self.last = batch

        def on_epoch_end(self, epoch, logs=None):
            self.end = time.perf_counter()
            self.logs = logs

    timer = Timer()
    model.fit(x, y, batch_size=64, epochs=1, verbose=0, callbacks=[timer])
    batches = timer.last + 1 - Timer.warmup
    seconds = timer.end - timer.start
    print(json.dumps({
        "framework": "keras",
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "params": model.count_params(),
        "images": int(len(x)),
        "samples_per_second": round(batches * 64 / seconds, 1),
        "train_accuracy": round(float(timer.logs.get("accuracy", 0)), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
