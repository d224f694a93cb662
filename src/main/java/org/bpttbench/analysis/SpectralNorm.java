package org.bpttbench.analysis;

import org.bpttbench.kernel.Kernels;

/**
 * The largest singular value σ₁ of a float matrix by power iteration on AᵀA with
 * {@link Kernels#gemv}/{@link Kernels#gemvT}: v ← Aᵀ(A v)/‖Aᵀ(A v)‖, σ₁ ≈ ‖A v‖ for unit v. The
 * workspace is allocated once for the largest size, so {@link #largestSingularValue} allocates
 * nothing and can run in a hot loop. The start vector is fixed (a deterministic pseudo-random
 * vector, never exactly orthogonal to the top singular vector in practice), so results are
 * reproducible.
 *
 * <p>Convergence: the Rayleigh-quotient error shrinks like (σ₂/σ₁)^{2i}; iteration stops when the
 * estimate changes by less than {@code tolerance} (relative) between iterations, or after
 * {@code maxIterations}. The spectral radius (max |λ|) is not a power-iteration quantity for
 * non-normal matrices with complex leading eigenvalues; use {@link Spectra#spectralRadius} (Commons
 * Math, double) for it.
 */
public final class SpectralNorm {
  private final Kernels k;
  private final int maxDim;
  private final float[] v;
  private final float[] u;
  private final float[] start;
  private final int maxIterations;
  private final double tolerance;
  private int iterations;

  /** Defaults: 1000 iterations at most, relative tolerance 1e-7 on the estimate (float noise level). */
  public SpectralNorm(Kernels kernels, int maxDim) {
    this(kernels, maxDim, 1000, 1e-7);
  }

  public SpectralNorm(Kernels kernels, int maxDim, int maxIterations, double tolerance) {
    this.k = kernels;
    this.maxDim = maxDim;
    this.v = new float[maxDim];
    this.u = new float[maxDim];
    this.start = new float[maxDim];
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    long s = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < maxDim; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      start[i] = 1f + 0.5f * ((s >>> 40) / (float) (1 << 24) - 0.5f);
    }
  }

  /** σ₁ of the {@code rows×cols} row-major matrix at {@code a[off]}; 0 for a zero matrix, NaN if it holds NaN/∞. */
  public double largestSingularValue(float[] a, int off, int rows, int cols) {
    if (rows > maxDim || cols > maxDim) {
      throw new IllegalArgumentException(rows + "×" + cols + " exceeds the workspace (" + maxDim + ")");
    }
    System.arraycopy(start, 0, v, 0, cols);
    double nv = k.norm2(v, 0, cols);
    k.scale((float) (1 / nv), v, 0, cols);
    double sigma = 0;
    iterations = 0;
    for (int it = 1; it <= maxIterations; it++) {
      iterations = it;
      k.gemv(a, off, rows, cols, v, 0, null, 0, u, 0);       // u = A v
      double nu = k.norm2(u, 0, rows);                        // σ estimate = ‖A v‖, ‖v‖ = 1
      if (!Double.isFinite(nu)) {
        return Double.NaN;
      }
      if (nu == 0) {
        return 0;
      }
      k.gemvT(a, off, rows, cols, u, 0, v, 0);                // v = Aᵀ u
      double nAtu = k.norm2(v, 0, cols);
      if (nAtu == 0 || !Double.isFinite(nAtu)) {
        return nu;
      }
      k.scale((float) (1 / nAtu), v, 0, cols);
      boolean done = Math.abs(nu - sigma) <= tolerance * nu;
      sigma = nu;
      if (done) {
        break;
      }
    }
    return sigma;
  }

  /** Iterations used by the last call. */
  public int iterations() {
    return iterations;
  }
}
