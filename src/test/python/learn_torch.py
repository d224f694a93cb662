#!/usr/bin/env python3
"""PyTorch reference for the `learn` experiment: trains nn.RNN/GRU/LSTM + Linear on a task data set
exported by `./run-bench.sh task ... --out DIR` (inputs.npy [N, T, I] float32, targets.npy [N] int64
class labels or float32 sums) and scores it on the held-out set DIR_TEST.

Same protocol as the Java `learn` experiment: batch u is sequences u*B .. u*B+B-1 modulo N in file
order (export N = cap * B sequences of the training stream, `task --split train --count N`, and no
sequence repeats: the fresh-batch protocol; a smaller N replays `learn --data fixed`), loss at the
final step (cross-entropy, or MSE for the adding task), clip_grad_norm_, Adam, PyTorch's default
initialisation, one thread; the held-out score every --eval-every updates, stopping at the first
evaluation that solves the task (accuracy >= 0.95, MSE < 0.01) or at --updates (the cap).

usage: learn_torch.py --train DIR --test DIR --cell rnn|gru|lstm [--hidden 64] [--batch 32]
                      [--updates 3000] [--eval-every 100] [--lr 1e-2] [--clip 1.0] [--seed 0]
                      [--forget-bias 1]
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
    p.add_argument("--updates", type=int, default=3000)
    p.add_argument("--eval-every", type=int, default=100)
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

    def score():
        with torch.no_grad():
            out = head(rnn(tx)[0][:, -1])
            return (loss_of(out, ty).item() if regression
                    else (out.argmax(1) == ty).float().mean().item())

    def solved(s):
        return s < 0.01 if regression else s >= 0.95

    losses = []
    start = time.time()
    evals = [(0, score())]
    solved_at = 0 if solved(evals[0][1]) else None
    u = 0
    while solved_at is None and u < a.updates:
        idx = [(u * a.batch + i) % n for i in range(a.batch)]
        hs, _ = rnn(x[idx])
        loss = loss_of(head(hs[:, -1]), y[idx])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, a.clip)
        opt.step()
        losses.append(loss.item())
        u += 1
        if u % a.eval_every == 0 or u == a.updates:
            evals.append((u, score()))
            if solved(evals[-1][1]):
                solved_at = u
    print(json.dumps({"cell": a.cell, "lr": a.lr, "cap": a.updates, "updates": u,
                      "updates_to_solve": solved_at,
                      "mse" if regression else "accuracy": evals[-1][1],
                      "final_loss": float(np.mean(losses[-50:])) if losses else None,
                      "evaluations": evals, "seconds": time.time() - start}))


if __name__ == "__main__":
    main()
