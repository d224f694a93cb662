package org.bpttbench.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Lyapunov exponents of a trajectory from its step Jacobians J_1..J_T (d×d each, row-major, J_t at
 * (t−1)·d²) by repeated QR re-orthonormalisation (Benettin et al.; as in Vogt et al. 2020 and
 * Engelken 2023): Q_0 = I; for each t, J_t·Q_{t−1} = Q_t·R_t; λ_i = (1/T)·Σ_t ln |R_t[i][i]|.
 *
 * <p>Exponents are in nats per step, in the order QR produces them, then sorted descending. They
 * are the growth rates of the Jacobian product's singular directions: λ_1 ≈ (1/T)·ln ‖J_T⋯J_1‖₂ for
 * large T; negative = vanishing, positive = exploding. The product and the QR are in double
 * (Commons Math), so no renormalisation is needed. An exactly singular direction (a dead relu unit
 * in every step, say) gives −∞.
 */
public final class Lyapunov {
  private Lyapunov() {}

  /** The d exponents, largest first, of steps 1..{@code steps}. */
  public static double[] spectrum(float[] jacs, int d, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("need at least one step, got " + steps);
    }
    double[] sum = new double[d];
    RealMatrix q = org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(d);
    double[][] jd = new double[d][d];
    for (int t = 0; t < steps; t++) {
      int off = t * d * d;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          jd[i][j] = jacs[off + i * d + j];
        }
      }
      RealMatrix z = new Array2DRowRealMatrix(jd, false).multiply(q);
      QRDecomposition qr = new QRDecomposition(z, 0.0);
      RealMatrix r = qr.getR();
      q = qr.getQ();
      for (int i = 0; i < d; i++) {
        sum[i] += Math.log(Math.abs(r.getEntry(i, i)));
      }
    }
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = sum[i] / steps;
    }
    java.util.Arrays.sort(lambda);
    for (int i = 0; i < d / 2; i++) {
      double tmp = lambda[i];
      lambda[i] = lambda[d - 1 - i];
      lambda[d - 1 - i] = tmp;
    }
    return lambda;
  }
}
