package org.bpttbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.experiment.SweepResult.Regime;
import org.bpttbench.experiment.SweepResult.Run;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

class SweepExperimentTest {
  private static final double[] RHOS = {0.5, 0.7, 0.9, 1.0, 1.1};

  private static SweepResult sweep(Kernels k) {
    Setup s = new Setup(16, 4, 5, 30, InitScheme.ORTHOGONAL, 1.0, 42);
    return SweepExperiment.run(new SweepConfig(s, RHOS, 1e-4, 5, -1), k);
  }

  private static Run find(SweepResult r, Activation act, Regime regime, double rho) {
    return r.runs().stream().filter(x -> x.activation() == act && x.regime() == regime
        && x.rho() == rho).findFirst().orElseThrow();
  }

  /** tanh, zero biases, small input: the lag-20 ratio is the prediction ρ^20 (rel 1e-2). */
  @Test
  void tanhSmallInputFollowsRhoToTheLag() {
    for (Kernels k : KernelProvider.available()) {
      SweepResult r = sweep(k);
      assertEquals(2 * 2 * RHOS.length, r.runs().size());
      for (double rho : RHOS) {
        Run run = find(r, Activation.TANH, Regime.SMALL_INPUT, rho);
        double want = Math.pow(rho, 20);
        assertEquals(want, Math.pow(10, run.log10Prediction(20)), 1e-4 * want);
        assertEquals(want, Math.pow(10, run.log10Ratio()[20]), 1e-2 * want, k.name() + " " + rho);
      }
    }
  }

  /**
   * relu has no prediction: ρ^k overstates its gradient (the masks drop directions), zero biases
   * make its two regimes identical, and σ_max^k bounds every run of both activations.
   */
  @Test
  void reluHasNoPredictionOnlyABoundAndBothRegimesAgree() {
    for (Kernels k : KernelProvider.available()) {
      SweepResult r = sweep(k);
      for (double rho : RHOS) {
        Run small = find(r, Activation.RELU, Regime.SMALL_INPUT, rho);
        Run large = find(r, Activation.RELU, Regime.LARGE_INPUT, rho);
        assertTrue(Double.isNaN(small.log10Prediction(20)));
        assertEquals(small.meanDerivative(), large.meanDerivative(), 1e-12, "same masks");
        assertTrue(small.meanDerivative() > 0.2 && small.meanDerivative() < 0.8,
            "relu keeps only part of the units: " + small.meanDerivative());
      }
      Run one = find(r, Activation.RELU, Regime.SMALL_INPUT, 1.0);
      assertTrue(one.log10Ratio()[20] < -1, "rho = 1, lag 20: ratio "
          + Math.pow(10, one.log10Ratio()[20]) + " is far below rho^20 = 1");
      for (Run run : r.runs()) {
        for (int lag = 1; lag < 30; lag++) {
          assertTrue(run.log10Ratio()[lag] <= run.log10Bound(lag) + 1e-4,
              run.activation() + " " + run.regime() + " rho " + run.rho() + " lag " + lag);
        }
      }
    }
  }
}
