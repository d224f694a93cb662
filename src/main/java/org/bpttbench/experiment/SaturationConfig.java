package org.bpttbench.experiment;

import org.bpttbench.cell.CellKind;

/**
 * One tanh RNN and one input sequence multiplied by each of {@code scales}; a unit counts as
 * saturated when |h| &gt; {@code threshold}.
 */
public record SaturationConfig(Setup setup, double[] scales, double threshold, int target) {
  /** The lags whose surviving gradient is measured. */
  public static final int SHORT_LAG = 10;
  public static final int LONG_LAG = 30;

  public SaturationConfig {
    setup.checkSteps(LONG_LAG + 1, "the gradient surviving " + LONG_LAG + " steps");
    setup.checkTarget(target);
    setup.requireMemory(CellKind.RNN, 1);
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold " + threshold + " is not in [0, 1]");
    }
  }
}
