package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

class LyapunovTest {

  /** Linear RNN W = ρQ: every exponent is ln ρ. */
  @Test
  void orthogonalTimesRhoHasEveryExponentLnRho() {
    for (Kernels k : KernelProvider.available()) {
      for (double rho : new double[] {0.5, 0.9, 1.0, 1.1, 2.0}) {
        int h = 12;
        int steps = 40;
        Model m = AnalysisFixtures.linearOrthogonal(h, rho, 8);
        float[] x = new float[steps * m.inputSize];
        float[] jacs = StepJacobian.alongForwardPass(m, k, x, steps);
        double[] le = Lyapunov.spectrum(jacs, h, steps);
        assertEquals(h, le.length);
        for (int i = 0; i < h; i++) {
          assertEquals(Math.log(rho), le[i], 1e-4, k.name() + " rho=" + rho + " exponent " + i);
        }
      }
    }
  }

  /** λ₁ ≈ (1/T) ln ‖J_T⋯J_1‖₂ for a generic (non-normal) sequence, and the spectrum is sorted. */
  @Test
  void largestExponentIsTheGrowthRateOfTheProduct() {
    for (Kernels k : KernelProvider.available()) {
      int d = 6;
      int steps = 200;
      float[] jacs = TestModels.inputs(steps, d * d, 17);
      for (int i = 0; i < jacs.length; i++) {
        jacs[i] *= 0.4f;
      }
      double[] le = Lyapunov.spectrum(jacs, d, steps);
      for (int i = 1; i < d; i++) {
        assertTrue(le[i - 1] >= le[i]);
      }
      JacobianProducts prod = new JacobianProducts(k, d, steps);
      prod.fromStart(jacs, steps);
      double ln = prod.log10SpectralNorm(steps, new SpectralNorm(k, d)) * Math.log(10);
      // finite-T difference is O(1/T)·ln(condition of the start): loose on purpose
      assertEquals(le[0], ln / steps, 0.05, k.name());
      // sum of exponents = (1/T) Σ ln |det J_t|
      double logDet = 0;
      for (int t = 0; t < steps; t++) {
        logDet += Math.log(Math.abs(new org.apache.commons.math3.linear.LUDecomposition(
            Spectra.toMatrix(jacs, t * d * d, d)).getDeterminant()));
      }
      double sum = 0;
      for (double l : le) {
        sum += l;
      }
      assertEquals(logDet / steps, sum, 1e-9 * Math.max(1, Math.abs(sum)), k.name());
    }
  }
}
