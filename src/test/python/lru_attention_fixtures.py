#!/usr/bin/env python3
"""PyTorch reference fixtures for seq/SeqTorchFixtureTest (not run by mvn test).

float64 PyTorch, with every parameter and input rounded to float32 first (so both sides compute
with the same values and the Java float32 result differs from these only by its own rounding).
Each case: a batch of B sequences of T steps (time-major, x [T x B x I]), the model, the read-out
nn.Linear(W, V) on the final step's output, loss = cross_entropy(logits, targets) (mean over the
batch). Written into OUT/<case>/ as float32 .npy: every parameter (state_dict names), out_weight,
out_bias, inputs [T x B x I], targets [B] (as float), expected_loss [1],
expected_grad_<name> for every parameter, and the per-step gradients:
  lru, lru_long: expected_dh [T x B x 2N] = dL/dh_t as [Re | Im] (h_t.grad of the complex state, whose
              real and imaginary parts are dL/dRe h_t and dL/dIm h_t), expected_norms [T x B]
  attention*: expected_dx [T x B x I] = dL/dx_t, expected_norms [T x B]

The LRU (Orvieto et al. 2023, the reference code's forward_LRU) written out with complex tensors:
  u = embed(x) (I != H); lam = exp(-exp(nu_log) + 1j*exp(theta_log));
  h_t = lam*h_{t-1} + exp(gamma_log) * ((B_re + 1j*B_im) @ u_t); y_t = Re((C_re + 1j*C_im) @ h_t) + D*u_t
Attention: nn.MultiheadAttention(E, heads) on z = embed(x) + pe (sinusoidal, fixed) with the causal
boolean attn_mask (True above the diagonal = not allowed).

Usage: /usr/bin/python3 src/test/python/lru_attention_fixtures.py [OUT]   (default src/test/resources/torch)
"""
import math
import os
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def f32(t):
    """Rounds a float64 tensor to float32 values, in place, keeping float64."""
    with torch.no_grad():
        t.copy_(t.to(torch.float32).to(torch.float64))
    return t


class Lru(torch.nn.Module):
    def __init__(self, I, H, N, r_min, r_max, max_phase, rng):
        super().__init__()
        if I != H:
            self.embed = torch.nn.Linear(I, H)
        u1, u2 = rng.uniform(size=N), rng.uniform(size=N)
        nu_log = np.log(-0.5 * np.log(u1 * (r_max ** 2 - r_min ** 2) + r_min ** 2))
        theta_log = np.log(max_phase * u2)
        lam = np.exp(-np.exp(nu_log) + 1j * np.exp(theta_log))
        P = lambda a: torch.nn.Parameter(torch.tensor(a))
        self.nu_log, self.theta_log = P(nu_log), P(theta_log)
        self.gamma_log = P(np.log(np.sqrt(1 - np.abs(lam) ** 2)))
        self.B_re = P(rng.normal(size=(N, H)) / np.sqrt(2 * H))
        self.B_im = P(rng.normal(size=(N, H)) / np.sqrt(2 * H))
        self.C_re = P(rng.normal(size=(H, N)) / np.sqrt(N))
        self.C_im = P(rng.normal(size=(H, N)) / np.sqrt(N))
        self.D = P(rng.normal(size=H))

    def forward(self, x):
        u = self.embed(x) if hasattr(self, "embed") else x
        lam = torch.exp(-torch.exp(self.nu_log) + 1j * torch.exp(self.theta_log))
        b_norm = (self.B_re + 1j * self.B_im) * torch.exp(self.gamma_log)[:, None]
        c = self.C_re + 1j * self.C_im
        h = torch.zeros(x.shape[1], self.nu_log.shape[0], dtype=torch.complex128)
        hs, ys = [], []
        for t in range(x.shape[0]):
            h = lam * h + u[t].to(torch.complex128) @ b_norm.T
            h.retain_grad()
            hs.append(h)
            ys.append((h @ c.T).real + self.D * u[t])
        return torch.stack(ys), hs


def positional_encoding(T, E):
    pe = torch.zeros(T, E)
    for p in range(T):
        for i in range(E):
            freq = 10000.0 ** (-(i - i % 2) / E)
            pe[p, i] = math.sin(p * freq) if i % 2 == 0 else math.cos(p * freq)
    return pe


class Attention(torch.nn.Module):
    def __init__(self, I, E, heads):
        super().__init__()
        if I != E:
            self.embed = torch.nn.Linear(I, E)
        self.mha = torch.nn.MultiheadAttention(E, heads)

    def forward(self, x):
        T = x.shape[0]
        e = self.embed(x) if hasattr(self, "embed") else x
        z = e + positional_encoding(T, self.mha.embed_dim)[:, None, :]
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        y, _ = self.mha(z, z, z, attn_mask=mask, need_weights=False)
        return y


def names(model):
    # the Java names: nn.MultiheadAttention's own state_dict names, without the "mha." prefix
    return {k.replace("mha.", ""): v for k, v in model.named_parameters()}


def write(out_dir, model, readout, x, targets, extra):
    os.makedirs(out_dir, exist_ok=True)

    def save(name, tensor):
        a = tensor.detach().numpy() if torch.is_tensor(tensor) else np.asarray(tensor)
        np.save(os.path.join(out_dir, name + ".npy"), np.ascontiguousarray(a.astype("<f4")))

    params = names(model)
    params["out_weight"], params["out_bias"] = readout.weight, readout.bias
    for name, p in params.items():
        save(name, p)
        save("expected_grad_" + name, p.grad)
    save("inputs", x)
    save("targets", targets.to(torch.float64))
    for name, v in extra.items():
        save(name, v)
    print(out_dir, ", ".join(sorted(params)))


def lru_case(out_dir, T=6, B=2, I=3, H=4, N=5, V=3, seed=24, ring=(0.5, 0.95, math.pi)):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Lru(I, H, N, *ring, rng)
    readout = torch.nn.Linear(H, V)
    for p in list(model.parameters()) + list(readout.parameters()):
        f32(p)
    x = f32(torch.randn(T, B, I))
    targets = torch.tensor([2, 0, 1][:B])
    y, hs = model(x)
    loss = torch.nn.functional.cross_entropy(readout(y[-1]), targets)
    loss.backward()
    dh = torch.stack([torch.cat([h.grad.real, h.grad.imag], dim=-1) for h in hs])
    # PyTorch's convention for a real loss: z.grad = dL/dRe z + i dL/dIm z; check it on h_T by
    # differentiating the loss's dependence on h_T through real and imaginary parts
    re2 = hs[-1].real.detach().clone().requires_grad_(True)
    im2 = hs[-1].imag.detach().clone().requires_grad_(True)
    u_last = (model.embed(x[-1]) if hasattr(model, "embed") else x[-1]).detach()
    y_last = ((re2 + 1j * im2) @ (model.C_re + 1j * model.C_im).detach().T).real
    l_last = torch.nn.functional.cross_entropy(readout(y_last + model.D.detach() * u_last), targets)
    d_re, d_im = torch.autograd.grad(l_last, [re2, im2])  # accumulates into no .grad
    assert torch.allclose(d_re, hs[-1].grad.real) and torch.allclose(d_im, hs[-1].grad.imag)
    write(out_dir, model, readout, x, targets, {
        "expected_loss": loss.detach().reshape(1),
        "expected_dh": dh,
        "expected_norms": dh.norm(dim=-1),
    })


def attention_case(out_dir, I, E, heads, seed):
    T, B, V = 5, 3, 4
    torch.manual_seed(seed)
    model = Attention(I, E, heads)
    with torch.no_grad():  # non-zero biases, so that their gradients are checked too
        model.mha.in_proj_bias.uniform_(-0.3, 0.3)
        model.mha.out_proj.bias.uniform_(-0.3, 0.3)
    readout = torch.nn.Linear(E, V)
    for p in list(model.parameters()) + list(readout.parameters()):
        f32(p)
    x = f32(torch.randn(T, B, I)).requires_grad_(True)
    targets = torch.tensor([1, 3, 0])
    y = model(x)
    loss = torch.nn.functional.cross_entropy(readout(y[-1]), targets)
    loss.backward()
    write(out_dir, model, readout, x, targets, {
        "expected_loss": loss.detach().reshape(1),
        "expected_dx": x.grad,
        "expected_norms": x.grad.norm(dim=-1),
    })


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/torch"
    lru_case(os.path.join(out, "lru"))
    # 60 steps, no embedding (I = H), the paper's long-range ring: the per-step norms over a long lag
    lru_case(os.path.join(out, "lru_long"), T=60, B=1, I=4, H=4, N=3, V=3, seed=27,
             ring=(0.9, 0.999, math.pi / 10))
    attention_case(os.path.join(out, "attention"), 3, 4, 2, 25)
    attention_case(os.path.join(out, "attention_h1"), 4, 4, 1, 26)


if __name__ == "__main__":
    main()
