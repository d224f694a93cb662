package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * {@link LstmCell}'s equations over a batch. Per step: one GEMM (B×H)·W_hhᵀ accumulated onto the
 * input projections (the rows of h_{t−1} are 2H apart: the state rows hold [h | c]), then the
 * gates and the cell update row by row. Backward: the pre-activation gradients row by row, the
 * c-path f ⊙ dc, then one GEMM (B×4H)·W_hh for the h-path.
 */
final class BatchedLstmCell extends BatchedCellBase {
  private final float[] gates;    // maxSteps·maxBatch×4H: pre-activations, then in place i|f|g|o
  private final float[] tanhC;    // maxSteps·maxBatch×H: tanh(c_t)
  private final float[] gateGrad; // maxSteps·maxBatch×4H
  private final float[] bias;     // b_ih + b_hh
  private final float[] dc;       // H: dL/dc_t including the path through h_t

  BatchedLstmCell(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.LSTM, kernels, maxBatch, maxSteps);
    int rows = maxSteps * maxBatch;
    this.gates = new float[rows * gh];
    this.tanhC = new float[rows * hid];
    this.gateGrad = new float[rows * gh];
    this.bias = new float[gh];
    this.dc = new float[hid];
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjectionWithBothBiases(k, p, bias, inputs, inOff, steps * batch, gates);
    for (int t = 1; t <= steps; t++) {
      int row0 = gateRow(t);
      BatchProducts.recurrent(k, p, states, state(t - 1, 0), 2 * hid, batch, 1f, gates, row0);
      for (int b = 0; b < batch; b++) {
        int i = row0 + b * gh;
        int g = i + 2 * hid;
        k.tanh(gates, g, gates, g, hid);
        k.sigmoid(gates, g + hid, gates, g + hid, hid);
        k.sigmoid(gates, i, gates, i, 2 * hid);
        updateCell(i, state(t - 1, b) + hid, state(t, b), (t - 1) * batch + b);
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
      int tc = ((t - 1) * batch + b) * hid;
      // dc = dL/dc_t (carried) + dh ⊙ o ⊙ (1 − tanh² c); dA_o = dh ⊙ tanh(c) ⊙ σ'(o)
      k.mul(carry, dh, gates, o, dc, 0, hid);
      k.tanhBackward(tanhC, tc, dc, 0, dc, 0, hid);
      k.add(dc, 0, carry, dh + hid, dc, 0, hid);
      k.mul(carry, dh, tanhC, tc, gateGrad, o, hid);
      k.sigmoidBackward(gates, o, gateGrad, o, gateGrad, o, hid);
      k.mul(dc, 0, gates, i, gateGrad, g, hid);
      k.tanhBackward(gates, g, gateGrad, g, gateGrad, g, hid);
      k.mul(dc, 0, gates, g, gateGrad, i, hid);
      k.mul(dc, 0, states, state(t - 1, b) + hid, gateGrad, f, hid);
      k.sigmoidBackward(gates, i, gateGrad, i, gateGrad, i, 2 * hid);
      k.mul(dc, 0, gates, f, out, outOff + b * s + hid, hid);
    }
    BatchProducts.carry(k, p, gateGrad, row0, batch, 0f, out, outOff, s);
  }

  @Override
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps * batch, gateGrad, gateGrad, inputs, inOff, states,
        2 * hid, grads);
  }
}
