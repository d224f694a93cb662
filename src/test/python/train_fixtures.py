#!/usr/bin/env python3
"""PyTorch reference training runs for TorchTrainingTest (not run by mvn test).

Each run trains nn.RNN / nn.GRU / nn.LSTM (1 layer, or stacked and bidirectional: num_layers,
bidirectional; time-major input) + an nn.Linear read-out on the same small data set, the way a
PyTorch user writes the loop:

    out, h = rnn(x_chunk, h)              # x time-major [T x B x I]
    loss = cross_entropy(readout(out[-1]), y)                        # --loss final
         | cross_entropy(readout(out).reshape(-1, V), y.reshape(-1)) # --loss all (mean over T*B)
    opt.zero_grad(); loss.backward()
    total = clip_grad_norm_(params, C)    # returns the total norm before clipping
    opt.step()
    h = h.detach()                        # truncated BPTT: carried, no gradient across the cut

Batch u holds sequences (u*B + j) mod N, j = 0..B-1, in file order. With tbptt K each batch is
cut into chunks of K steps; a chunk with a loss term gets its own backward and optimizer step,
a chunk without one (final-step loss, not the last chunk) only carries the state.

Writes into OUT/data/: inputs [N x T x I], targets_final [N], targets_all [N x T] (classes stored
as float32, exact for small integers), and into OUT/<run>/: config.json, the initial parameters
<name>.npy (state_dict names without _l0, then out_weight, out_bias), the trained ones
final_<name>.npy, and loss.npy / grad_norm.npy with one entry per optimizer step. The stacked runs
(config.json has num_layers and bidirectional; the single-layer runs' configs have neither) keep
the full state_dict names, weight_ih_l{k}, ..., bias_hh_l{k}_reverse, and out_weight is
[V x D*H] (D = 2 if bidirectional): the read-out sees out[-1] = [forward h_T | reverse h_T].

Usage: /usr/bin/python3 src/test/python/train_fixtures.py [OUT]  (default src/test/resources/torch/train)
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

I, H, V, T, N, B, UPDATES, SEED = 3, 8, 4, 10, 10, 4, 20, 2024

ADAM = dict(optimizer="adam", lr=0.01, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0)
SGD = dict(optimizer="sgd", lr=0.1, momentum=0.9, dampening=0.0, nesterov=False,
           weight_decay=1e-4)
# clip_norm 1.0 as a user would write it; 0.1 where the gated cells' mean-loss gradients stay
# below 1, so that clipping is exercised with them too.
RUNS = {
    "adam-rnn": dict(cell="rnn", loss="all", clip_norm=1.0, tbptt=0, **ADAM),
    "adam-rnn-relu": dict(cell="rnn", activation="relu", loss="final", clip_norm=1.0, tbptt=0,
                          **ADAM),
    "adam-gru": dict(cell="gru", loss="all", clip_norm=1.0, tbptt=0, **ADAM),
    "adam-lstm": dict(cell="lstm", loss="final", clip_norm=1.0, tbptt=0, **ADAM),
    "sgd-rnn": dict(cell="rnn", loss="final", clip_norm=1.0, tbptt=0, **SGD),
    "sgd-gru": dict(cell="gru", loss="final", clip_norm=1.0, tbptt=0, **SGD),
    "sgd-lstm": dict(cell="lstm", loss="all", clip_norm=0.1, tbptt=0, **SGD),
    "sgd-nesterov-rnn": dict(cell="rnn", loss="all", clip_norm=1.0, tbptt=0,
                             **dict(SGD, nesterov=True, weight_decay=1e-3)),
    "sgd-dampening-gru": dict(cell="gru", loss="final", clip_norm=1.0, tbptt=0,
                              **dict(SGD, dampening=0.5)),
    "adam-l2-gru": dict(cell="gru", loss="final", clip_norm=1.0, tbptt=0,
                        **dict(ADAM, weight_decay=0.05)),
    "adamw-lstm": dict(cell="lstm", loss="all", clip_norm=0.1, tbptt=0,
                       **dict(ADAM, optimizer="adamw", weight_decay=0.05)),
    "tbptt-gru-all": dict(cell="gru", loss="all", clip_norm=0.1, tbptt=4, **ADAM),
    "tbptt-lstm-final": dict(cell="lstm", loss="final", clip_norm=0.1, tbptt=4, **SGD),
    # Stacked / bidirectional (issue 25): parameters under their full state_dict names.
    "adam-lstm-l2-bi": dict(cell="lstm", num_layers=2, bidirectional=True, loss="final",
                            clip_norm=1.0, tbptt=0, **ADAM),
    "adam-gru-l3": dict(cell="gru", num_layers=3, bidirectional=False, loss="final",
                        clip_norm=1.0, tbptt=0, **ADAM),
    "adam-rnn-l2-bi": dict(cell="rnn", num_layers=2, bidirectional=True, loss="final",
                           clip_norm=1.0, tbptt=0, **ADAM),
}


def data():
    g = torch.Generator().manual_seed(SEED)
    x = 1.5 * torch.randn(N, T, I, generator=g)
    y_final = torch.randint(0, V, (N,), generator=g)
    y_all = torch.randint(0, V, (N, T), generator=g)
    return x, y_final, y_all


def optimizer(params, c):
    if c["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=c["lr"], momentum=c["momentum"],
                               dampening=c["dampening"], nesterov=c["nesterov"],
                               weight_decay=c["weight_decay"])
    cls = torch.optim.Adam if c["optimizer"] == "adam" else torch.optim.AdamW
    return cls(params, lr=c["lr"], betas=tuple(c["betas"]), eps=c["eps"],
               weight_decay=c["weight_decay"])


def detach(h):
    return tuple(v.detach() for v in h) if isinstance(h, tuple) else h.detach()


def train(name, c, x_all, y_final, y_all, out_dir):
    torch.manual_seed(SEED + sum(map(ord, name)))
    stack = dict(num_layers=c.get("num_layers", 1), bidirectional=c.get("bidirectional", False))
    if c["cell"] == "rnn":
        rnn = torch.nn.RNN(I, H, nonlinearity=c.get("activation", "tanh"), **stack)
    else:
        rnn = {"gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[c["cell"]](I, H, **stack)
    readout = torch.nn.Linear(H * (2 if stack["bidirectional"] else 1), V)
    single = "num_layers" not in c  # the single-layer runs keep the names without _l0
    named = {k.replace("_l0", "") if single else k: v for k, v in rnn.named_parameters()}
    named["out_weight"], named["out_bias"] = readout.weight, readout.bias
    os.makedirs(out_dir, exist_ok=True)
    save = lambda n, t: np.save(os.path.join(out_dir, n + ".npy"),
                                np.ascontiguousarray(t.detach().numpy().astype("<f4")))
    for n, p in named.items():
        save(n, p)
    params = list(named.values())
    opt = optimizer(params, c)
    k = c["tbptt"] or T
    losses, norms = [], []
    for u in range(UPDATES):
        idx = torch.tensor([(u * B + j) % N for j in range(B)])
        x = x_all[idx].transpose(0, 1)             # [T x B x I]
        y = y_final[idx] if c["loss"] == "final" else y_all[idx].transpose(0, 1)  # [B] / [T x B]
        h = None
        for s in range(0, T, k):
            out, h = rnn(x[s:s + k], h)
            if c["loss"] == "all":
                logits = readout(out)
                loss = F.cross_entropy(logits.reshape(-1, V), y[s:s + k].reshape(-1))
            elif s + k >= T:
                loss = F.cross_entropy(readout(out[-1]), y)
            else:
                h = detach(h)
                continue
            opt.zero_grad()
            loss.backward()
            norms.append(torch.nn.utils.clip_grad_norm_(params, c["clip_norm"]).item())
            losses.append(loss.item())
            opt.step()
            h = detach(h)
    for n, p in named.items():
        save("final_" + n, p)
    np.save(os.path.join(out_dir, "loss.npy"), np.array(losses, dtype="<f8"))
    np.save(os.path.join(out_dir, "grad_norm.npy"), np.array(norms, dtype="<f8"))
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(dict(c, batch=B, updates=UPDATES), f, indent=1, sort_keys=True)
    clipped = sum(n > c["clip_norm"] for n in norms)
    print(f"{name}: {len(losses)} steps, loss {losses[0]:.4f} -> {losses[-1]:.4f},"
          f" clipped {clipped}/{len(norms)}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    root = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/torch/train"
    x_all, y_final, y_all = data()
    os.makedirs(os.path.join(root, "data"), exist_ok=True)
    for n, t in (("inputs", x_all), ("targets_final", y_final), ("targets_all", y_all)):
        np.save(os.path.join(root, "data", n + ".npy"),
                np.ascontiguousarray(t.numpy().astype("<f4")))
    for name, c in RUNS.items():
        train(name, c, x_all, y_final, y_all, os.path.join(root, name))
