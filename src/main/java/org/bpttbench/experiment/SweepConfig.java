package org.bpttbench.experiment;

import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.CellKind;

/**
 * A vanilla RNN with zero biases for each ρ in {@code rhos} (the setup's own ρ is not used), each
 * activation and each input regime: small input (× {@code smallScale}) and large input
 * (× {@code largeScale}).
 *
 * @param target the class of L_T, or −1 for the least likely class at T of each run
 */
public record SweepConfig(Setup setup, double[] rhos, double smallScale, double largeScale,
                          int target) {
  public SweepConfig {
    setup.checkSteps(2, "the ratio needs a lag of at least 1");
    setup.requireMemory(CellKind.RNN, 1);
    if (target != -1) {
      setup.checkTarget(target);
    }
    if (setup.init() == InitScheme.PYTORCH) {
      throw new IllegalArgumentException("init pytorch ignores rho (expected gauss, orthogonal or"
          + " identity)");
    }
  }

  /** The lag at which runs are compared with their prediction: 20, or T−1 if shorter. */
  public int probeLag() {
    return Math.min(20, setup.steps() - 1);
  }
}
