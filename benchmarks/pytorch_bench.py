#!/usr/bin/python3
"""PyTorch comparison for bptt-bench (CPU, one thread, batch 1).

Times forward + backward of nn.RNN / nn.GRU / nn.LSTM (tanh, 1 layer, input size = hidden)
followed by a Linear read-out on the final step and cross-entropy, T = 50, for several hidden
sizes; the same workload with num_layers = 1, 2, 4 (unidirectional, hidden 128; layer k > 0 reads
layer k - 1's outputs, the read-out the last layer's); and records the per-step gradient norm
||dL/dh_t|| at hidden 128 by unrolling the matching cell with retain_grad. Prints one JSON object:

  {"<cell>_h<hidden>_T50": {"median_ms": .., "iqr_ms": .., "reps": ..}, ...,
   "stack_<cell>_l<layers>_h128_T50": {...}  (the same, num_layers = layers; h64 with --quick),
   "curve_<cell>_h128_T50": {...}  (time of the per-step gradient-norm curve, cell loop),
   "train_<cell>_h<hidden>_b<batch>_T50": {...}  (one training update as TrainBench's: batch 1, 8,
       32, 128 at hidden 64, 128, and 256 with --full; h64 b8 with --quick),
   "grad_norm_h128_T50": {"<cell>": [||dL/dh_1||, ..., ||dL/dh_T||]},
   "meta": {..., "allocator": {"GLIBC_TUNABLES": .., "malloc": "tuned" | "glibc default"}}}

run-bench.sh runs it with OMP_NUM_THREADS=1 and GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296:
glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=268435456: with glibc's default malloc
the backward pass at H >= 512 is dominated by page faults from glibc returning its large buffers to
the kernel and mapping them again (about 2x slower on AVX2, up to 5x on AVX-512), which is not the
cost of the arithmetic being compared. The JSON records which allocator settings were in force.

Run with the Debian torch: /usr/bin/python3 benchmarks/pytorch_bench.py [--quick | --full]
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn

T = 50
CLASSES = 10
HIDDEN = [64, 128, 256, 512, 1024]
CELLS = {"rnn": (nn.RNN, nn.RNNCell), "gru": (nn.GRU, nn.GRUCell), "lstm": (nn.LSTM, nn.LSTMCell)}


def time_workload(cell, hidden, reps, warmup, num_layers=1):
    torch.manual_seed(0)
    layer = CELLS[cell][0](hidden, hidden, num_layers=num_layers, batch_first=True)
    readout = nn.Linear(hidden, CLASSES)
    x = torch.rand(1, T, hidden) * 2 - 1
    target = torch.tensor([3])
    loss_fn = nn.CrossEntropyLoss()
    params = list(layer.parameters()) + list(readout.parameters())

    def step():
        for p in params:
            p.grad = None
        out, _ = layer(x)
        loss = loss_fn(readout(out[:, -1, :]), target)
        loss.backward()
        return loss

    return timed(step, reps, warmup)


STACK_LAYERS = [1, 2, 4]
STACK_HIDDEN = 128

TRAIN_HIDDEN = [64, 128]  # --full adds 256, as the full profile's TrainBench
TRAIN_BATCH = [1, 8, 32, 128]


def time_train(cell, hidden, batch, reps, warmup):
    """One training update as TrainBench times it: forward over batch x T (input = hidden), mean
    cross-entropy at the final step, backward, clip_grad_norm_(1.0), Adam(lr=1e-3).step()."""
    torch.manual_seed(0)
    layer = CELLS[cell][0](hidden, hidden)  # time-major input [T x B x I], as TrainBench
    readout = nn.Linear(hidden, CLASSES)
    params = list(layer.parameters()) + list(readout.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.rand(T, batch, hidden) * 2 - 1
    target = torch.randint(0, CLASSES, (batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        out, _ = layer(x)
        loss = nn.functional.cross_entropy(readout(out[-1]), target)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        return loss

    return timed(step, reps, warmup)


def timed(fn, reps, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    q = statistics.quantiles(times, n=4)
    return {"median_ms": statistics.median(times), "iqr_ms": q[2] - q[0], "reps": reps,
            "times_ms": times}


def grad_norms(cell, hidden=128):
    torch.manual_seed(0)
    c = CELLS[cell][1](hidden, hidden)
    readout = nn.Linear(hidden, CLASSES)
    x = torch.rand(T, 1, hidden) * 2 - 1
    h = torch.zeros(1, hidden)
    state = (h, torch.zeros(1, hidden)) if cell == "lstm" else h
    hs = []
    for t in range(T):
        state = c(x[t], state)
        ht = state[0] if cell == "lstm" else state
        ht.retain_grad()
        hs.append(ht)
    loss = nn.functional.cross_entropy(readout(hs[-1]), torch.tensor([3]))
    loss.backward()
    # For LSTM this is dL/dh_t through h only (c_t carries the rest of the gradient).
    return [float(ht.grad.norm()) if ht.grad is not None else 0.0 for ht in hs]


def allocator():
    """The glibc malloc settings this process started with (they cannot change once running)."""
    tunables = os.environ.get("GLIBC_TUNABLES")
    tuned = tunables is not None and "glibc.malloc.mmap_threshold" in tunables
    return {"GLIBC_TUNABLES": tunables, "malloc": "tuned" if tuned else "glibc default",
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS")}


def cpu_capability():
    """The vector ISA PyTorch's own kernels dispatch to (ATEN_CPU_CAPABILITY can lower it)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return None


def main():
    quick = "--quick" in sys.argv
    train_hidden = [64] if quick else TRAIN_HIDDEN + ([256] if "--full" in sys.argv else [])
    torch.set_num_threads(1)
    reps, warmup = (5, 2) if quick else (50, 10)
    res = {}
    for cell in CELLS:
        for hidden in ([64] if quick else HIDDEN):
            r = reps if hidden <= 256 else max(5, reps // 5)
            res[f"{cell}_h{hidden}_T{T}"] = time_workload(cell, hidden, r, warmup)
        res[f"curve_{cell}_h128_T{T}"] = timed(lambda: grad_norms(cell), reps, warmup)
    for cell in CELLS:
        hidden = 64 if quick else STACK_HIDDEN
        for layers in STACK_LAYERS:
            res[f"stack_{cell}_l{layers}_h{hidden}_T{T}"] = time_workload(cell, hidden, reps,
                                                                          warmup, layers)
    for cell in CELLS:
        for hidden in train_hidden:
            for batch in ([8] if quick else TRAIN_BATCH):
                res[f"train_{cell}_h{hidden}_b{batch}_T{T}"] = time_train(
                    cell, hidden, batch, max(5, reps // 2), warmup)
    res[f"grad_norm_h128_T{T}"] = {cell: grad_norms(cell) for cell in CELLS}
    res["meta"] = {"torch": torch.__version__, "threads": torch.get_num_threads(), "batch": 1,
                   "T": T, "classes": CLASSES, "input_size": "= hidden", "loss": "final step",
                   "warmup": warmup, "allocator": allocator(),
                   "cpuCapability": cpu_capability(),
                   "ATEN_CPU_CAPABILITY": os.environ.get("ATEN_CPU_CAPABILITY")}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
