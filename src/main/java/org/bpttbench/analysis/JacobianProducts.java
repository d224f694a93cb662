package org.bpttbench.analysis;

import org.bpttbench.kernel.Kernels;

/**
 * Accumulated Jacobian products P(t, k) = J_k ⋯ J_{t+1} = ∂state_k/∂state_t, built with
 * {@link Kernels#gemm}.
 *
 * <p>{@link #fromEnd} fixes the end k and produces P(t, k) for every t = k, k−1, …, 0 (every lag
 * k−t), as BPTT sees them: (dL/dstate_k)ᵀ·P(t, k) is the gradient that reaches state_t from a loss
 * at step k. {@link #fromStart} fixes t = 0 and produces P(0, k) for every k, as the forward
 * dynamics see them. Products of many Jacobians leave float's range quickly (ρ = 2 over 150 steps
 * already does), so every stored product is kept as a mantissa matrix whose largest entry lies in
 * [1, 2) times 2^{exponent(lag)} — rescaling by a power of two is exact.
 *
 * <p>Jacobians are given as one array holding J_1..J_T, J_t at offset (t−1)·d². All workspace is
 * allocated in the constructor.
 */
public final class JacobianProducts {
  private final Kernels k;
  private final int d;
  private final int dd;
  private final int maxSteps;
  private final float[] products; // (maxSteps+1)·d², product for lag L at L·d²
  private final int[] exponents;  // power of two per lag
  private int lags;

  public JacobianProducts(Kernels kernels, int d, int maxSteps) {
    this.k = kernels;
    this.d = d;
    this.dd = d * d;
    this.maxSteps = maxSteps;
    this.products = new float[(maxSteps + 1) * dd];
    this.exponents = new int[maxSteps + 1];
  }

  /**
   * P(end − L, end) for L = 0..end: product L is J_end ⋯ J_{end−L+1} (P(end, end) = I), computed as
   * P(t, end) = P(t+1, end)·J_{t+1}.
   */
  public void fromEnd(float[] jacs, int end) {
    check(end);
    identity();
    for (int lag = 1; lag <= end; lag++) {
      int t = end - lag; // P(t, end) = P(t+1, end)·J_{t+1}
      k.gemm(false, false, d, d, d, 1f, products, (lag - 1) * dd, d, jacs, t * dd, d,
          0f, products, lag * dd, d);
      exponents[lag] = exponents[lag - 1] + renormalise(lag);
    }
    lags = end;
  }

  /** P(0, k) for k = 0..steps: product k is J_k ⋯ J_1, computed as P(0, k) = J_k·P(0, k−1). */
  public void fromStart(float[] jacs, int steps) {
    check(steps);
    identity();
    for (int t = 1; t <= steps; t++) {
      k.gemm(false, false, d, d, d, 1f, jacs, (t - 1) * dd, d, products, (t - 1) * dd, d,
          0f, products, t * dd, d);
      exponents[t] = exponents[t - 1] + renormalise(t);
    }
    lags = steps;
  }

  /** The number of products after the identity. */
  public int lags() {
    return lags;
  }

  public int size() {
    return d;
  }

  /** The mantissa matrices: product {@code lag} at offset {@code lag·d²}. */
  public float[] mantissas() {
    return products;
  }

  /** The product for {@code lag} is mantissa(lag)·2^{exponent(lag)}. */
  public int exponent(int lag) {
    return exponents[lag];
  }

  /** Offset of the product for {@code lag} in {@link #mantissas()}. */
  public int offset(int lag) {
    return lag * dd;
  }

  /** One product as a plain float matrix (∞/0 where it leaves float's range). Allocates. */
  public float[] product(int lag) {
    float[] out = new float[dd];
    double scale = Math.scalb(1.0, exponents[lag]);
    for (int i = 0; i < dd; i++) {
      out[i] = (float) (products[lag * dd + i] * scale);
    }
    return out;
  }

  /** log10 of the largest singular value of product {@code lag}. */
  public double log10SpectralNorm(int lag, SpectralNorm power) {
    double m = power.largestSingularValue(products, lag * dd, d, d);
    return Math.log10(m) + exponents[lag] * Math.log10(2);
  }

  /** log10 of the spectral radius (Commons Math eigenvalues, in double) of product {@code lag}. */
  public double log10SpectralRadius(int lag) {
    double r = Spectra.spectralRadius(products, lag * dd, d);
    return Math.log10(r) + exponents[lag] * Math.log10(2);
  }

  private void check(int steps) {
    if (steps < 0 || steps > maxSteps) {
      throw new IllegalArgumentException("steps " + steps + " outside 0.." + maxSteps);
    }
  }

  private void identity() {
    java.util.Arrays.fill(products, 0, dd, 0f);
    for (int i = 0; i < d; i++) {
      products[i * d + i] = 1f;
    }
    exponents[0] = 0;
  }

  /** Scales product {@code lag} so its largest entry is in [1, 2); returns the power of two taken out. */
  private int renormalise(int lag) {
    int off = lag * dd;
    float max = k.maxAbs(products, off, dd);
    if (max == 0f || !Float.isFinite(max)) {
      return 0;
    }
    int e = Math.getExponent(max);
    if (max < Float.MIN_NORMAL) {
      e = Math.getExponent(max * 0x1p64f) - 64;
    }
    int p = -e;
    while (p != 0) {
      int step = Math.max(-126, Math.min(127, p));
      k.scale(Math.scalb(1f, step), products, off, dd);
      p -= step;
    }
    return e;
  }
}
