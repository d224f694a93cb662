package org.bpttbench.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * The linear recurrent unit of Orvieto et al. 2023, "Resurrecting Recurrent Neural Networks for
 * Long Sequences", as its reference code (the paper's Appendix A) writes it, over a batch:
 *
 * <pre>
 * u_t = x_t                       (I = H)    or   u_t = embed.weight·x_t + embed.bias   (I ≠ H)
 * λ   = exp(−exp(nu_log) + i·exp(theta_log))                 N complex eigenvalues, |λ| &lt; 1
 * h_t = λ ⊙ h_{t−1} + exp(gamma_log) ⊙ ((B_re + i·B_im)·u_t)   h_0 = 0, N complex
 * y_t = Re((C_re + i·C_im)·h_t) + D ⊙ u_t                     H real
 * </pre>
 *
 * <p>Parameters, in this order: {@code embed.weight [H×I]}, {@code embed.bias [H]} (only when
 * I ≠ H), {@code nu_log, theta_log, gamma_log [N]}, {@code B_re, B_im [N×H]},
 * {@code C_re, C_im [H×N]}, {@code D [H]}. As in the reference code γ = exp(gamma_log) is a trained
 * parameter, initialised (by {@link #ring}) to √(1 − |λ|²) of the initial λ and free afterwards.
 *
 * <p>The state h_t of sequence b is 2N floats [Re h | Im h] at {@code (t·batch + b)·2N}: the
 * complex recurrence in real pairs, so the step Jacobian is the 2N×2N real matrix
 * [[diag Re λ, −diag Im λ], [diag Im λ, diag Re λ]], whose eigenvalues are λ and conj(λ) and
 * whose singular values are |λ|. The products with B and C are one GEMM each over all steps and
 * sequences (with B scaled by γ and C stacked as [C_re | −C_im] once per pass), the recurrence is
 * elementwise ({@code mulAcc}); backward is one GEMM from dL/dy to dL/dh, an elementwise sweep
 * dL/dh_{t−1} += conj(λ) ⊙ dL/dh_t, and GEMMs for the weight gradients.
 */
public final class Lru implements SequenceModel {

  /**
   * The ring initialisation's options: |λ| uniform on the ring r_min ≤ |λ| ≤ r_max (|λ|² uniform),
   * phase uniform on [0, max_phase].
   */
  public record Ring(double rMin, double rMax, double maxPhase) {
    /** The reference code's defaults ({@code init_lru_parameters}): r in [0, 1], phase up to 2π. */
    public static final Ring REFERENCE = new Ring(0, 1, 2 * Math.PI);
    /** The paper's long-range setting: r in [0.9, 0.999], phase up to π/10. */
    public static final Ring LONG_RANGE = new Ring(0.9, 0.999, Math.PI / 10);

    public Ring {
      if (!(0 <= rMin && rMin <= rMax && rMax <= 1 && maxPhase > 0)) {
        throw new IllegalArgumentException("ring initialisation needs 0 ≤ r_min ≤ r_max ≤ 1 and"
            + " max_phase > 0, got " + rMin + ", " + rMax + ", " + maxPhase);
      }
    }
  }
  private final Kernels k;
  private final List<Tensor> params;
  private final List<Tensor> grads;
  private final int in;
  private final int hid;
  private final int n;
  private final boolean embed;
  private final int maxBatch;
  private final int maxSteps;
  private final Tensor embW, embB, nu, theta, gamma, bRe, bIm, cRe, cIm, d;
  private final Tensor gEmbW, gEmbB, gNu, gTheta, gGamma, gBRe, gBIm, gCRe, gCIm, gD;
  private final float[] u;       // maxRows×H: the embedded inputs (I ≠ H)
  private final float[] states;  // (maxSteps+1)·maxBatch×2N
  private final float[] out;     // maxRows×H
  private final float[] a;       // maxRows×2N: total dL/dh_t
  private final float[] du;      // maxRows×H
  private final float[] bn;      // 2N×H: [γ⊙B_re; γ⊙B_im]
  private final float[] cst;     // H×2N: [C_re | −C_im]
  private final float[] dBn;     // 2N×H
  private final float[] dCst;    // H×2N
  private final float[] lamRe, lamIm, negLamIm, g, dLr, dLi, tmp; // N
  private final float[] ones;    // maxRows
  private float[] uArr;
  private int uOff;
  private int batch = 1;
  private int steps;

  /** Sizes from the tensors' shapes; {@code params} as in the class comment. */
  public Lru(List<Tensor> params, Kernels kernels, int maxBatch, int maxSteps) {
    if (maxBatch < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps");
    }
    this.k = kernels;
    this.params = List.copyOf(params);
    this.grads = Params.zerosLike(this.params);
    this.hid = shapeOf(params, "D")[0];
    this.n = shapeOf(params, "nu_log")[0];
    this.embed = Params.has(params, "embed.weight");
    this.in = embed ? shapeOf(params, "embed.weight")[1] : hid;
    this.maxBatch = maxBatch;
    this.maxSteps = maxSteps;
    int expected = embed ? 10 : 8;
    if (params.size() != expected) {
      throw new IllegalArgumentException("an lru has " + expected + " parameters, got "
          + params.size());
    }
    embW = embed ? Params.find(params, "embed.weight", hid, in) : null;
    embB = embed ? Params.find(params, "embed.bias", hid) : null;
    nu = Params.find(params, "nu_log", n);
    theta = Params.find(params, "theta_log", n);
    gamma = Params.find(params, "gamma_log", n);
    bRe = Params.find(params, "B_re", n, hid);
    bIm = Params.find(params, "B_im", n, hid);
    cRe = Params.find(params, "C_re", hid, n);
    cIm = Params.find(params, "C_im", hid, n);
    d = Params.find(params, "D", hid);
    gEmbW = embed ? grad("embed.weight") : null;
    gEmbB = embed ? grad("embed.bias") : null;
    gNu = grad("nu_log");
    gTheta = grad("theta_log");
    gGamma = grad("gamma_log");
    gBRe = grad("B_re");
    gBIm = grad("B_im");
    gCRe = grad("C_re");
    gCIm = grad("C_im");
    gD = grad("D");
    int rows = maxBatch * maxSteps;
    this.u = new float[embed ? rows * hid : 0];
    this.states = new float[(maxSteps + 1) * maxBatch * 2 * n];
    this.out = new float[rows * hid];
    this.a = new float[rows * 2 * n];
    this.du = new float[rows * hid];
    this.bn = new float[2 * n * hid];
    this.cst = new float[hid * 2 * n];
    this.dBn = new float[2 * n * hid];
    this.dCst = new float[hid * 2 * n];
    this.lamRe = new float[n];
    this.lamIm = new float[n];
    this.negLamIm = new float[n];
    this.g = new float[n];
    this.dLr = new float[n];
    this.dLi = new float[n];
    this.tmp = new float[n];
    this.ones = new float[rows];
    Arrays.fill(ones, 1f);
  }

  private static int[] shapeOf(List<Tensor> ps, String name) {
    for (Tensor t : ps) {
      if (t.name().equals(name)) {
        return t.shape();
      }
    }
    throw new IllegalArgumentException("missing parameter " + name);
  }

  private Tensor grad(String name) {
    for (Tensor t : grads) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalStateException(name);
  }

  /** Zero parameters for these sizes (the embedding only when {@code input ≠ hidden}). */
  public static List<Tensor> zeros(int input, int hidden, int state) {
    List<Tensor> ps = new ArrayList<>();
    if (input != hidden) {
      ps.add(Tensor.zeros("embed.weight", hidden, input));
      ps.add(Tensor.zeros("embed.bias", hidden));
    }
    ps.add(Tensor.zeros("nu_log", state));
    ps.add(Tensor.zeros("theta_log", state));
    ps.add(Tensor.zeros("gamma_log", state));
    ps.add(Tensor.zeros("B_re", state, hidden));
    ps.add(Tensor.zeros("B_im", state, hidden));
    ps.add(Tensor.zeros("C_re", hidden, state));
    ps.add(Tensor.zeros("C_im", hidden, state));
    ps.add(Tensor.zeros("D", hidden));
    return List.copyOf(ps);
  }

  /**
   * The paper's initialisation ({@code init_lru_parameters}): |λ|² uniform on [r_min², r_max²]
   * (nu_log = log(−½·log(u₁·(r_max² − r_min²) + r_min²))), phase uniform on [0, max_phase]
   * (theta_log = log(max_phase·u₂)), B_re, B_im ~ N(0, 1/(2H)), C_re, C_im ~ N(0, 1/N),
   * D ~ N(0, 1), gamma_log = log √(1 − |λ|²); the embedding (I ≠ H) as PyTorch's nn.Linear,
   * U(±1/√I). The reference code's defaults are r_min = 0, r_max = 1, max_phase = 2π; the paper's
   * long-range experiments use r_min = 0.9, r_max = 0.999, max_phase = π/10.
   */
  public static List<Tensor> ring(int input, int hidden, int state, double rMin, double rMax,
                                  double maxPhase, Random rnd) {
    if (!(0 <= rMin && rMin <= rMax && rMax <= 1 && maxPhase > 0)) {
      throw new IllegalArgumentException("ring initialisation needs 0 ≤ r_min ≤ r_max ≤ 1 and"
          + " max_phase > 0, got " + rMin + ", " + rMax + ", " + maxPhase);
    }
    List<Tensor> ps = zeros(input, hidden, state);
    if (input != hidden) {
      Params.uniform(ps.get(0), 1 / Math.sqrt(input), rnd);
      Params.uniform(ps.get(1), 1 / Math.sqrt(input), rnd);
    }
    int at = input != hidden ? 2 : 0;
    float[] nuLog = ps.get(at).data();
    float[] thetaLog = ps.get(at + 1).data();
    float[] gammaLog = ps.get(at + 2).data();
    for (int i = 0; i < state; i++) {
      double u1 = rnd.nextDouble();
      double u2 = rnd.nextDouble();
      double r2 = u1 * (rMax * rMax - rMin * rMin) + rMin * rMin;
      r2 = Math.max(r2, Double.MIN_NORMAL);
      nuLog[i] = (float) Math.log(-0.5 * Math.log(r2));
      thetaLog[i] = (float) Math.log(maxPhase * Math.max(u2, Double.MIN_NORMAL));
      double mod = Math.exp(-Math.exp(nuLog[i]));
      gammaLog[i] = (float) Math.log(Math.sqrt(1 - mod * mod));
    }
    Params.normal(ps.get(at + 3), 1 / Math.sqrt(2.0 * hidden), rnd);
    Params.normal(ps.get(at + 4), 1 / Math.sqrt(2.0 * hidden), rnd);
    Params.normal(ps.get(at + 5), 1 / Math.sqrt(state), rnd);
    Params.normal(ps.get(at + 6), 1 / Math.sqrt(state), rnd);
    Params.normal(ps.get(at + 7), 1, rnd);
    return ps;
  }

  @Override
  public String id() {
    return "lru";
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int outputSize() {
    return hid;
  }

  /** N: complex state entries (the state is 2N floats). */
  public int stateSize() {
    return n;
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public List<Tensor> parameters() {
    return params;
  }

  @Override
  public List<Tensor> gradients() {
    return grads;
  }

  @Override
  public float[] outputs() {
    return out;
  }

  /** Time-major states [Re h | Im h] of the last forward, h_0 (zero) first. */
  public float[] states() {
    return states;
  }

  /** λ, γ, γ⊙B and [C_re | −C_im] from the current parameters. */
  private void prepare() {
    float[] nuD = nu.data();
    float[] thD = theta.data();
    float[] gaD = gamma.data();
    for (int i = 0; i < n; i++) {
      double mod = Math.exp(-Math.exp(nuD[i]));
      double phase = Math.exp(thD[i]);
      lamRe[i] = (float) (mod * Math.cos(phase));
      lamIm[i] = (float) (mod * Math.sin(phase));
      negLamIm[i] = -lamIm[i];
      g[i] = (float) Math.exp(gaD[i]);
    }
    for (int i = 0; i < n; i++) {
      int re = i * hid;
      int im = (n + i) * hid;
      Arrays.fill(bn, re, re + hid, 0f);
      Arrays.fill(bn, im, im + hid, 0f);
      k.axpy(g[i], bRe.data(), i * hid, bn, re, hid);
      k.axpy(g[i], bIm.data(), i * hid, bn, im, hid);
    }
    float[] cr = cRe.data();
    float[] ci = cIm.data();
    for (int h = 0; h < hid; h++) {
      System.arraycopy(cr, h * n, cst, h * 2 * n, n);
      for (int i = 0; i < n; i++) {
        cst[h * 2 * n + n + i] = -ci[h * n + i];
      }
    }
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    if (batch < 1 || batch > maxBatch || steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException("batch " + batch + " × " + steps + " steps outside the"
          + " workspace's 1.." + maxBatch + " × 1.." + maxSteps);
    }
    this.batch = batch;
    this.steps = steps;
    int rows = batch * steps;
    int s = 2 * n;
    prepare();
    if (embed) {
      k.gemm(false, true, rows, hid, in, 1f, inputs, inOff, in, embW.data(), 0, in, 0f, u, 0,
          hid);
      for (int r = 0; r < rows; r++) {
        k.add(u, r * hid, embB.data(), 0, u, r * hid, hid);
      }
      uArr = u;
      uOff = 0;
    } else {
      uArr = inputs;
      uOff = inOff;
    }
    Arrays.fill(states, 0, batch * s, 0f);
    // γ ⊙ B·u_t for every step and sequence, straight into the state rows 1..T
    k.gemm(false, true, rows, s, hid, 1f, uArr, uOff, hid, bn, 0, hid, 0f, states, batch * s, s);
    for (int t = 1; t <= steps; t++) {
      for (int b = 0; b < batch; b++) {
        int prev = ((t - 1) * batch + b) * s;
        int cur = (t * batch + b) * s;
        k.mulAcc(lamRe, 0, states, prev, states, cur, n);
        k.mulAcc(negLamIm, 0, states, prev + n, states, cur, n);
        k.mulAcc(lamRe, 0, states, prev + n, states, cur + n, n);
        k.mulAcc(lamIm, 0, states, prev, states, cur + n, n);
      }
    }
    k.gemm(false, true, rows, hid, s, 1f, states, batch * s, s, cst, 0, s, 0f, out, 0, hid);
    for (int r = 0; r < rows; r++) {
      k.mulAcc(d.data(), 0, uArr, uOff + r * hid, out, r * hid, hid);
    }
  }

  @Override
  public void backward(float[] inputs, int inOff, float[] dOut) {
    int rows = batch * steps;
    int s = 2 * n;
    // the direct term of dL/dh_t: Re(C·h) = C_re·Re h − C_im·Im h
    k.gemm(false, false, rows, s, hid, 1f, dOut, 0, hid, cst, 0, s, 0f, a, 0, s);
    for (int t = steps - 1; t >= 1; t--) {
      for (int b = 0; b < batch; b++) {
        int cur = ((t - 1) * batch + b) * s;
        int next = (t * batch + b) * s;
        // dL/dh_t += conj(λ) ⊙ dL/dh_{t+1}
        k.mulAcc(lamRe, 0, a, next, a, cur, n);
        k.mulAcc(lamIm, 0, a, next + n, a, cur, n);
        k.mulAcc(lamRe, 0, a, next + n, a, cur + n, n);
        k.mulAcc(negLamIm, 0, a, next, a, cur + n, n);
        float max = k.maxAbs(a, cur, s);
        if (max < Float.MIN_NORMAL && max != 0f) {  // the flush to zero of Bptt
          Arrays.fill(a, cur, cur + s, 0f);
        }
      }
    }
    // dL/dλ = Σ dL/dh_t ⊙ conj(h_{t−1}) (as real pairs)
    Arrays.fill(dLr, 0f);
    Arrays.fill(dLi, 0f);
    for (int r = batch; r < rows; r++) {  // rows of t ≥ 2: h_0 = 0 adds nothing
      int ar = r * s;
      int hp = r * s;  // h_{t−1} of row (t, b) is state row (t−1)·batch + b = r
      k.mulAcc(a, ar, states, hp, dLr, 0, n);
      k.mulAcc(a, ar + n, states, hp + n, dLr, 0, n);
      k.mulAcc(a, ar + n, states, hp, dLi, 0, n);
      k.mul(a, ar, states, hp + n, tmp, 0, n);
      k.axpy(-1f, tmp, 0, dLi, 0, n);
    }
    float[] nuD = nu.data();
    float[] thD = theta.data();
    float[] gaD = gamma.data();
    for (int i = 0; i < n; i++) {
      double mod = Math.exp(-Math.exp(nuD[i]));
      double phase = Math.exp(thD[i]);
      double dMod = (dLr[i] * Math.cos(phase) + dLi[i] * Math.sin(phase));
      double dPhase = -dLr[i] * (double) lamIm[i] + dLi[i] * (double) lamRe[i];
      gNu.data()[i] += (float) (dMod * mod * -Math.exp(nuD[i]));
      gTheta.data()[i] += (float) (dPhase * phase);
    }
    // γ⊙B: dL/d(γB) = Σ dL/dh_t · u_tᵀ, then split into B and γ
    k.gemm(true, false, s, hid, rows, 1f, a, 0, s, uArr, uOff, hid, 0f, dBn, 0, hid);
    for (int i = 0; i < n; i++) {
      k.axpy(g[i], dBn, i * hid, gBRe.data(), i * hid, hid);
      k.axpy(g[i], dBn, (n + i) * hid, gBIm.data(), i * hid, hid);
      double dg = k.dot(dBn, i * hid, bRe.data(), i * hid, hid)
          + (double) k.dot(dBn, (n + i) * hid, bIm.data(), i * hid, hid);
      gGamma.data()[i] += (float) (dg * g[i]);
    }
    // C: dL/d[C_re | −C_im] = Σ dL/dy_t · h_tᵀ
    k.gemm(true, false, hid, s, rows, 1f, dOut, 0, hid, states, batch * s, s, 0f, dCst, 0, s);
    for (int h = 0; h < hid; h++) {
      k.axpy(1f, dCst, h * s, gCRe.data(), h * n, n);
      k.axpy(-1f, dCst, h * s + n, gCIm.data(), h * n, n);
    }
    for (int r = 0; r < rows; r++) {
      k.mulAcc(dOut, r * hid, uArr, uOff + r * hid, gD.data(), 0, hid);
    }
    if (embed) {
      // dL/du = D ⊙ dL/dy + (γB)ᵀ·dL/dh, then back through the embedding
      for (int r = 0; r < rows; r++) {
        k.mul(dOut, r * hid, d.data(), 0, du, r * hid, hid);
      }
      k.gemm(false, false, rows, hid, s, 1f, a, 0, s, bn, 0, hid, 1f, du, 0, hid);
      k.gemm(true, false, hid, in, rows, 1f, du, 0, hid, inputs, inOff, in, 1f, gEmbW.data(), 0,
          in);
      k.gemvTAcc(du, 0, rows, hid, ones, 0, gEmbB.data(), 0);
    }
  }

  @Override
  public float[] stepGradients() {
    return a;
  }

  @Override
  public int stepGradientSize() {
    return 2 * n;
  }

  /** ‖dL/dh_t‖₂ of sequence b, the complex state's norm (= the norm of [Re | Im]). */
  @Override
  public double stepGradNorm(int t, int b) {
    return k.norm2(a, ((t - 1) * batch + b) * 2 * n, 2 * n);
  }

  /**
   * The step Jacobian ∂h_t/∂h_{t−1} in the [Re | Im] layout, 2N×2N row-major into
   * {@code jac[off ..]}: [[diag Re λ, −diag Im λ], [diag Im λ, diag Re λ]], the same at every step
   * (the recurrence is linear). Its transpose is the backward step. Uses λ of the last forward.
   */
  public void stepJacobian(float[] jac, int off) {
    int s = 2 * n;
    Arrays.fill(jac, off, off + s * s, 0f);
    for (int i = 0; i < n; i++) {
      jac[off + i * s + i] = lamRe[i];
      jac[off + i * s + n + i] = -lamIm[i];
      jac[off + (n + i) * s + i] = lamIm[i];
      jac[off + (n + i) * s + n + i] = lamRe[i];
    }
  }

  /**
   * log10 ‖dL/dh_t‖ of sequence b for t = 1..T (index t − 1) after a backward of a final-step
   * loss, in closed form: dL/dh_t = conj(λ)^{T−t} ⊙ dL/dh_T, so
   * ‖dL/dh_t‖² = Σ_i |λ_i|^{2(T−t)}·|dL/dh_{T,i}|² with log|λ_i| = −exp(nu_log_i), summed in log
   * space in double. Exact where the float32 sweep underflows (and is flushed to zero): the LRU's
   * counterpart of {@link org.bpttbench.bptt.GradientCurve}. −∞ where dL/dh_T is zero.
   */
  public double[] log10GradNormCurve(int b) {
    int s = 2 * n;
    int rowT = ((steps - 1) * batch + b) * s;
    float[] nuD = nu.data();
    double[] curve = new double[steps];
    for (int t = 1; t <= steps; t++) {
      double lag = steps - t;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, term(a[rowT + i], a[rowT + n + i], nuD[i], lag));
      }
      if (max == Double.NEGATIVE_INFINITY) {
        curve[t - 1] = Double.NEGATIVE_INFINITY;
        continue;
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(term(a[rowT + i], a[rowT + n + i], nuD[i], lag) - max);
      }
      curve[t - 1] = 0.5 * (max + Math.log(sum)) / Math.log(10);
    }
    return curve;
  }

  /** ln(|λ_i|^{2·lag}·|g|²), −∞ for g = 0. */
  private static double term(float re, float im, float nuLog, double lag) {
    double g2 = (double) re * re + (double) im * im;
    return g2 == 0 ? Double.NEGATIVE_INFINITY : Math.log(g2) - 2 * lag * Math.exp(nuLog);
  }

  /** |λ_i| of the last forward: the spectrum (and singular values) of every step Jacobian. */
  public double[] eigenvalueModuli() {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = Math.hypot(lamRe[i], lamIm[i]);
    }
    return m;
  }
}
