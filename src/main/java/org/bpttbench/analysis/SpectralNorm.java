package org.bpttbench.analysis;

import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.kernel.Kernels;

/**
 * The largest singular value σ₁ of a float matrix A, as √λ_max(AᵀA) by the Lanczos method with full
 * reorthogonalisation: products A·q and Aᵀ·u use {@link Kernels#gemv}/{@link Kernels#gemvT}, the
 * Lanczos recurrence is in double, and λ_max of the small tridiagonal matrix T_k comes from Sturm
 * bisection. The start vector is fixed (a deterministic pseudo-random vector), so results are
 * reproducible. The workspace is allocated once for the largest size, so
 * {@link #largestSingularValue} allocates nothing.
 *
 * <p>Why not power iteration: its error after k steps shrinks like (σ₂/σ₁)^{2k}, so with
 * σ₂/σ₁ = 0.99995 a stop on "the estimate changed by less than 1e-7" fires tens of thousands of
 * steps early (−8.9e-5 relative was measured). Lanczos converges like a Chebyshev polynomial in the
 * gap (about its square root as many steps) and is exact, up to rounding, once the Krylov space
 * reaches min(rows, cols) dimensions. It stops there, or when the space is invariant, or when the
 * top Ritz value changed by at most {@code tolerance} (relative) in each of three consecutive steps:
 * Ritz values rise monotonically to λ_max, so a stall that long is convergence in practice; the
 * tests hold it to 1e-6 of Commons Math's SVD, also at σ₂/σ₁ = 0.99995. The products in float add
 * rounding of about 1e-7 relative.
 */
public final class SpectralNorm {
  private static final int STALLS = 3;
  private final Kernels k;
  private final int maxDim;
  private final int maxKrylov;
  private final double tolerance;
  private final double[] basis;  // maxKrylov×maxDim: orthonormal Lanczos vectors q_1..q_k
  private final double[] alpha;  // T_k's diagonal
  private final double[] beta;   // T_k's off-diagonal
  private final double[] w;      // AᵀA·q_j, then the next residual
  private final float[] q;       // q_j in float, for the kernels
  private final float[] u;       // A·q_j
  private final float[] aq;      // Aᵀ·A·q_j
  private final double[] start;
  private int iterations;

  /** The default bound on the Krylov dimension. */
  static final int MAX_KRYLOV = 1000;

  /** Defaults: a Krylov space of up to 1000 dimensions, relative tolerance 1e-10 on the Ritz value. */
  public SpectralNorm(Kernels kernels, int maxDim) {
    this(kernels, maxDim, MAX_KRYLOV, 1e-10);
  }

  /** {@code maxIterations} bounds the Krylov dimension (it never needs more than {@code maxDim}). */
  public SpectralNorm(Kernels kernels, int maxDim, int maxIterations, double tolerance) {
    this.k = kernels;
    this.maxDim = maxDim;
    this.maxKrylov = Math.min(maxIterations, maxDim);
    this.tolerance = tolerance;
    this.basis = new double[Math.multiplyExact(maxKrylov, maxDim)];
    this.alpha = new double[maxKrylov];
    this.beta = new double[maxKrylov];
    this.w = new double[maxDim];
    this.q = new float[maxDim];
    this.u = new float[maxDim];
    this.aq = new float[maxDim];
    this.start = new double[maxDim];
    long s = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < maxDim; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      start[i] = 1 + 0.5 * ((s >>> 40) / (double) (1 << 24) - 0.5);
    }
  }

  /** Heap bytes the constructor allocates (see {@link ArrayBytes}). */
  static long workspaceBytes(long maxDim, long maxIterations) {
    long krylov = Math.min(maxIterations, maxDim);
    return ArrayBytes.sum(ArrayBytes.doubles(ArrayBytes.product(krylov, maxDim)),
        2 * ArrayBytes.doubles(krylov), 2 * ArrayBytes.doubles(maxDim),
        3 * ArrayBytes.floats(maxDim));
  }

  /** σ₁ of the {@code rows×cols} row-major matrix at {@code a[off]}; 0 for a zero matrix, NaN if it holds NaN/∞. */
  public double largestSingularValue(float[] a, int off, int rows, int cols) {
    if (rows > maxDim || cols > maxDim) {
      throw new IllegalArgumentException(rows + "×" + cols + " exceeds the workspace (" + maxDim + ")");
    }
    int n = Math.min(cols, maxKrylov);
    System.arraycopy(start, 0, basis, 0, cols);
    scale(0, cols, 1 / norm(start, 0, cols));
    double theta = 0;
    int stalls = 0;
    iterations = 0;
    for (int j = 0; j < n; j++) {
      iterations = j + 1;
      multiply(a, off, rows, cols, j);
      if (!Double.isFinite(norm(w, 0, cols))) {
        return Double.NaN;
      }
      alpha[j] = dot(j, cols);
      for (int pass = 0; pass < 2; pass++) { // twice is enough (Kahan, Parlett)
        for (int i = 0; i <= j; i++) {
          axpy(-dot(i, cols), i, cols);
        }
      }
      beta[j] = norm(w, 0, cols);
      double next = largestEigenvalue(j + 1);
      stalls = Math.abs(next - theta) <= tolerance * next ? stalls + 1 : 0;
      theta = next;
      if (stalls >= STALLS || beta[j] <= 1e-12 * Math.max(theta, Double.MIN_NORMAL)
          || j + 1 == n) {
        break;
      }
      int row = (j + 1) * maxDim;
      for (int i = 0; i < cols; i++) {
        basis[row + i] = w[i] / beta[j];
      }
    }
    return Math.sqrt(Math.max(theta, 0));
  }

  /** Krylov steps used by the last call. */
  public int iterations() {
    return iterations;
  }

  /** w = AᵀA·q_j in double (α_j·q_j and β_{j−1}·q_{j−1} are removed by the reorthogonalisation). */
  private void multiply(float[] a, int off, int rows, int cols, int j) {
    int row = j * maxDim;
    for (int i = 0; i < cols; i++) {
      q[i] = (float) basis[row + i];
    }
    k.gemv(a, off, rows, cols, q, 0, null, 0, u, 0);
    k.gemvT(a, off, rows, cols, u, 0, aq, 0);
    for (int i = 0; i < cols; i++) {
      w[i] = aq[i];
    }
  }

  private double dot(int j, int cols) {
    int row = j * maxDim;
    double s = 0;
    for (int i = 0; i < cols; i++) {
      s += basis[row + i] * w[i];
    }
    return s;
  }

  private void axpy(double c, int j, int cols) {
    int row = j * maxDim;
    for (int i = 0; i < cols; i++) {
      w[i] += c * basis[row + i];
    }
  }

  private void scale(int j, int cols, double c) {
    for (int i = 0; i < cols; i++) {
      basis[j * maxDim + i] *= c;
    }
  }

  private static double norm(double[] v, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[off + i] * v[off + i];
    }
    return Math.sqrt(s);
  }

  /** λ_max of T_m (diagonal α, off-diagonal β) by bisection between Gershgorin bounds. */
  private double largestEigenvalue(int m) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      double r = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.abs(beta[i]) : 0);
      lo = Math.min(lo, alpha[i] - r);
      hi = Math.max(hi, alpha[i] + r);
    }
    for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(hi), Math.abs(lo)); it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (eigenvaluesBelow(m, mid) == m) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Sturm count: the number of eigenvalues of T_m below x (negative pivots of T_m − x·I = LDLᵀ). */
  private int eigenvaluesBelow(int m, double x) {
    int count = 0;
    double d = 1;
    for (int i = 0; i < m; i++) {
      double b = i > 0 ? beta[i - 1] : 0;
      d = alpha[i] - x - (i > 0 ? b * b / d : 0);
      if (d == 0) {
        d = -1e-300;
      }
      if (d < 0) {
        count++;
      }
    }
    return count;
  }
}
