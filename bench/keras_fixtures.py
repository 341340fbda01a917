"""Fixtures for the Keras-agreement tests (Tests/CNNTests/KerasAgreementTests.swift).

Runs Keras 3 on the seed model from fixed initial weights over three fixed MNIST batches of
32 for RMSprop, Adam and SGD with momentum, and writes safetensors files (F32) into
Tests/CNNTests/Fixtures/keras/:
  initial.safetensors   the initial weights (Stride's names) and the 96 images and labels
  OPTIMIZER.safetensors the loss of each of the 3 steps and the weights after the third

Regenerate with:  make keras-fixtures   (needs .venv-keras and ../shared/datasets/mnist)
"""
import gzip, json, os, struct, sys
import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
import keras  # noqa: E402

data_dir, out_dir = sys.argv[1], sys.argv[2]
BATCH, STEPS = 32, 3
N = BATCH * STEPS


def idx(path, count):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    body = np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim)
    return body.reshape(dims)[:count]


images = (idx(f"{data_dir}/train-images-idx3-ubyte.gz", N).astype(np.float32) / 255.0).reshape(N, 28, 28, 1)
labels = idx(f"{data_dir}/train-labels-idx1-ubyte.gz", N).astype(np.int64)

NAMES = ["conv2d", "conv2d_1", "conv2d_2", "dense", "dense_1"]


def model():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax"),
    ])


rng = np.random.default_rng(20261125)
initial = {}
for name, layer in zip(NAMES, [l for l in model().layers if l.weights]):
    kernel, bias = layer.get_weights()
    fan_in = int(np.prod(kernel.shape[:-1])); fan_out = kernel.shape[-1]
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    initial[f"{name}/kernel"] = rng.uniform(-limit, limit, kernel.shape).astype(np.float32)
    initial[f"{name}/bias"] = rng.uniform(-0.01, 0.01, bias.shape).astype(np.float32)


def write(path, tensors, metadata):
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


meta = {"keras": keras.__version__, "batch": BATCH, "steps": STEPS}
write(f"{out_dir}/initial.safetensors",
      {**initial, "batch/images": images, "batch/labels": labels.astype(np.float32)}, meta)

optimizers = {
    "rmsprop": lambda: keras.optimizers.RMSprop(learning_rate=0.001),
    "adam": lambda: keras.optimizers.Adam(learning_rate=0.001),
    "sgd": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
}
for opt_name, make in optimizers.items():
    m = model()
    for name, layer in zip(NAMES, [l for l in m.layers if l.weights]):
        layer.set_weights([initial[f"{name}/kernel"], initial[f"{name}/bias"]])
    m.compile(optimizer=make(), loss="sparse_categorical_crossentropy")
    losses = []
    for step in range(STEPS):
        sl = slice(step * BATCH, (step + 1) * BATCH)
        losses.append(float(m.train_on_batch(images[sl], labels[sl])))
    after = {}
    for name, layer in zip(NAMES, [l for l in m.layers if l.weights]):
        kernel, bias = layer.get_weights()
        after[f"{name}/kernel"], after[f"{name}/bias"] = kernel, bias
    write(f"{out_dir}/{opt_name}.safetensors", {**after, "losses": np.array(losses, np.float32)}, {**meta, "optimizer": opt_name})
    print(opt_name, losses)
