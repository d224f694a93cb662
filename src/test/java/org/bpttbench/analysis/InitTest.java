package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.junit.jupiter.api.Test;

class InitTest {

  @Test
  void gaussHasSpectralRadiusRho() {
    for (double rho : new double[] {0.5, 1.0, 1.7}) {
      for (int n : new int[] {1, 8, 40}) {
        float[] w = new float[n * n];
        Init.recurrent(InitScheme.GAUSS, rho, w, 0, n, new Random(n));
        assertEquals(rho, Spectra.spectralRadius(w, 0, n), 1e-4 * rho, "n=" + n);
      }
    }
  }

  @Test
  void orthogonalHasEverySingularValueRho() {
    for (double rho : new double[] {0.5, 1.0, 2.0}) {
      int n = 24;
      float[] w = new float[n * n];
      Init.recurrent(InitScheme.ORTHOGONAL, rho, w, 0, n, new Random(4));
      double[] sv = new SingularValueDecomposition(Spectra.toMatrix(w, 0, n)).getSingularValues();
      for (double s : sv) {
        assertEquals(rho, s, 1e-4 * rho);
      }
    }
  }

  @Test
  void identityIsRhoTimesI() {
    int n = 9;
    float[] w = new float[n * n + 3];
    java.util.Arrays.fill(w, 7f);
    Init.recurrent(InitScheme.IDENTITY, 0.8, w, 3, n, new Random(1));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(i == j ? 0.8f : 0f, w[3 + i * n + j]);
      }
    }
    assertEquals(7f, w[0]);
  }

  @Test
  void pytorchDefaultIsUniformWithVarianceOneThirdH() {
    int n = 256;
    float[] w = new float[n * n];
    Init.recurrent(InitScheme.PYTORCH, 123.0, w, 0, n, new Random(2));
    double bound = 1 / Math.sqrt(n);
    double sum = 0;
    double sumSq = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound, "entry " + v + " outside ±1/√H");
      sum += v;
      sumSq += (double) v * v;
    }
    double mean = sum / w.length;
    double var = sumSq / w.length - mean * mean;
    // sample-variance standard error for uniform entries: sqrt(0.8/N) ≈ 0.35% at N = 65536
    assertEquals(1.0 / (3 * n), var, 0.02 / (3 * n));
    assertEquals(0, mean, 5 * Math.sqrt(1.0 / (3 * n) / w.length));
  }

  /** Every gate block of W_hh follows the scheme; every other parameter is within ±1/√H. */
  @Test
  void modelAppliesTheSchemeToEveryGateBlock() {
    for (CellKind kind : CellKind.values()) {
      int h = 10;
      Model m = Init.model(kind, Activation.TANH, 3, h, 4, InitScheme.ORTHOGONAL, 0.9, 5);
      for (int g = 0; g < kind.gates; g++) {
        double[] sv = new SingularValueDecomposition(
            Spectra.toMatrix(m.weightHh.data(), g * h * h, h)).getSingularValues();
        assertEquals(0.9, sv[0], 1e-5, kind + " gate " + g);
        assertEquals(0.9, sv[h - 1], 1e-5, kind + " gate " + g);
      }
      for (float v : m.weightIh.data()) {
        assertTrue(Math.abs(v) <= 1 / Math.sqrt(h));
      }
    }
  }

  /** Arnoldi's radius against Commons Math's full eigendecomposition, for Gaussian matrices. */
  @Test
  void krylovRadiusMatchesEigenDecomposition() {
    for (int n : new int[] {1, 7, 50, 150, 300}) {
      Random rnd = new Random(100 + n);
      double[][] a = new double[n][n];
      for (double[] row : a) {
        for (int j = 0; j < n; j++) {
          row[j] = rnd.nextGaussian() / Math.sqrt(n);
        }
      }
      double want = Spectra.spectralRadius(new Array2DRowRealMatrix(a));
      assertEquals(want, KrylovRadius.of(a), 1e-9 * want, "n=" + n);
    }
  }

  /** A leading complex pair 0.9 ± 0.5i (|λ| = 1.0296), hidden by an orthogonal change of basis. */
  @Test
  void krylovRadiusOfALeadingComplexPair() {
    int n = 120;
    Random rnd = new Random(8);
    double[][] d = new double[n][n];
    d[0][0] = 0.9;
    d[0][1] = -0.5;
    d[1][0] = 0.5;
    d[1][1] = 0.9;
    for (int i = 2; i < n; i++) {
      d[i][i] = 0.95 * (2 * rnd.nextDouble() - 1);
      d[i - 1][i] = i % 2 == 0 ? 0.3 : 0; // not normal
    }
    RealMatrix q = Init.orthogonal(n, rnd);
    RealMatrix a = q.multiply(new Array2DRowRealMatrix(d)).multiply(q.transpose());
    assertEquals(Math.hypot(0.9, 0.5), KrylovRadius.of(a.getData()), 1e-9);
  }

  @Test
  void scalingsThatFloat32CannotHoldAreRefused() {
    for (InitScheme scheme : new InitScheme[] {InitScheme.GAUSS, InitScheme.ORTHOGONAL,
        InitScheme.IDENTITY}) {
      for (double rho : new double[] {1e-300, 1e-39, 1e300, Double.NaN}) {
        float[] w = new float[16];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Init.recurrent(scheme, rho, w, 0, 4, new Random(1)), scheme + " rho " + rho);
        assertTrue(e.getMessage().startsWith("rho " + rho + " makes W_hh's largest entry"),
            e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
      }
      float[] w = new float[16];
      java.util.Arrays.fill(w, 3f);
      Init.recurrent(scheme, 0, w, 0, 4, new Random(1));
      for (float v : w) {
        assertEquals(0f, v, 0f, scheme + ": rho 0 asks for W_hh = 0");
      }
    }
  }
}
