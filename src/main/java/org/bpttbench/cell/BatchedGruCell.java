package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * {@link GruCell}'s equations over a batch. Per step: one GEMM (B×H)·W_hhᵀ into the hidden-side
 * pre-activations of all three blocks (kept apart from the input side, because r multiplies only
 * the n block), then the gates row by row. Backward: the pre-activation gradients row by row, in
 * two copies as in {@link GruCell} (they differ in the n block: dA_hn = dA_n ⊙ r), then one GEMM
 * (B×3H)·W_hh added onto the direct path z ⊙ dh.
 */
final class BatchedGruCell extends BatchedCellBase {
  private final float[] gates;    // maxSteps·maxBatch×3H: W_ih·x + b_ih, then in place r|z|n
  private final float[] hidProj;  // maxSteps·maxBatch×3H: W_hh·h_{t−1} + b_hh
  private final float[] gradIh;   // maxSteps·maxBatch×3H: dA_r|dA_z|dA_n
  private final float[] gradHh;   // maxSteps·maxBatch×3H: dA_r|dA_z|dA_n ⊙ r
  private final float[] scratch;  // H

  BatchedGruCell(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.GRU, kernels, maxBatch, maxSteps);
    int rows = maxSteps * maxBatch;
    this.gates = new float[rows * gh];
    this.hidProj = new float[rows * gh];
    this.gradIh = new float[rows * gh];
    this.gradHh = new float[rows * gh];
    this.scratch = new float[hid];
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjection(k, p, p.biasIh.data(), inputs, inOff, steps * batch, gates);
    for (int t = 1; t <= steps; t++) {
      int row0 = gateRow(t);
      BatchProducts.recurrent(k, p, states, state(t - 1, 0), hid, batch, 0f, hidProj, row0);
      BatchProducts.addRowBias(k, p.biasHh.data(), hidProj, row0, batch, gh);
      for (int b = 0; b < batch; b++) {
        int r = row0 + b * gh;
        activateGates(r);
        // h_t = n + z ⊙ (h_{t−1} − n), the same as (1 − z) ⊙ n + z ⊙ h_{t−1}
        int h = state(t, b);
        System.arraycopy(states, state(t - 1, b), states, h, hid);
        k.axpy(-1f, gates, r + 2 * hid, states, h, hid);
        k.mul(gates, r + hid, states, h, states, h, hid);
        k.add(states, h, gates, r + 2 * hid, states, h, hid);
      }
    }
  }

  /** r, z = σ(input side + hidden side); n = tanh(input side + r ⊙ hidden side), in place. */
  private void activateGates(int r) {
    int n = r + 2 * hid;
    k.add(gates, r, hidProj, r, gates, r, 2 * hid);
    k.sigmoid(gates, r, gates, r, 2 * hid);
    k.mulAcc(gates, r, hidProj, n, gates, n, hid);
    k.tanh(gates, n, gates, n, hid);
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int row0 = gateRow(t);
    for (int b = 0; b < batch; b++) {
      int r = row0 + b * gh;
      int z = r + hid;
      int n = z + hid;
      int dh = carryOff + b * hid;
      int dPrev = outOff + b * hid;
      // dA_z = dh ⊙ (h_{t−1} − n) ⊙ σ'
      System.arraycopy(states, state(t - 1, b), scratch, 0, hid);
      k.axpy(-1f, gates, n, scratch, 0, hid);
      k.mul(carry, dh, scratch, 0, gradIh, z, hid);
      k.sigmoidBackward(gates, z, gradIh, z, gradIh, z, hid);
      // direct path z ⊙ dh; dA_n = (dh − z ⊙ dh) ⊙ (1 − n²)
      k.mul(carry, dh, gates, z, out, dPrev, hid);
      System.arraycopy(carry, dh, scratch, 0, hid);
      k.axpy(-1f, out, dPrev, scratch, 0, hid);
      k.tanhBackward(gates, n, scratch, 0, gradIh, n, hid);
      gateResetGradients(r);
    }
    BatchProducts.carry(k, p, gradHh, row0, batch, 1f, out, outOff, hid);
  }

  /** dA_r = dA_n ⊙ (W_hn·h_{t−1} + b_hn) ⊙ σ'(r); the hidden-side copy with dA_hn = dA_n ⊙ r. */
  private void gateResetGradients(int r) {
    int n = r + 2 * hid;
    k.mul(gradIh, n, hidProj, n, gradIh, r, hid);
    k.sigmoidBackward(gates, r, gradIh, r, gradIh, r, hid);
    System.arraycopy(gradIh, r, gradHh, r, 2 * hid);
    k.mul(gradIh, n, gates, r, gradHh, n, hid);
  }

  @Override
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps * batch, gradIh, gradHh, inputs, inOff, states, hid,
        grads);
  }
}
