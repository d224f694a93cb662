package org.bpttbench.analysis;

import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.Kernels;

/**
 * The exact per-step Jacobian J_t = ∂state_t/∂state_{t−1} of one cell step from any state, as a
 * row-major d×d float matrix: a one-step cell is run from the given state and asked for
 * {@link RecurrentCell#stepJacobian} (the cells own the math). After a cell's own forward pass,
 * calling {@code cell.stepJacobian(t, …)} directly gives the same matrices without the extra step.
 * Workspace is allocated once; {@link #compute} allocates nothing.
 */
public final class StepJacobian {
  private final RecurrentCell cell;
  private final int size;
  private final int in;

  public StepJacobian(Model params, Kernels kernels) {
    this.cell = Cells.create(params, kernels, 1);
    this.size = cell.stateSize();
    this.in = cell.inputSize();
  }

  /** d: H for RNN and GRU, 2H for LSTM. */
  public int size() {
    return size;
  }

  /**
   * Writes J = ∂state_t/∂state_{t−1} into {@code jac[jOff .. jOff+d²)} for the step that maps
   * {@code prev} (state_{t−1}, d floats) with input {@code x} (I floats) to state_t.
   */
  public void compute(float[] prev, int prevOff, float[] x, int xOff, float[] jac, int jOff) {
    System.arraycopy(prev, prevOff, cell.states(), 0, size);
    cell.forward(x, xOff, 1);
    cell.stepJacobian(1, jac, jOff);
  }

  /**
   * J_t for step t (1-based) of a forward trace: {@code states} as {@link RecurrentCell#states()}
   * lays them out, {@code inputs} the T×I sequence from {@code inOff}.
   */
  public void compute(float[] states, float[] inputs, int inOff, int t, float[] jac, int jOff) {
    compute(states, (t - 1) * size, inputs, inOff + (t - 1) * in, jac, jOff);
  }

  /** J_1 .. J_steps of a forward trace (as {@link #compute}), one d×d matrix after another. */
  public float[] trajectory(float[] states, float[] inputs, int inOff, int steps) {
    int d2 = size * size;
    float[] jacs = new float[steps * d2];
    for (int t = 1; t <= steps; t++) {
      compute(states, inputs, inOff, t, jacs, (t - 1) * d2);
    }
    return jacs;
  }

  /**
   * J_1 .. J_steps of the trajectory {@code params} runs over {@code inputs} (steps×I) from the
   * zero state, one d×d matrix after another.
   */
  public static float[] alongForwardPass(Model params, Kernels kernels, float[] inputs,
      int steps) {
    RecurrentCell cell = Cells.create(params, kernels, steps);
    cell.forward(inputs, 0, steps);
    return new StepJacobian(params, kernels).trajectory(cell.states(), inputs, 0, steps);
  }
}
