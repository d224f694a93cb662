package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.GRU} (one layer, batch 1), gate blocks r|z|n stacked in that order:
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
 * <p>Per step: one gemv over the whole stacked {@code 3H×H} weight_hh (giving all three
 * hidden-side blocks at once) plus elementwise kernels; the input-side blocks of all steps are one
 * gemm before the recurrence. The hidden-side n block must be kept apart from the input side
 * because r multiplies only it; that is also why the pre-activation gradients come in two copies
 * (input side and hidden side differ in the n block: dA_hn = dA_n ⊙ r).
 */
public final class GruCell implements RecurrentCell {

  private final Kernels k;
  private final Model p;
  private final int in;
  private final int hid;
  private final int gh;            // 3H
  private final int maxSteps;
  private final float[] states;    // (maxSteps+1)×H
  private final float[] gates;     // maxSteps×3H: W_ih·x_t + b_ih, then in place r|z|n
  private final float[] hidProj;   // maxSteps×3H: W_hh·h_{t−1} + b_hh (the n block is needed back)
  private final float[] gradIh;    // maxSteps×3H: dL/d(input-side pre-activations) dA_r|dA_z|dA_n
  private final float[] gradHh;    // maxSteps×3H: dL/d(hidden-side ones) dA_r|dA_z|dA_n ⊙ r
  private final float[] scratch;   // H

  public GruCell(Model params, Kernels kernels, int maxSteps) {
    if (params.kind != CellKind.GRU) {
      throw new IllegalArgumentException("GruCell needs a gru model, got " + params.kind.id());
    }
    this.k = kernels;
    this.p = params;
    this.in = params.inputSize;
    this.hid = params.hiddenSize;
    this.gh = 3 * hid;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * hid];
    this.gates = new float[maxSteps * gh];
    this.hidProj = new float[maxSteps * gh];
    this.gradIh = new float[maxSteps * gh];
    this.gradHh = new float[maxSteps * gh];
    this.scratch = new float[hid];
  }

  /** Heap bytes this class allocates for {@code maxSteps} (see {@link ArrayBytes}). */
  static long workspaceBytes(int input, int hidden, int maxSteps) {
    long steps = ArrayBytes.product(maxSteps, hidden);
    return ArrayBytes.sum(ArrayBytes.floats(steps + hidden),
        4 * ArrayBytes.floats(ArrayBytes.product(3, steps)), ArrayBytes.floats(hidden));
  }

  @Override
  public CellKind kind() {
    return CellKind.GRU;
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
    return hid;
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
    float[] bhh = p.biasHh.data();
    k.gemm(false, true, steps, gh, in, 1f, inputs, inOff, in, p.weightIh.data(), 0, in,
        0f, gates, 0, gh);
    for (int t = 1; t <= steps; t++) {
      int r = (t - 1) * gh;
      int z = r + hid;
      int n = z + hid;
      int hPrev = (t - 1) * hid;
      int h = t * hid;
      k.add(gates, r, p.biasIh.data(), 0, gates, r, gh);
      k.gemv(whh, 0, gh, hid, states, hPrev, bhh, 0, hidProj, r);
      k.add(gates, r, hidProj, r, gates, r, 2 * hid);
      k.sigmoid(gates, r, gates, r, 2 * hid);
      k.mulAcc(gates, r, hidProj, n, gates, n, hid);
      k.tanh(gates, n, gates, n, hid);
      // h_t = n + z ⊙ (h_{t−1} − n), the same as (1 − z) ⊙ n + z ⊙ h_{t−1}
      System.arraycopy(states, hPrev, states, h, hid);
      k.axpy(-1f, gates, n, states, h, hid);
      k.mul(gates, z, states, h, states, h, hid);
      k.add(states, h, gates, n, states, h, hid);
    }
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int r = (t - 1) * gh;
    int z = r + hid;
    int n = z + hid;
    int hPrev = (t - 1) * hid;
    // direct path: dL/dh_{t−1} ∋ z ⊙ dh
    k.mul(carry, carryOff, gates, z, out, outOff, hid);
    // dA_n = (dh − z ⊙ dh) ⊙ (1 − n²)
    System.arraycopy(carry, carryOff, scratch, 0, hid);
    k.axpy(-1f, out, outOff, scratch, 0, hid);
    k.tanhBackward(gates, n, scratch, 0, gradIh, n, hid);
    k.mul(gradIh, n, gates, r, gradHh, n, hid);
    // dA_r = dA_n ⊙ (W_hn·h_{t−1} + b_hn) ⊙ σ'
    k.mul(gradIh, n, hidProj, n, gradIh, r, hid);
    k.sigmoidBackward(gates, r, gradIh, r, gradIh, r, hid);
    // dA_z = dh ⊙ (h_{t−1} − n) ⊙ σ'
    System.arraycopy(states, hPrev, scratch, 0, hid);
    k.axpy(-1f, gates, n, scratch, 0, hid);
    k.mul(carry, carryOff, scratch, 0, gradIh, z, hid);
    k.sigmoidBackward(gates, z, gradIh, z, gradIh, z, hid);
    System.arraycopy(gradIh, r, gradHh, r, 2 * hid);
    k.gemvTAcc(p.weightHh.data(), 0, gh, hid, gradHh, r, out, outOff);
  }

  /**
   * With dn = (1 − z)(1 − n²):
   * J = diag(dn·r(1−r)·(W_hn h + b_hn))·W_hr + diag((h − n)·z(1−z))·W_hz + diag(dn·r)·W_hn + diag(z).
   */
  @Override
  public void stepJacobian(int t, float[] jac, int off) {
    int r = (t - 1) * gh;
    int z = r + hid;
    int n = z + hid;
    int hPrev = (t - 1) * hid;
    float[] w = p.weightHh.data();
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
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps, gradIh, gradHh, inputs, inOff, states, hid, grads);
  }
}
