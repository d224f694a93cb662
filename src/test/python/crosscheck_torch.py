#!/usr/bin/env python3
"""PyTorch reference fixtures for TorchFixtureTest (not run by mvn test).

Builds a random nn.RNN / nn.GRU / nn.LSTM (1 layer, batch 1) with an nn.Linear read-out, takes the
FINAL loss L_T = cross_entropy(out(h_T), target) and writes, as float32 .npy, into OUT/<cell>/:
  weight_ih, weight_hh, bias_ih, bias_hh (state_dict without the _l0 suffix), out_weight, out_bias,
  inputs [T x I], expected_loss [1], expected_dh [T x H] = dL_T/dh_t (total, via retain_grad),
  for lstm also expected_dc [T x H] = dL_T/dc_t with h_t held fixed (the grad of the c returned by
  step t), and expected_grad_<name> for every parameter.

The layer is stepped one time step at a time, carrying (h, c) between calls, so that the per-step
states are graph nodes whose .grad is the total gradient; the full-sequence call must agree.

Usage: /usr/bin/python3 src/test/python/crosscheck_torch.py [OUT]   (default src/test/resources/torch)
"""
import os
import sys

import numpy as np
import torch

I, H, V, T, TARGET, SEED = 3, 5, 4, 6, 2, 1234


def build(kind):
    cls = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind]
    return cls(I, H, num_layers=1), torch.nn.Linear(H, V)


def run(kind, out_dir):
    torch.manual_seed(SEED + len(kind))
    cell, readout = build(kind)
    x = torch.randn(T, I)
    zeros = torch.zeros(1, H)
    state = (zeros, zeros.clone()) if kind == "lstm" else zeros
    hs, cs = [], []
    for t in range(T):
        _, state = cell(x[t:t + 1], state)
        h, c = state if kind == "lstm" else (state, None)
        h.retain_grad()
        hs.append(h)
        if c is not None:
            c.retain_grad()
            cs.append(c)
    loss = torch.nn.functional.cross_entropy(readout(hs[-1]), torch.tensor([TARGET]))
    loss.backward()

    with torch.no_grad():  # the fused full-sequence call gives the same last state
        full, _ = cell(x)
        assert torch.allclose(full[-1], hs[-1][0], atol=1e-6), kind

    os.makedirs(out_dir, exist_ok=True)

    def save(name, tensor):
        np.save(os.path.join(out_dir, name + ".npy"),
                np.ascontiguousarray(tensor.detach().numpy().astype("<f4")))

    params = {k.replace("_l0", ""): v for k, v in cell.named_parameters()}
    params["out_weight"], params["out_bias"] = readout.weight, readout.bias
    for name, p in params.items():
        save(name, p)
        save("expected_grad_" + name, p.grad)
    save("inputs", x)
    save("expected_loss", loss.reshape(1))
    grad_or_zero = lambda v: v.grad if v.grad is not None else torch.zeros_like(v)
    save("expected_dh", torch.cat([grad_or_zero(h) for h in hs]))
    if cs:
        save("expected_dc", torch.cat([grad_or_zero(c) for c in cs]))
    print(f"{kind}: loss {loss.item():.6f} -> {out_dir}")


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/torch"
    for kind in ("rnn", "gru", "lstm"):
        run(kind, os.path.join(root, kind))
