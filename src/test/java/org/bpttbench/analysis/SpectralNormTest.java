package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
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
          assertEquals(want, got, 1e-4 * want, k.name() + " " + rows + "x" + cols + " seed "
              + seed + " after " + power.iterations() + " iterations");
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
