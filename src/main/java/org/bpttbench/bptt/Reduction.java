package org.bpttbench.bptt;

/** How the loss terms of a run are combined. */
public enum Reduction {
  /** Their sum: the lesson's L = Σ_t L_t of one sequence. */
  SUM,
  /**
   * Their mean over every term, as {@code torch.nn.functional.cross_entropy} and {@code mse_loss}
   * take it: over the batch (final step) or over batch × steps (every step).
   */
  MEAN
}
