#!/usr/bin/env python3
"""The README's round trip for a stacked, bidirectional model (issue 25; not run by mvn test).

1. Export nn.LSTM(8, 32, num_layers=2, bidirectional=True) + nn.Linear(64, 10) the one-line way:
   np.save(f"{name}.npy", t.numpy()) for every state_dict entry, plus out_weight, out_bias and
   inputs.npy [T x I].
2. ./run-bench.sh gradnorm on it; compare every grad_<name>.npy with PyTorch's autograd.
3. ./run-bench.sh train on a small data set; load the written-back model into a fresh nn.LSTM with
   load_state_dict and compare with the same training loop run in PyTorch.

Usage (from the repository root, after the jar is built):
    /usr/bin/python3 src/test/python/stack_roundtrip.py WORKDIR
Prints the largest relative differences; exits 1 if any exceeds 1e-4 (gradients) or 1e-3
(trained parameters, relative to each tensor's total change).
"""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

I, H, V, T, LAYERS, TARGET = 8, 32, 10, 20, 2, 3
N, B, UPDATES, LR, CLIP = 32, 8, 10, 1e-2, 1.0


def export(lstm, readout, x, model_dir):
    os.makedirs(model_dir, exist_ok=True)
    for name, t in lstm.state_dict().items():
        np.save(os.path.join(model_dir, f"{name}.npy"), t.numpy())
    np.save(os.path.join(model_dir, "out_weight.npy"), readout.weight.detach().numpy())
    np.save(os.path.join(model_dir, "out_bias.npy"), readout.bias.detach().numpy())
    np.save(os.path.join(model_dir, "inputs.npy"), x.numpy())


def cli(*args):
    subprocess.run(["./run-bench.sh", *args], check=True, stdout=subprocess.DEVNULL)


def rel(a, b, scale):
    return float(np.max(np.abs(a - b)) / scale) if scale > 0 else float(np.max(np.abs(a - b)))


def main(work):
    torch.manual_seed(25)
    lstm = torch.nn.LSTM(I, H, num_layers=LAYERS, bidirectional=True)
    readout = torch.nn.Linear(2 * H, V)
    x = torch.randn(T, I)
    model_dir = os.path.join(work, "model")
    export(lstm, readout, x, model_dir)

    out, _ = lstm(x[:, None, :])
    loss = F.cross_entropy(readout(out[-1]), torch.tensor([TARGET]))
    loss.backward()
    cli("gradnorm", "--cell", "lstm", "--model", model_dir, "--target", str(TARGET),
        "--out", os.path.join(work, "gradnorm"))
    grads = dict(lstm.named_parameters())
    grads["out_weight"], grads["out_bias"] = readout.weight, readout.bias
    worst_grad = 0.0
    for name, p in grads.items():
        ours = np.load(os.path.join(work, "gradnorm", f"grad_{name}.npy"))
        g = p.grad.numpy()
        worst_grad = max(worst_grad, rel(ours, g, np.max(np.abs(g))))
    print(f"gradnorm: loss {loss.item():.6f}; {len(grads)} gradients, largest difference"
          f" {worst_grad:.2e} of the tensor's largest entry")

    data_dir = os.path.join(work, "data")
    os.makedirs(data_dir, exist_ok=True)
    xs = torch.randn(N, T, I)
    ys = torch.randint(0, V, (N,))
    np.save(os.path.join(data_dir, "inputs.npy"), xs.numpy())
    np.save(os.path.join(data_dir, "targets.npy"), ys.numpy().astype(np.int64))
    start = {k: v.clone() for k, v in lstm.state_dict().items()}
    params = list(lstm.parameters()) + list(readout.parameters())
    opt = torch.optim.Adam(params, lr=LR)
    for u in range(UPDATES):
        idx = [(u * B + j) % N for j in range(B)]
        xb = xs[idx].transpose(0, 1)  # time-major [T x B x I]
        out, _ = lstm(xb)
        loss = F.cross_entropy(readout(out[-1]), ys[idx])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, CLIP)
        opt.step()
    cli("train", "--cell", "lstm", "--model", model_dir, "--data", data_dir, "--batch", str(B),
        "--updates", str(UPDATES), "--optimizer", "adam", "--lr", str(LR), "--clip-norm",
        str(CLIP), "--out", os.path.join(work, "train"))
    back = torch.nn.LSTM(I, H, num_layers=LAYERS, bidirectional=True)
    trained = os.path.join(work, "train", "model")
    back.load_state_dict({k: torch.from_numpy(np.load(os.path.join(trained, f"{k}.npy")))
                          for k in back.state_dict()})
    worst_param = 0.0
    for k, v in back.state_dict().items():
        want = lstm.state_dict()[k].numpy()
        change = np.max(np.abs(want - start[k].numpy()))
        worst_param = max(worst_param, rel(v.numpy(), want, change))
    print(f"train: {UPDATES} Adam updates of batch {B}; the model loads back into nn.LSTM with"
          f" load_state_dict; largest parameter difference {worst_param:.2e} of the tensor's"
          f" total change")
    return 0 if worst_grad <= 1e-4 and worst_param <= 1e-3 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/stack-roundtrip"))
