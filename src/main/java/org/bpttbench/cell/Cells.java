package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/** Creates the cell for a model's kind (the registry is {@link CellKind}). */
public final class Cells {
  private Cells() {}

  /** A cell over {@code params} (shared, not copied) with workspace for {@code maxSteps} steps. */
  public static RecurrentCell create(Model params, Kernels kernels, int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("sequence length must be at least 1, got " + maxSteps);
    }
    return params.kind.factory.create(params, kernels, maxSteps);
  }

  /**
   * The heap bytes {@link #create} allocates for these sizes, an upper bound computed before
   * anything is allocated; throws {@link ArithmeticException} when they cannot be allocated at all.
   */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int maxSteps) {
    return kind.workspace.bytes(input, hidden, maxSteps);
  }
}
