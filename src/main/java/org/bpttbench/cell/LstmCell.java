package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.LSTM} (one layer, batch 1, no projection), gate blocks i|f|g|o stacked in
 * that order, each pre-activation {@code a = W_i·x_t + b_i + W_h·h_{t−1} + b_h}:
 * <pre>
 *   i, f, o = σ(a_i), σ(a_f), σ(a_o)      g = tanh(a_g)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g              h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * <p>The state at step t is {@code [h_t | c_t]} (2H floats). Backward carries
 * {@code [dL/dh_t | dL/dc_t]}, where dL/dc_t is the gradient with h_t held fixed, i.e. through
 * c_{t+1} only; the path c_t → h_t belongs to step t. That c half is the partial derivative PyTorch
 * gives when the sequence is stepped with {@code nn.LSTM} (the grad of the {@code c_n} fed to the
 * next call), not {@code nn.LSTMCell}'s {@code c.grad}, which is the total derivative including
 * c_t → h_t: that one is {@link #totalCellGradient()}. The additive path is
 * dL/dc_{t−1} = f_t ⊙ (dL/dc_t + dL/dh_t ⊙ o_t ⊙ (1 − tanh²c_t)): with f ≈ 1 it does not decay.
 *
 * <p>Per step: one gemv over the whole stacked {@code 4H×H} weight_hh plus elementwise kernels;
 * the input projections of all steps are one gemm before the recurrence. All four blocks see the
 * biases only as b_ih + b_hh, so both bias gradients equal the pre-activation gradient.
 */
public final class LstmCell implements RecurrentCell {

  private final Kernels k;
  private final Model p;
  private final int in;
  private final int hid;
  private final int gh;            // 4H
  private final int maxSteps;
  private final float[] states;    // (maxSteps+1)×2H: [h_t | c_t]
  private final float[] gates;     // maxSteps×4H: pre-activations, then in place i|f|g|o
  private final float[] tanhC;     // maxSteps×H: tanh(c_t)
  private final float[] gateGrad;  // maxSteps×4H: dL/d(pre-activations)
  private final float[] bias;      // b_ih + b_hh
  private final float[] dc;        // H: dL/dc_t including the path through h_t

  public LstmCell(Model params, Kernels kernels, int maxSteps) {
    if (params.kind != CellKind.LSTM) {
      throw new IllegalArgumentException("LstmCell needs an lstm model, got " + params.kind.id());
    }
    this.k = kernels;
    this.p = params;
    this.in = params.inputSize;
    this.hid = params.hiddenSize;
    this.gh = 4 * hid;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * 2 * hid];
    this.gates = new float[maxSteps * gh];
    this.tanhC = new float[maxSteps * hid];
    this.gateGrad = new float[maxSteps * gh];
    this.bias = new float[gh];
    this.dc = new float[hid];
  }

  /** Heap bytes this class allocates for {@code maxSteps} (see {@link ArrayBytes}). */
  static long workspaceBytes(int input, int hidden, int maxSteps) {
    long steps = ArrayBytes.product(maxSteps, hidden);
    return ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(2, steps + hidden)),
        2 * ArrayBytes.floats(ArrayBytes.product(4, steps)), ArrayBytes.floats(steps),
        ArrayBytes.floats(4L * hidden), ArrayBytes.floats(hidden));
  }

  @Override
  public CellKind kind() {
    return CellKind.LSTM;
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int hiddenSize() {
    return hid;
  }

  @Override
  public int stateSize() {
    return 2 * hid;
  }

  @Override
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public float[] states() {
    return states;
  }

  @Override
  public void forward(float[] inputs, int inOff, int steps) {
    float[] whh = p.weightHh.data();
    k.add(p.biasIh.data(), 0, p.biasHh.data(), 0, bias, 0, gh);
    k.gemm(false, true, steps, gh, in, 1f, inputs, inOff, in, p.weightIh.data(), 0, in,
        0f, gates, 0, gh);
    for (int t = 1; t <= steps; t++) {
      int i = (t - 1) * gh;
      int f = i + hid;
      int g = f + hid;
      int o = g + hid;
      int hPrev = (t - 1) * 2 * hid;
      int cPrev = hPrev + hid;
      int h = t * 2 * hid;
      int c = h + hid;
      int tc = (t - 1) * hid;
      k.add(gates, i, bias, 0, gates, i, gh);
      k.gemvAcc(whh, 0, gh, hid, states, hPrev, gates, i);
      k.sigmoid(gates, i, gates, i, 2 * hid);
      k.tanh(gates, g, gates, g, hid);
      k.sigmoid(gates, o, gates, o, hid);
      k.mul(gates, f, states, cPrev, states, c, hid);
      k.mulAcc(gates, i, gates, g, states, c, hid);
      k.tanh(states, c, tanhC, tc, hid);
      k.mul(gates, o, tanhC, tc, states, h, hid);
    }
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int i = (t - 1) * gh;
    int f = i + hid;
    int g = f + hid;
    int o = g + hid;
    int cPrev = (t - 1) * 2 * hid + hid;
    int tc = (t - 1) * hid;
    int dh = carryOff;
    // dA_o = dh ⊙ tanh(c) ⊙ σ'(o)
    k.mul(carry, dh, tanhC, tc, gateGrad, o, hid);
    k.sigmoidBackward(gates, o, gateGrad, o, gateGrad, o, hid);
    // dc = dL/dc_t (carried) + dh ⊙ o ⊙ (1 − tanh² c)
    k.mul(carry, dh, gates, o, dc, 0, hid);
    k.tanhBackward(tanhC, tc, dc, 0, dc, 0, hid);
    k.add(dc, 0, carry, carryOff + hid, dc, 0, hid);
    k.mul(dc, 0, gates, g, gateGrad, i, hid);
    k.sigmoidBackward(gates, i, gateGrad, i, gateGrad, i, hid);
    k.mul(dc, 0, states, cPrev, gateGrad, f, hid);
    k.sigmoidBackward(gates, f, gateGrad, f, gateGrad, f, hid);
    k.mul(dc, 0, gates, i, gateGrad, g, hid);
    k.tanhBackward(gates, g, gateGrad, g, gateGrad, g, hid);
    k.mul(dc, 0, gates, f, out, outOff + hid, hid);
    k.gemvT(p.weightHh.data(), 0, gh, hid, gateGrad, i, out, outOff);
  }

  /**
   * With D_c = diag(c_{t−1}·f(1−f))·W_hf + diag(g·i(1−i))·W_hi + diag(i(1−g²))·W_hg = ∂c_t/∂h_{t−1}
   * and s = o(1 − tanh²c_t): ∂c_t/∂c_{t−1} = diag(f), ∂h_t/∂h_{t−1} = diag(tanh(c_t)·o(1−o))·W_ho
   * + diag(s)·D_c, ∂h_t/∂c_{t−1} = diag(s·f).
   */
  @Override
  public void stepJacobian(int t, float[] jac, int off) {
    int gi = (t - 1) * gh;
    int cPrev = (t - 1) * 2 * hid + hid;
    int tc = (t - 1) * hid;
    float[] w = p.weightHh.data();
    int hh = hid * hid;
    int d = 2 * hid;
    for (int j = 0; j < hid; j++) {
      float ii = gates[gi + j];
      float ff = gates[gi + hid + j];
      float gg = gates[gi + 2 * hid + j];
      float oo = gates[gi + 3 * hid + j];
      float tanh = tanhC[tc + j];
      float s = oo * (1f - tanh * tanh);
      int rowH = off + j * d;
      int rowC = off + (hid + j) * d;
      java.util.Arrays.fill(jac, rowH, rowH + d, 0f);
      java.util.Arrays.fill(jac, rowC, rowC + d, 0f);
      k.axpy(gg * ii * (1f - ii), w, j * hid, jac, rowC, hid);
      k.axpy(states[cPrev + j] * ff * (1f - ff), w, hh + j * hid, jac, rowC, hid);
      k.axpy(ii * (1f - gg * gg), w, 2 * hh + j * hid, jac, rowC, hid);
      jac[rowC + hid + j] = ff;
      k.axpy(tanh * oo * (1f - oo), w, 3 * hh + j * hid, jac, rowH, hid);
      k.axpy(s, jac, rowC, jac, rowH, hid);
      jac[rowH + hid + j] = s * ff;
    }
  }

  @Override
  public float[] totalCellGradient() {
    return dc;
  }

  @Override
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps, gateGrad, gateGrad, inputs, inOff, states, 2 * hid,
        grads);
  }
}
