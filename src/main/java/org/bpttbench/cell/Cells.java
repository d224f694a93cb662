package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/** Creates the cell for a model's kind. */
public final class Cells {
  private Cells() {}

  /** A cell over {@code params} (shared, not copied) with workspace for {@code maxSteps} steps. */
  public static RecurrentCell create(Model params, Kernels kernels, int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("sequence length must be at least 1, got " + maxSteps);
    }
    switch (params.kind) {
      case RNN:
        return new RnnCell(params, kernels, maxSteps);
      case GRU:
        return new GruCell(params, kernels, maxSteps);
      case LSTM:
        return new LstmCell(params, kernels, maxSteps);
      default:
        throw new AssertionError(params.kind);
    }
  }
}
