package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
}
