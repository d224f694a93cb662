package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

class SpectralNormTest {

  @Test
  void powerIterationMatchesCommonsMathSvd() {
    int[][] shapes = {{1, 1}, {5, 5}, {16, 16}, {7, 13}, {33, 20}, {64, 64}};
    for (Kernels k : KernelProvider.available()) {
      SpectralNorm power = new SpectralNorm(k, 64, 5000, 1e-9);
      for (int[] s : shapes) {
        for (long seed = 1; seed <= 3; seed++) {
          int rows = s[0];
          int cols = s[1];
          Random rnd = new Random(seed * 31 + rows);
          float[] a = new float[rows * cols];
          double[][] ad = new double[rows][cols];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
              a[i * cols + j] = (float) rnd.nextGaussian();
              ad[i][j] = a[i * cols + j];
            }
          }
          double want = new SingularValueDecomposition(new Array2DRowRealMatrix(ad, false))
              .getSingularValues()[0];
          double got = power.largestSingularValue(a, 0, rows, cols);
          assertEquals(want, got, 1e-6 * want, k.name() + " " + rows + "x" + cols + " seed "
              + seed + " after " + power.iterations() + " iterations");
        }
      }
    }
  }

  /**
   * A = U·diag(σ)·Vᵀ with σ₁ = 1, σ₂ = 0.99995 and the rest either spread over [0.1, 0.9] or
   * crowded into [0.999, 0.99995], rounded to float, against Commons Math's SVD of that float matrix.
   */
  @Test
  void closeTopSingularValuesMatchSvdToOnePpm() {
    for (Kernels k : KernelProvider.available()) {
      SpectralNorm power = new SpectralNorm(k, 300);
      for (int n : new int[] {8, 64, 300}) {
        for (boolean crowded : new boolean[] {false, true}) {
          Random rnd = new Random(n + (crowded ? 1 : 0));
          double[] sigma = new double[n];
          for (int i = 0; i < n; i++) {
            sigma[i] = i == 0 ? 1 : i == 1 ? 0.99995
                : crowded ? 0.999 + 0.00095 * rnd.nextDouble() : 0.1 + 0.8 * rnd.nextDouble();
          }
          RealMatrix a = Init.orthogonal(n, rnd)
              .multiply(MatrixUtils.createRealDiagonalMatrix(sigma))
              .multiply(Init.orthogonal(n, rnd).transpose());
          float[] af = new float[n * n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              af[i * n + j] = (float) a.getEntry(i, j);
            }
          }
          double want = new SingularValueDecomposition(Spectra.toMatrix(af, 0, n))
              .getSingularValues()[0];
          double got = power.largestSingularValue(af, 0, n, n);
          assertEquals(want, got, 1e-6 * want, k.name() + " n=" + n + " crowded=" + crowded
              + " after " + power.iterations() + " steps");
        }
      }
    }
  }

  @Test
  void zeroAndNonFiniteMatrices() {
    for (Kernels k : KernelProvider.available()) {
      SpectralNorm power = new SpectralNorm(k, 4);
      assertEquals(0.0, power.largestSingularValue(new float[16], 0, 4, 4));
      float[] a = new float[16];
      a[5] = Float.NaN;
      assertEquals(Double.NaN, power.largestSingularValue(a, 0, 4, 4));
      // offset honoured, scaled identity
      float[] b = new float[20];
      for (int i = 0; i < 4; i++) {
        b[4 + i * 4 + i] = 2.5f;
      }
      assertEquals(2.5, power.largestSingularValue(b, 4, 4, 4), 1e-6);
    }
  }
}
