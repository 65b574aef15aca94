#!/usr/bin/env python3
"""The peer in MiniDL's benchmark: PyTorch (Debian's python3-torch, OpenBLAS underneath) timing the same
work that `minidl bench` times, so the two are compared as ratios measured in the same run.

  * float32 GEMMs C = A B at 256, 512, 1024 and 2048 (GFLOP/s, median of several repetitions);
  * one Fashion-MNIST epoch of the same MLP: 784-256-10, ReLU, softmax cross-entropy, Adam (lr 1e-3),
    batch 128, shuffled, eager PyTorch loop (seconds per epoch, median of the epochs after a warm-up one).

Prints one JSON object on stdout. Usage:
  python3 bench/peer_pytorch.py [--data DIR] [--epochs N] [--threads N] [--device cpu|cuda] [--sizes 256,512 or "" for none]
OpenBLAS reads OPENBLAS_CORETYPE at start-up: run it with and without that variable to see both kernels.
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import struct
import time

import numpy as np
import torch


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def sync(device):
    if device == "cuda":
        torch.cuda.synchronize()


def bench_gemm(n, device, reps=5):
    a = torch.randn(n, n, device=device)
    b = torch.randn(n, n, device=device)
    c = a @ b  # warm-up
    sync(device)
    t0 = time.perf_counter()
    c = a @ b
    sync(device)
    once = time.perf_counter() - t0
    reps = max(reps, min(200, int(0.2 / max(once, 1e-6))))  # small sizes: more repetitions (~0.2 s)
    times = []
    for _ in range(reps):
        sync(device)
        t0 = time.perf_counter()
        c = a @ b
        sync(device)
        times.append(time.perf_counter() - t0)
    del c
    s = statistics.median(times)
    return {"name": "gemm_f32", "size": n, "gflops": 2.0 * n ** 3 / s / 1e9, "seconds": s}


def bench_epochs(data_dir, epochs, device, batch=128):
    x = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255.0
    y = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    xt = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255.0
    yt = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    x, y = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
    xt, yt = torch.from_numpy(xt).to(device), torch.from_numpy(yt).to(device)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    seconds = []
    for _ in range(epochs):
        perm = torch.randperm(x.shape[0], generator=g).to(device)
        sync(device)
        t0 = time.perf_counter()
        for i in range(0, x.shape[0], batch):
            idx = perm[i:i + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        sync(device)
        seconds.append(time.perf_counter() - t0)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    steady = seconds[1:] if len(seconds) > 1 else seconds
    return {"secondsPerEpoch": statistics.median(steady), "epochSeconds": seconds, "testAccuracy": acc,
            "epochs": epochs, "batch": batch}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--device", default="cpu")
    p.add_argument("--sizes", default="256,512,1024,2048")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    # As the C harness: the BLAS thread pool spins for a while after start-up and, on a machine with
    # few cores, slows the first measurement by up to ~100x (SGEMM 256 measured 8 instead of ~120
    # GFLOP/s); one untimed product starts the pool, and the pause lets it go to sleep.
    torch.randn(64, 64) @ torch.randn(64, 64)
    time.sleep(0.5)
    out = {
        "peer": "pytorch",
        "torch": torch.__version__,
        "device": args.device,
        "threads": args.threads,
        "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"),
        "machine": platform.processor() or platform.machine(),
        "kernels": [bench_gemm(int(n), args.device) for n in args.sizes.split(",") if n],
    }
    if os.path.exists(os.path.join(args.data, "train-images-idx3-ubyte.gz")):
        out["training"] = bench_epochs(args.data, args.epochs, args.device)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
