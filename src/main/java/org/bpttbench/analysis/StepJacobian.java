package org.bpttbench.analysis;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * The exact per-step Jacobian J_t = ∂state_t/∂state_{t−1} of one cell step, as a row-major d×d
 * float matrix ({@code J[i][j] = ∂state_t[i]/∂state_{t−1}[j]}), d = {@link #size()}.
 *
 * <p>The gate activations are re-derived from state_{t−1} and x_t with the model's parameters and
 * the kernels (the cells do not expose them), so this works for any cell whose forward follows
 * PyTorch's equations:
 * <ul>
 * <li>RNN: h' = act(a), a = W_ih x + b_ih + W_hh h + b_hh; J = diag(act'(a))·W_hh (H×H).
 * <li>GRU (gates r|z|n, PyTorch's r applied after the matmul):
 *   r = σ(·), z = σ(·), n = tanh(a_n + r⊙(W_hn h + b_hn)), h' = (1−z)⊙n + z⊙h, so
 *   J = diag((1−z)(1−n²)·r(1−r)·(W_hn h + b_hn))·W_hr + diag((1−z)(1−n²)·r)·W_hn
 *     + diag((h−n)·z(1−z))·W_hz + diag(z)   (H×H).
 * <li>LSTM (gates i|f|g|o, state [h|c]): c' = f⊙c + i⊙g, h' = o⊙tanh(c'), so with
 *   D_c = diag(c·f(1−f))·W_hf + diag(g·i(1−i))·W_hi + diag(i(1−g²))·W_hg:
 *   ∂c'/∂h = D_c, ∂c'/∂c = diag(f), ∂h'/∂h = diag(tanh(c')·o(1−o))·W_ho + diag(o(1−tanh²c'))·D_c,
 *   ∂h'/∂c = diag(o(1−tanh²c')·f)   (2H×2H, rows/columns h first, then c).
 * </ul>
 * Workspace is allocated once; {@link #compute} allocates nothing.
 */
public final class StepJacobian {
  private final Model p;
  private final Kernels k;
  private final CellKind kind;
  private final int hid;
  private final int in;
  private final int gh;
  private final int size;
  private final float[] gi;   // G·H: W_ih x + b_ih
  private final float[] ghh;  // G·H: W_hh h + b_hh
  private final float[] act;  // G·H: gate activations
  private final float[] coef; // 4·H scratch coefficients

  public StepJacobian(Model params, Kernels kernels) {
    this.p = params;
    this.k = kernels;
    this.kind = params.kind;
    this.hid = params.hiddenSize;
    this.in = params.inputSize;
    this.gh = kind.gates * hid;
    this.size = kind.stateVectors * hid;
    this.gi = new float[gh];
    this.ghh = new float[gh];
    this.act = new float[gh];
    this.coef = new float[4 * hid];
  }

  /** d: H for RNN and GRU, 2H for LSTM. */
  public int size() {
    return size;
  }

  /**
   * Writes J = ∂state_t/∂state_{t−1} into {@code jac[jOff .. jOff+d²)} for the step that maps
   * {@code prev} (state_{t−1}, d floats) with input {@code x} (I floats) to state_t.
   */
  public void compute(float[] prev, int prevOff, float[] x, int xOff, float[] jac, int jOff) {
    k.gemv(p.weightIh.data(), 0, gh, in, x, xOff, p.biasIh.data(), 0, gi, 0);
    k.gemv(p.weightHh.data(), 0, gh, hid, prev, prevOff, p.biasHh.data(), 0, ghh, 0);
    switch (kind) {
      case RNN:
        rnn(jac, jOff);
        break;
      case GRU:
        gru(prev, prevOff, jac, jOff);
        break;
      case LSTM:
        lstm(prev, prevOff, jac, jOff);
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  /**
   * J_t for step t (1-based) of a forward trace: {@code states} as {@link
   * org.bpttbench.cell.RecurrentCell#states()} lays them out, {@code inputs} the T×I sequence from
   * {@code inOff}.
   */
  public void compute(float[] states, float[] inputs, int inOff, int t, float[] jac, int jOff) {
    compute(states, (t - 1) * size, inputs, inOff + (t - 1) * in, jac, jOff);
  }

  private void rnn(float[] jac, int jOff) {
    k.add(gi, 0, ghh, 0, act, 0, hid);
    if (p.activation == Activation.TANH) {
      k.tanh(act, 0, act, 0, hid);
      k.tanhDerivative(act, 0, coef, 0, hid);
    } else {
      k.relu(act, 0, act, 0, hid);
      k.reluDerivative(act, 0, coef, 0, hid);
    }
    float[] w = p.weightHh.data();
    for (int i = 0; i < hid; i++) {
      int row = jOff + i * hid;
      java.util.Arrays.fill(jac, row, row + hid, 0f);
      k.axpy(coef[i], w, i * hid, jac, row, hid);
    }
  }

  private void gru(float[] h, int hOff, float[] jac, int jOff) {
    int r = 0;
    int z = hid;
    int n = 2 * hid;
    k.add(gi, r, ghh, r, act, r, 2 * hid);
    k.sigmoid(act, r, act, r, 2 * hid);
    // n = tanh(gi_n + r ⊙ ghh_n)
    k.mul(act, r, ghh, n, act, n, hid);
    k.add(act, n, gi, n, act, n, hid);
    k.tanh(act, n, act, n, hid);
    float[] w = p.weightHh.data();
    int hh = hid * hid;
    for (int i = 0; i < hid; i++) {
      float ri = act[r + i];
      float zi = act[z + i];
      float ni = act[n + i];
      float dn = (1f - zi) * (1f - ni * ni);
      float cr = dn * ri * (1f - ri) * ghh[n + i];
      float cn = dn * ri;
      float cz = (h[hOff + i] - ni) * zi * (1f - zi);
      int row = jOff + i * hid;
      java.util.Arrays.fill(jac, row, row + hid, 0f);
      k.axpy(cr, w, i * hid, jac, row, hid);
      k.axpy(cz, w, hh + i * hid, jac, row, hid);
      k.axpy(cn, w, 2 * hh + i * hid, jac, row, hid);
      jac[row + i] += zi;
    }
  }

  private void lstm(float[] s, int sOff, float[] jac, int jOff) {
    int gI = 0;
    int gF = hid;
    int gG = 2 * hid;
    int gO = 3 * hid;
    k.add(gi, 0, ghh, 0, act, 0, gh);
    k.sigmoid(act, gI, act, gI, 2 * hid);
    k.tanh(act, gG, act, gG, hid);
    k.sigmoid(act, gO, act, gO, hid);
    float[] w = p.weightHh.data();
    int hh = hid * hid;
    int d = size;
    for (int i = 0; i < hid; i++) {
      float ii = act[gI + i];
      float ff = act[gF + i];
      float gg = act[gG + i];
      float oo = act[gO + i];
      float c = s[sOff + hid + i];
      float cNew = ff * c + ii * gg;
      float tc = (float) Math.tanh(cNew);
      float dhdc = oo * (1f - tc * tc);
      float cf = c * ff * (1f - ff);
      float ci = gg * ii * (1f - ii);
      float cg = ii * (1f - gg * gg);
      float co = tc * oo * (1f - oo);
      int rowH = jOff + i * d;
      int rowC = jOff + (hid + i) * d;
      java.util.Arrays.fill(jac, rowH, rowH + d, 0f);
      java.util.Arrays.fill(jac, rowC, rowC + d, 0f);
      // ∂c'/∂h (left block of row c_i), ∂c'/∂c = f on the diagonal.
      k.axpy(ci, w, gI * hid + i * hid, jac, rowC, hid);
      k.axpy(cf, w, hh + i * hid, jac, rowC, hid);
      k.axpy(cg, w, 2 * hh + i * hid, jac, rowC, hid);
      jac[rowC + hid + i] = ff;
      // ∂h'/∂h = co·W_ho[i] + dhdc·∂c'_i/∂h;  ∂h'/∂c = dhdc·f on the diagonal.
      k.axpy(co, w, 3 * hh + i * hid, jac, rowH, hid);
      k.axpy(dhdc, jac, rowC, jac, rowH, hid);
      jac[rowH + hid + i] = dhdc * ff;
    }
  }
}
