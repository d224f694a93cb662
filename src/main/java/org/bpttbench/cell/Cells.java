package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/** Creates the cell for a model's kind (the registry is {@link CellKind}). */
public final class Cells {
  private Cells() {}

  /**
   * A cell over {@code params} (shared, not copied) with workspace for up to {@code maxBatch}
   * sequences of up to {@code maxSteps} steps.
   *
   * @throws IllegalArgumentException for a size below 1, or sizes whose workspace cannot be
   *     allocated at all (the message names them)
   */
  public static RecurrentCell create(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    return create(params.layer(0, 0), kernels, maxBatch, maxSteps);
  }

  /** A cell over one layer of a model, as {@link #create(Model, Kernels, int, int)}. */
  public static RecurrentCell create(Layer params, Kernels kernels, int maxBatch, int maxSteps) {
    if (maxBatch < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("batch and sequence length must be at least 1, got "
          + maxBatch + " and " + maxSteps);
    }
    try {
      workspaceBytes(params.kind(), params.hiddenSize(), maxBatch, maxSteps);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps of a "
          + params.kind().id() + " with H = " + params.hiddenSize() + ": " + e.getMessage());
    }
    return params.kind().factory.create(params, kernels, maxBatch, maxSteps);
  }

  /** A cell for one sequence of up to {@code maxSteps} steps, over layer 0 of {@code params}. */
  public static RecurrentCell create(Model params, Kernels kernels, int maxSteps) {
    return create(params, kernels, 1, maxSteps);
  }

  /**
   * Whether a cell's pass over {@code batch} sequences of {@code steps} steps runs its recurrent
   * product on W_hhᵀ packed once for the pass ({@code Kernels.packB}, {@code gemmPacked}): always
   * above batch 1; at batch 1 from a few steps on and while W_hh fits the bound where that was
   * measured to pay (see {@code CellBase}); else a gemv on W_hh per step.
   */
  public static boolean packsRecurrentWeights(CellKind kind, int hidden, int batch, int steps) {
    return batch > 1 || CellBase.packsAtBatch1(kind, hidden, steps);
  }

  /**
   * The heap bytes {@link #create} allocates for these sizes, an upper bound computed before
   * anything is allocated; throws {@link ArithmeticException} when they cannot be allocated at all.
   */
  public static long workspaceBytes(CellKind kind, int hidden, int maxBatch, int maxSteps) {
    return kind.workspace.bytes(hidden, maxBatch, maxSteps);
  }
}
