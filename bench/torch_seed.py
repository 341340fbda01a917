"""PyTorch reference for `make bench`: trains the seed convnet (Conv 32-Pool-Conv 64-Pool-Conv 64-
Dense 64-Dense 10, 93,322 params) on MNIST with batch 64 and RMSprop set as Keras's defaults
(lr 1e-3, rho 0.9, eps 1e-7), on 2 CPU threads, and prints one JSON line:
{"framework": "pytorch", "samples_per_second": ..., "mm_gflops_2_threads": ..., ...}.

samples/s is measured after a warm-up of 20 batches, over the rest of the run, as in
keras_seed.py. `mm_gflops_2_threads` is torch.mm on 2048×2048 floats (best of 8): the
machine's FLOP rate as PyTorch's BLAS reaches it. Data: the IDX files in the directory given
as the first argument; the second is how many training images to use; a third,
`channels_last`, runs the model and the images in NHWC memory order (faster on some CPUs:
the bench tries both and keeps PyTorch's better figure).
"""
import gzip
import json
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)


def mm_gflops(n=2048, repeats=8):
    a, b = torch.rand(n, n), torch.rand(n, n)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
    return 2 * n ** 3 / best / 1e9


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/mnist"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
    channels_last = len(sys.argv) > 3 and sys.argv[3] == "channels_last"
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = read_idx(os.path.join(directory, "train-images-idx3-ubyte.gz"))[:limit]
    y = read_idx(os.path.join(directory, "train-labels-idx1-ubyte.gz"))[:limit]
    x = torch.from_numpy((x.astype("float32") / 255).reshape(-1, 1, 28, 28))
    y = torch.from_numpy(y.astype("int64"))

    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10),
    )
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    warmup, batch = 20, 64
    order = torch.randperm(len(x))
    start = None
    correct = seen = 0
    model.train()
    for b, first in enumerate(range(0, len(x), batch)):
        if b == warmup:
            start = time.perf_counter()
            timed_from = first
        idx = order[first:first + batch]
        xb, yb = x[idx], y[idx]
        optimizer.zero_grad()
        out = model(xb)
        loss = loss_fn(out, yb)
        loss.backward()
        optimizer.step()
        correct += (out.argmax(1) == yb).sum().item()
        seen += len(yb)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "framework": "pytorch",
        "torch": torch.__version__,
        "memory_format": "channels_last" if channels_last else "contiguous",
        "params": sum(p.numel() for p in model.parameters()),
        "images": int(len(x)),
        "samples_per_second": round((len(x) - timed_from) / seconds, 1),
        "train_accuracy": round(correct / seen, 4),
        "mm_gflops_2_threads": round(mm_gflops(), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
