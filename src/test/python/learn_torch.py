#!/usr/bin/env python3
"""PyTorch reference for the `learn` experiment: trains nn.RNN/GRU/LSTM + Linear on a task data set
exported by `./run-bench.sh task ... --out DIR` (inputs.npy [N, T, I] float32, targets.npy [N] int64
class labels or float32 sums) and reports accuracy (or MSE) on DIR_TEST.

Same protocol as the Java `learn` experiment: batch u is sequences u*B .. u*B+B-1 modulo N in file
order, loss at the final step (cross-entropy, or MSE for the adding task), clip_grad_norm_, Adam,
PyTorch's default initialisation, one thread.

usage: learn_torch.py --train DIR --test DIR --cell rnn|gru|lstm [--hidden 64] [--batch 32]
                      [--updates 1500] [--lr 1e-2] [--clip 1.0] [--seed 0] [--forget-bias 1]
"""
import argparse
import json
import time

import numpy as np
import torch


def load(path):
    x = torch.from_numpy(np.load(f"{path}/inputs.npy")).float()
    y = np.load(f"{path}/targets.npy")
    y = torch.from_numpy(y).float() if y.dtype.kind == "f" else torch.from_numpy(y).long()
    return x, y


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--cell", choices=["rnn", "gru", "lstm"], required=True)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--updates", type=int, default=1500)
    p.add_argument("--lr", type=float, default=1e-2)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--forget-bias", type=float, default=None)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    x, y = load(a.train)
    tx, ty = load(a.test)
    regression = y.dtype == torch.float32
    n, _, inputs = x.shape
    rnn = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[a.cell](
        inputs, a.hidden, batch_first=True)
    if a.forget_bias is not None and a.cell == "lstm":
        with torch.no_grad():
            rnn.bias_ih_l0[a.hidden:2 * a.hidden].fill_(a.forget_bias)
            rnn.bias_hh_l0[a.hidden:2 * a.hidden].zero_()
    head = torch.nn.Linear(a.hidden, 1 if regression else int(y.max()) + 1)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=a.lr)

    def loss_of(out, target):
        if regression:
            return torch.nn.functional.mse_loss(out.squeeze(1), target)
        return torch.nn.functional.cross_entropy(out, target)

    losses = []
    start = time.time()
    for u in range(a.updates):
        idx = [(u * a.batch + i) % n for i in range(a.batch)]
        hs, _ = rnn(x[idx])
        loss = loss_of(head(hs[:, -1]), y[idx])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, a.clip)
        opt.step()
        losses.append(loss.item())
    with torch.no_grad():
        out = head(rnn(tx)[0][:, -1])
        score = (loss_of(out, ty).item() if regression
                 else (out.argmax(1) == ty).float().mean().item())
    print(json.dumps({"cell": a.cell, "lr": a.lr, "updates": a.updates,
                      "mse" if regression else "accuracy": score,
                      "final_loss": float(np.mean(losses[-50:])),
                      "seconds": time.time() - start}))


if __name__ == "__main__":
    main()
