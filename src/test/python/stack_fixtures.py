#!/usr/bin/env python3
"""PyTorch reference fixtures for stacked and bidirectional models (issue 25; not run by mvn test).

For cell in rnn (tanh), gru, lstm, L in 2, 3 and uni-/bidirectional (D = 1 / 2) builds
torch.nn.{RNN,GRU,LSTM}(I, H, num_layers=L, bidirectional=bi) with an nn.Linear(D*H, V) read-out,
batch 1, time-major, and the FINAL loss

    output, _ = module(x[:, None, :])                 # output [T x 1 x D*H], last layer
    loss = cross_entropy(readout(output[-1]), target) # for bi: [forward h at T | reverse h at T]

The parameters are drawn in float32 and written as float32; the reference values are computed in
float64 from exactly those float32 values (module.double()). Into OUT/<cell>-l<L>-<uni|bi>/:

  <name>.npy                float32 <f4  every state_dict() entry under its own name:
                            weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k} and the
                            same with _reverse for the reverse direction (gate rows in PyTorch's
                            order: rnn [H x .], gru r,z,n [3H x .], lstm i,f,g,o [4H x .];
                            weight_ih_l0 [G x I], weight_ih_l{k>0} [G x D*H])
  out_weight.npy            float32 <f4  [V x D*H]    read-out weight
  out_bias.npy              float32 <f4  [V]
  inputs.npy                float32 <f4  [T x I]
  target.npy                int64   <i8  [1]          the target class
  expected_loss.npy         float64 <f8  [1]
  expected_grad_<name>.npy  float64 <f8  same shape as <name>, for every state_dict name and
                            out_weight, out_bias
  expected_layer_norms.npy  float64 <f8  [L x D x T]  ||dL/dh|| of layer l, direction d
                            (0 forward, 1 reverse) at sequence position t (0-based, the index in
                            the input: for the reverse direction the state after reading
                            x[T-1] .. x[t]), h = output_l[t, 0, d*H:(d+1)*H] of layer l's output;
                            the total gradient (through the recurrence and the layers above, as
                            crosscheck_torch.py's expected_dh; for lstm w.r.t. h_t alone, c_t
                            being a variable of its own);
                            0 where the state does not reach the loss (the last layer's reverse
                            states at t < T-1)

The per-position norms come from running the stack by hand: per layer and direction a
single-layer module with the weights copied, stepped one time step at a time with retain_grad
(as crosscheck_torch.py), layer l+1 fed the concatenated outputs of layer l. Its output, loss and
parameter gradients are asserted equal (atol 1e-12) to the fused module's, and its last layer's
norms to the fused output's .grad where that is the whole gradient (see run).

Usage: /usr/bin/python3 src/test/python/stack_fixtures.py [OUT]  (default src/test/resources/torch/stack)
"""
import copy
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

I, H, V, T, TARGET, SEED = 3, 4, 3, 5, 1, 2525
CELLS = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}
LAYERS = (2, 3)


def close(a, b):
    return torch.allclose(a, b, rtol=0.0, atol=1e-12)


def manual_stack(kind, fused, x):
    """Runs fused's stack layer by layer, direction by direction, one step at a time. Returns the
    last layer's output [T x 1 x D*H], the per-(layer, direction) single-layer modules with the
    suffix of the fused names they stand for, and hs[l][d][t] = that state (retain_grad)."""
    D = 2 if fused.bidirectional else 1
    weights = dict(fused.named_parameters())
    inp, singles, hs = x, [], []
    for l in range(fused.num_layers):
        layer = []
        for d in range(D):
            suffix = f"_l{l}" + ("_reverse" if d else "")
            single = CELLS[kind](inp.shape[-1], H).double()
            with torch.no_grad():
                for n, p in single.named_parameters():
                    p.copy_(weights[n.replace("_l0", suffix)])
            states, state = [None] * T, None
            for t in (range(T - 1, -1, -1) if d else range(T)):
                _, state = single(inp[t:t + 1], state)
                h = state[0] if kind == "lstm" else state  # [1 x 1 x H], feeds t+-1 and layer l+1
                h.retain_grad()
                states[t] = h
            singles.append((single, suffix))
            layer.append(states)
        hs.append(layer)
        inp = torch.cat([torch.cat([layer[d][t] for d in range(D)], dim=-1) for t in range(T)])
    return inp, singles, hs


def run(kind, layers, bi, out_dir, seed):
    D = 2 if bi else 1
    torch.manual_seed(seed)
    rnn = CELLS[kind](I, H, num_layers=layers, bidirectional=bi)  # float32, rnn: tanh
    readout = torch.nn.Linear(D * H, V)
    x = torch.randn(T, I)
    target = torch.tensor([TARGET])

    # The fused module, in float64 from the float32 values.
    fused, ro = copy.deepcopy(rnn).double(), copy.deepcopy(readout).double()
    output, _ = fused(x.double()[:, None, :])
    output.retain_grad()
    loss = F.cross_entropy(ro(output[-1]), target)
    loss.backward()

    # The same stack by hand.
    ro_m = copy.deepcopy(readout).double()
    output_m, singles, hs = manual_stack(kind, fused, x.double()[:, None, :])
    loss_m = F.cross_entropy(ro_m(output_m[-1]), target)
    loss_m.backward()
    name = os.path.basename(out_dir)
    assert close(output_m, output.detach()) and close(loss_m, loss), name
    fused_grads = dict(fused.named_parameters())
    for single, suffix in singles:
        for n, p in single.named_parameters():
            assert close(p.grad, fused_grads[n.replace("_l0", suffix)].grad), (name, n, suffix)
    for a, b in ((ro_m.weight, ro.weight), (ro_m.bias, ro.bias)):
        assert close(a.grad, b.grad), name
    norms = torch.tensor([[[hs[l][d][t].grad.norm().item() if hs[l][d][t].grad is not None
                            else 0.0 for t in range(T)] for d in range(D)] for l in range(layers)],
                         dtype=torch.float64)
    # The fused output's .grad is only the read-out's direct part: it equals the total at the
    # final position, and everywhere for the last layer's reverse direction (which reaches the loss
    # only through position T-1).
    direct = output.grad[:, 0, :].reshape(T, D, H).norm(dim=-1).T  # [D x T]
    assert close(norms[-1, :, -1], direct[:, -1]), name
    assert not bi or close(norms[-1, 1], direct[1]), name

    os.makedirs(out_dir, exist_ok=True)

    def save(n, tensor, dtype):
        np.save(os.path.join(out_dir, n + ".npy"),
                np.ascontiguousarray(tensor.detach().numpy().astype(dtype)))

    grads = {n: p.grad for n, p in fused.named_parameters()}
    grads["out_weight"], grads["out_bias"] = ro.weight.grad, ro.bias.grad
    params = dict(rnn.state_dict())
    params["out_weight"], params["out_bias"] = readout.weight, readout.bias
    assert params.keys() == grads.keys(), name
    for n, p in params.items():
        save(n, p, "<f4")
        save("expected_grad_" + n, grads[n], "<f8")
    save("inputs", x, "<f4")
    save("target", target, "<i8")
    save("expected_loss", loss.reshape(1), "<f8")
    save("expected_layer_norms", norms, "<f8")
    print(f"{name}: loss {loss.item():.6f}, {len(params)} parameters -> {out_dir}")


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/torch/stack"
    for c, kind in enumerate(CELLS):
        for layers in LAYERS:
            for bi in (False, True):
                name = f"{kind}-l{layers}-{'bi' if bi else 'uni'}"
                run(kind, layers, bi, os.path.join(root, name), SEED + 100 * c + 10 * layers + bi)
