package org.bpttbench.bptt;

import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * The heap a gradient run will allocate, computed from its sizes before anything is allocated, so
 * that a caller can refuse sizes that cannot fit. Every count is overflow-checked {@code long}
 * arithmetic over the arrays the classes allocate (each class states its own, beside its
 * constructor), with array headers and padding rounded up ({@link ArrayBytes}).
 */
public final class WorkspaceSize {
  /** Bound on the small objects around the arrays (cell, tensors, shapes, lists). */
  static final long OBJECTS = 16 * 1024;

  private WorkspaceSize() {}

  /**
   * Bytes of one run: the model, a {@code steps×input} input sequence and one target per step, a
   * {@link Bptt} for {@code steps} (gradients, cell workspace, read-out, dL/d(state) rows) and a
   * {@link GradientCurve}. It does not count transient memory of an initialisation scheme.
   *
   * @return the bytes, or {@link Long#MAX_VALUE} when the sizes overflow {@code long} or one array
   *     would exceed Java's array length limit (such a run cannot be allocated at all)
   * @throws IllegalArgumentException for a size below 1
   */
  public static long bytes(CellKind kind, int input, int hidden, int classes, int steps) {
    requireSizes(input, hidden, classes, steps);
    try {
      long state = ArrayBytes.product(kind.stateVectors, hidden);
      return ArrayBytes.sum(OBJECTS, Model.parameterBytes(kind, input, hidden, classes),
          ArrayBytes.floats(ArrayBytes.product(steps, input)), ArrayBytes.ints(steps),
          Bptt.workspaceBytes(kind, input, hidden, classes, 1, steps),
          GradientCurve.workspaceBytes(steps, state));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Throws {@link IllegalArgumentException} naming the first size below 1. */
  public static void requireSizes(int input, int hidden, int classes, int steps) {
    check("input", input);
    check("hidden", hidden);
    check("classes", classes);
    check("steps", steps);
  }

  private static void check(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
