package org.bpttbench.experiment;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;

/**
 * Two copies of one RNN trained by plain SGD (p ← p − lr·g) on the same sequence (× {@code
 * inputScale}) and final-step target for {@code updates} updates: one with the raw gradient, one
 * after clip_grad_norm_({@code maxNorm}).
 */
public record ClipConfig(Setup setup, Activation activation, double lr, int updates,
                         double maxNorm, double inputScale, int target) {
  public ClipConfig {
    setup.checkTarget(target);
    setup.requireMemory(CellKind.RNN, 2); // the plain and the clipped model
    if (updates < 1) {
      throw new IllegalArgumentException("updates " + updates + " is too few (expected >= 1)");
    }
  }
}
