package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

class JacobianProductsTest {

  /** (dL/dstate_T)ᵀ·P(t, T) is BPTT's dL/dstate_t for the final-step loss, for every t. */
  @Test
  void vectorTimesProductIsBpttStateGradient() {
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        if (!AnalysisFixtures.cellAvailable(kind, k)) {
          continue;
        }
        for (Activation act : kind == CellKind.RNN ? Activation.values()
            : new Activation[] {Activation.TANH}) {
          consistency(k, kind, act);
        }
      }
    }
  }

  @Test
  void gruAndLstmConsistencyWhenRegistered() {
    for (Kernels k : KernelProvider.available()) {
      assumeTrue(AnalysisFixtures.cellAvailable(CellKind.GRU, k)
          && AnalysisFixtures.cellAvailable(CellKind.LSTM, k), "gru/lstm not registered yet");
      consistency(k, CellKind.GRU, Activation.TANH);
      consistency(k, CellKind.LSTM, Activation.TANH);
    }
  }

  private static void consistency(Kernels k, CellKind kind, Activation act) {
    int h = 6;
    int in = 3;
    int steps = 15;
    Model m = TestModels.random(kind, act, in, h, 4, 0.7f, 99 + kind.ordinal());
    float[] x = TestModels.inputs(steps, in, 5);
    Bptt bptt = new Bptt(m, k, steps);
    bptt.run(x, 0, steps, new int[] {2}, LossMode.FINAL);
    StepJacobian sj = new StepJacobian(m, k);
    int d = sj.size();
    assertEquals(bptt.stateSize(), d);
    float[] jacs = sj.trajectory(bptt.cell().states(), x, 0, steps);
    JacobianProducts prod = new JacobianProducts(k, d, steps);
    prod.fromEnd(jacs, steps);
    float[] g = bptt.stateGrad();
    int last = (steps - 1) * d;
    for (int t = steps; t >= 1; t--) {
      float[] p = prod.product(steps - t);
      double[] v = new double[d];
      double scale = 0;
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < d; i++) {
          v[j] += g[last + i] * (double) p[i * d + j];
        }
        scale = Math.max(scale, Math.abs(g[(t - 1) * d + j]));
      }
      for (int j = 0; j < d; j++) {
        double want = g[(t - 1) * d + j];
        int tt = t;
        int jj = j;
        double got = v[j];
        assertTrue(Math.abs(got - want) <= 1e-4 * scale + 1e-9, () -> k.name() + " " + kind.id()
            + " " + act.id() + " t=" + tt + " [" + jj + "]: vᵀP " + got + " vs bptt " + want);
      }
    }
  }

  /** fromStart's products equal fromEnd's for the full span, and P(0,k) = J_k·P(0,k−1). */
  @Test
  void fromStartAndFromEndAgreeOnTheFullProduct() {
    for (Kernels k : KernelProvider.available()) {
      int d = 5;
      int steps = 9;
      float[] jacs = TestModels.inputs(steps, d * d, 3);
      for (int i = 0; i < jacs.length; i++) {
        jacs[i] *= 0.4f;
      }
      JacobianProducts a = new JacobianProducts(k, d, steps);
      JacobianProducts b = new JacobianProducts(k, d, steps);
      a.fromEnd(jacs, steps);
      b.fromStart(jacs, steps);
      float[] pa = a.product(steps);
      float[] pb = b.product(steps);
      double max = 0;
      for (float f : pa) {
        max = Math.max(max, Math.abs(f));
      }
      for (int i = 0; i < d * d; i++) {
        assertEquals(pa[i], pb[i], 1e-5 * max, k.name() + " entry " + i);
      }
    }
  }

  /** For W = ρQ with zero input and biases (h stays 0, J = W exactly): ‖P(t,k)‖₂ = ρ^{k−t}. */
  @Test
  void orthogonalTimesRhoGivesRhoToTheLag() {
    for (Kernels k : KernelProvider.available()) {
      for (double rho : new double[] {0.5, 0.9, 1.0, 1.1, 3.0}) {
        int h = 16;
        int steps = 60;
        Model m = AnalysisFixtures.linearOrthogonal(h, rho, 21);
        float[] x = new float[steps * m.inputSize];
        float[] jacs = StepJacobian.alongForwardPass(m, k, x, steps);
        JacobianProducts prod = new JacobianProducts(k, h, steps);
        prod.fromEnd(jacs, steps);
        SpectralNorm power = new SpectralNorm(k, h);
        for (int lag = 0; lag <= steps; lag++) {
          double log10 = prod.log10SpectralNorm(lag, power);
          double want = lag * Math.log10(rho);
          // rel 1e-4 on the norm = 4.3e-5 in log10
          assertEquals(want, log10, 4.3e-5, k.name() + " rho=" + rho + " lag=" + lag);
          assertEquals(want, prod.log10SpectralRadius(lag), 4.3e-5,
              k.name() + " radius rho=" + rho + " lag=" + lag);
        }
      }
    }
  }
}
