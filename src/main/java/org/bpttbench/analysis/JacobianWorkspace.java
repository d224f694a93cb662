package org.bpttbench.analysis;

import org.bpttbench.bptt.WorkspaceSize;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;

/**
 * The heap a Jacobian analysis over T steps will hold, computed from its sizes before anything is
 * allocated: its arrays grow as T·d² (d = state size), so a long sequence needs far more than a
 * gradient run ({@link WorkspaceSize}).
 */
public final class JacobianWorkspace {
  /** Bound on the small objects around the arrays. */
  private static final long OBJECTS = 16 * 1024;
  /** d×d double matrices alive at once inside Commons Math's QR, eigen and singular value solvers. */
  private static final int SOLVER_MATRICES = 8;

  private JacobianWorkspace() {}

  /**
   * Bytes of the model, the {@code steps×input} inputs, a cell for {@code steps} (and the
   * one-step cell of a {@link StepJacobian}), the step
   * Jacobians J_1..J_T (T·d² floats), two {@link JacobianProducts} (from the end and from the
   * start), a {@link SpectralNorm}, per-lag results and the double matrices of the solvers.
   *
   * @return the bytes, or {@link Long#MAX_VALUE} when they overflow {@code long} or one array would
   *     exceed Java's array length limit
   * @throws IllegalArgumentException for a size below 1
   */
  public static long bytes(CellKind kind, int input, int hidden, int classes, int steps) {
    WorkspaceSize.requireSizes(input, hidden, classes, steps);
    try {
      long d = ArrayBytes.product(kind.stateVectors, hidden);
      long dd = ArrayBytes.product(d, d);
      long lags = steps + 1L;
      long matrix = ArrayBytes.sum(ArrayBytes.product(d, ArrayBytes.doubles(d)),
          ArrayBytes.floats(2 * d)); // d rows, plus the array of row references
      return ArrayBytes.sum(OBJECTS, Model.parameterBytes(kind, input, hidden, classes),
          ArrayBytes.floats(ArrayBytes.product(steps, input)),
          Cells.workspaceBytes(kind, hidden, 1, steps),
          Cells.workspaceBytes(kind, hidden, 1, 1), // StepJacobian's one-step cell
          ArrayBytes.floats(ArrayBytes.product(steps, dd)),
          2 * ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(lags, dd)),
              ArrayBytes.ints(lags)),
          SpectralNorm.workspaceBytes(d, SpectralNorm.MAX_KRYLOV), 2 * ArrayBytes.doubles(lags), ArrayBytes.doubles(d),
          ArrayBytes.product(SOLVER_MATRICES, matrix));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
