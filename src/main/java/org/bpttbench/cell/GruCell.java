package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.GRU} (one layer), gate blocks r|z|n stacked in that order:
 * <pre>
 *   r_t = σ(W_ir·x_t + b_ir + W_hr·h_{t−1} + b_hr)
 *   z_t = σ(W_iz·x_t + b_iz + W_hz·h_{t−1} + b_hz)
 *   n_t = tanh(W_in·x_t + b_in + r_t ⊙ (W_hn·h_{t−1} + b_hn))
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 * </pre>
 *
 * <p><b>Mapping to the lesson.</b> The lesson writes the update as
 * {@code h_t = (1 − z_t)·h_{t−1} + z_t·h̃_t}, with h̃_t = n_t. PyTorch's z is the lesson's 1 − z:
 * the roles of z and 1 − z are swapped. So the lesson's "z ≈ 0 keeps the state" is "z ≈ 1 keeps
 * the state" here, and the additive path dL/dh_{t−1} ∋ z_t ⊙ dL/dh_t is open when z_t ≈ 1
 * (large positive b_iz or b_hz). Also as in PyTorch (and unlike the original paper), r multiplies
 * W_hn·h + b_hn after the product, so b_in and b_hn are not interchangeable.
 *
 * <p>Per step: one product (B×H)·W_hhᵀ over the whole stacked {@code 3H×H} weight_hh (packed once
 * per pass, {@link BatchProducts}) into the hidden-side pre-activations of all three blocks, kept apart from the input side
 * because r multiplies only the n block; then the gates row by row. The input-side blocks of all
 * steps are one GEMM before the recurrence. The pre-activation gradients come in two copies (input
 * side and hidden side differ in the n block: dA_hn = dA_n ⊙ r); backward ends with one product
 * (B×3H)·W_hh added onto the direct path z ⊙ dh.
 */
public final class GruCell extends CellBase {
  private final float[] gates;    // maxSteps·maxBatch×3H: W_ih·x + b_ih, then in place r|z|n
  private final float[] hidProj;  // maxSteps·maxBatch×3H: W_hh·h_{t−1} + b_hh
  private final float[] gradIh;   // maxSteps·maxBatch×3H: dA_r|dA_z|dA_n
  private final float[] gradHh;   // maxSteps·maxBatch×3H: dA_r|dA_z|dA_n ⊙ r
  private final float[] scratch;  // H

  public GruCell(Layer params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.GRU, kernels, maxBatch, maxSteps);
    this.gates = perRow(gh);
    this.hidProj = perRow(gh);
    this.gradIh = perRow(gh);
    this.gradHh = perRow(gh);
    this.scratch = new float[hid];
  }

  /** Heap bytes this class allocates (see {@link ArrayBytes}). */
  static long workspaceBytes(int hidden, int maxBatch, int maxSteps) {
    return ArrayBytes.sum(stateBytes(CellKind.GRU, hidden, maxBatch, maxSteps),
        4 * rowBytes(maxBatch, maxSteps, 3L * hidden), ArrayBytes.floats(hidden));
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjection(k, p, p.biasIh().data(), inputs, inOff, steps * batch, gates);
    for (int t = 1; t <= steps; t++) {
      int row0 = gateRow(t);
      BatchProducts.recurrentWithBias(k, p, forwardPacked, states, state(t - 1, 0), hid, batch,
          hidProj, row0);
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
    BatchProducts.carry(k, p, carryPacked, gradHh, row0, batch, 1f, out, outOff, hid);
  }

  /** dA_r = dA_n ⊙ (W_hn·h_{t−1} + b_hn) ⊙ σ'(r); the hidden-side copy with dA_hn = dA_n ⊙ r. */
  private void gateResetGradients(int r) {
    int n = r + 2 * hid;
    k.mul(gradIh, n, hidProj, n, gradIh, r, hid);
    k.sigmoidBackward(gates, r, gradIh, r, gradIh, r, hid);
    System.arraycopy(gradIh, r, gradHh, r, 2 * hid);
    k.mul(gradIh, n, gates, r, gradHh, n, hid);
  }

  /**
   * With dn = (1 − z)(1 − n²):
   * J = diag(dn·r(1−r)·(W_hn h + b_hn))·W_hr + diag((h − n)·z(1−z))·W_hz + diag(dn·r)·W_hn + diag(z).
   */
  @Override
  public void stepJacobian(int t, int b, float[] jac, int off) {
    int r = row(t, b) * gh;
    int z = r + hid;
    int n = z + hid;
    int hPrev = state(t - 1, b);
    float[] w = p.weightHh().data();
    int hh = hid * hid;
    for (int i = 0; i < hid; i++) {
      float ri = gates[r + i];
      float zi = gates[z + i];
      float ni = gates[n + i];
      float dn = (1f - zi) * (1f - ni * ni);
      int row = off + i * hid;
      java.util.Arrays.fill(jac, row, row + hid, 0f);
      k.axpy(dn * ri * (1f - ri) * hidProj[n + i], w, i * hid, jac, row, hid);
      k.axpy((states[hPrev + i] - ni) * zi * (1f - zi), w, hh + i * hid, jac, row, hid);
      k.axpy(dn * ri, w, 2 * hh + i * hid, jac, row, hid);
      jac[row + i] += zi;
    }
  }

  @Override
  float[] inputSideGradients() {
    return gradIh;
  }

  @Override
  float[] hiddenSideGradients() {
    return gradHh;
  }
}
