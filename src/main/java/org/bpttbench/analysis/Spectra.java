package org.bpttbench.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** Spectral quantities of a square float matrix, computed in double with Commons Math. */
public final class Spectra {
  private Spectra() {}

  /** The n×n row-major block at {@code off} as a double matrix. */
  public static RealMatrix toMatrix(float[] w, int off, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = w[off + i * n + j];
      }
    }
    return new Array2DRowRealMatrix(a, false);
  }

  /** max |λ_i| over the (complex) eigenvalues. */
  public static double spectralRadius(float[] w, int off, int n) {
    return spectralRadius(toMatrix(w, off, n));
  }

  public static double spectralRadius(RealMatrix m) {
    EigenDecomposition e = new EigenDecomposition(m);
    double[] re = e.getRealEigenvalues();
    double[] im = e.getImagEigenvalues();
    double r = 0;
    for (int i = 0; i < re.length; i++) {
      r = Math.max(r, Math.hypot(re[i], im[i]));
    }
    return r;
  }

  /** The largest singular value (spectral norm). */
  public static double spectralNorm(float[] w, int off, int n) {
    return new SingularValueDecomposition(toMatrix(w, off, n)).getSingularValues()[0];
  }
}
