package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.LSTM} (one layer, no projection), gate blocks i|f|g|o stacked in that order,
 * each pre-activation {@code a = W_i·x_t + b_i + W_h·h_{t−1} + b_h}:
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
 * <p>Per step: one product (B×H)·W_hhᵀ over the whole stacked {@code 4H×H} weight_hh (packed once
 * per pass, {@link BatchProducts}; the rows of h_{t−1} are 2H apart, as the state rows hold [h | c]) accumulated onto the
 * input projections, which are one GEMM for all steps before the recurrence; then the gates and
 * the cell update row by row. Backward: the pre-activation gradients row by row, the c-path
 * f ⊙ dc, then one product (B×4H)·W_hh for the h-path. All four blocks see the biases only as
 * b_ih + b_hh, so both bias gradients equal the pre-activation gradient.
 */
public final class LstmCell extends CellBase {
  private final float[] gates;    // maxSteps·maxBatch×4H: pre-activations, then in place i|f|g|o
  private final float[] tanhC;    // maxSteps·maxBatch×H: tanh(c_t)
  private final float[] gateGrad; // maxSteps·maxBatch×4H
  private final float[] bias;     // b_ih + b_hh
  private final float[] dc;       // maxBatch×H: dL/dc_t including the path through h_t

  public LstmCell(Layer params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.LSTM, kernels, maxBatch, maxSteps);
    this.gates = perRow(gh);
    this.tanhC = perRow(hid);
    this.gateGrad = perRow(gh);
    this.bias = new float[gh];
    this.dc = new float[maxBatch * hid];
  }

  /** Heap bytes this class allocates (see {@link ArrayBytes}). */
  static long workspaceBytes(int hidden, int maxBatch, int maxSteps) {
    return ArrayBytes.sum(stateBytes(CellKind.LSTM, hidden, maxBatch, maxSteps),
        2 * rowBytes(maxBatch, maxSteps, 4L * hidden), rowBytes(maxBatch, maxSteps, hidden),
        ArrayBytes.floats(4L * hidden), ArrayBytes.floats(ArrayBytes.product(maxBatch, hidden)));
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjectionWithBothBiases(k, p, bias, inputs, inOff, steps * batch, gates);
    for (int t = 1; t <= steps; t++) {
      int row0 = gateRow(t);
      BatchProducts.recurrent(k, p, forwardPacked, states, state(t - 1, 0), 2 * hid, batch, 1f,
          gates, row0);
      for (int b = 0; b < batch; b++) {
        int i = row0 + b * gh;
        int g = i + 2 * hid;
        k.tanh(gates, g, gates, g, hid);
        k.sigmoid(gates, g + hid, gates, g + hid, hid);
        k.sigmoid(gates, i, gates, i, 2 * hid);
        updateCell(i, state(t - 1, b) + hid, state(t, b), row(t, b));
      }
    }
  }

  /** c = i ⊙ g + f ⊙ c_{t−1}, h = o ⊙ tanh(c); row {@code tcRow} of tanhC. */
  private void updateCell(int i, int cPrev, int h, int tcRow) {
    int c = h + hid;
    int tc = tcRow * hid;
    k.mul(gates, i, gates, i + 2 * hid, states, c, hid);
    k.mulAcc(gates, i + hid, states, cPrev, states, c, hid);
    k.tanh(states, c, tanhC, tc, hid);
    k.mul(gates, i + 3 * hid, tanhC, tc, states, h, hid);
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int row0 = gateRow(t);
    int s = 2 * hid;
    for (int b = 0; b < batch; b++) {
      int i = row0 + b * gh;
      int f = i + hid;
      int g = f + hid;
      int o = g + hid;
      int dh = carryOff + b * s;
      int tc = row(t, b) * hid;
      int d = b * hid;
      // dc = dL/dc_t (carried) + dh ⊙ o ⊙ (1 − tanh² c); dA_o = dh ⊙ tanh(c) ⊙ σ'(o)
      k.mul(carry, dh, gates, o, dc, d, hid);
      k.tanhBackward(tanhC, tc, dc, d, dc, d, hid);
      k.add(dc, d, carry, dh + hid, dc, d, hid);
      k.mul(carry, dh, tanhC, tc, gateGrad, o, hid);
      k.sigmoidBackward(gates, o, gateGrad, o, gateGrad, o, hid);
      k.mul(dc, d, gates, i, gateGrad, g, hid);
      k.tanhBackward(gates, g, gateGrad, g, gateGrad, g, hid);
      k.mul(dc, d, gates, g, gateGrad, i, hid);
      k.mul(dc, d, states, state(t - 1, b) + hid, gateGrad, f, hid);
      k.sigmoidBackward(gates, i, gateGrad, i, gateGrad, i, 2 * hid);
      k.mul(dc, d, gates, f, out, outOff + b * s + hid, hid);
    }
    BatchProducts.carry(k, p, carryPacked, gateGrad, row0, batch, 0f, out, outOff, s);
  }

  /**
   * With D_c = diag(c_{t−1}·f(1−f))·W_hf + diag(g·i(1−i))·W_hi + diag(i(1−g²))·W_hg = ∂c_t/∂h_{t−1}
   * and s = o(1 − tanh²c_t): ∂c_t/∂c_{t−1} = diag(f), ∂h_t/∂h_{t−1} = diag(tanh(c_t)·o(1−o))·W_ho
   * + diag(s)·D_c, ∂h_t/∂c_{t−1} = diag(s·f).
   */
  @Override
  public void stepJacobian(int t, int b, float[] jac, int off) {
    int gi = row(t, b) * gh;
    int cPrev = state(t - 1, b) + hid;
    int tc = row(t, b) * hid;
    float[] w = p.weightHh().data();
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
  float[] inputSideGradients() {
    return gateGrad;
  }

  @Override
  float[] hiddenSideGradients() {
    return gateGrad;
  }
}
