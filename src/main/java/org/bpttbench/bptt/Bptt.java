package org.bpttbench.bptt;

import java.util.Arrays;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.Kernels;

/**
 * Backpropagation through time for one model and one sequence length bound: forward, loss, and the
 * full backward pass giving dL/d(state_t) for every t = 1..T and the gradient of every parameter.
 * All workspace is allocated here, once; {@link #run} allocates nothing.
 *
 * <p><b>Flush to zero.</b> A vanishing gradient decays through subnormal floats (below
 * {@link Float#MIN_NORMAL} ≈ 1.18e-38), and x86 takes a slow microcode path for every subnormal
 * result; Java cannot set the FTZ/DAZ flags. So after each backward step, a carried dL/d(state)
 * row whose entries are all below MIN_NORMAL in magnitude is set to zero, which is what hardware
 * FTZ would do to it: contributions below 1.2e-38 are dropped, everything at normal magnitude is
 * bit-for-bit unchanged, and the cost per step stays constant for long sequences.
 * {@link GradientCurve}, which renormalises to stay exact, does not flush.
 */
public final class Bptt {
  private final Model params;
  private final Model grads;
  private final Kernels kernels;
  private final RecurrentCell cell;
  private final SoftmaxReadout readout;
  private final int stateSize;
  private final int hidden;
  private final float[] stateGrad; // maxSteps×S: row t−1 = dL/d(state_t)
  private final float[] dState0;   // dL/d(state_0), computed but not part of the result
  private int steps;

  public Bptt(Model params, Kernels kernels, int maxSteps) {
    this.params = params;
    this.grads = params.zerosLike();
    this.kernels = kernels;
    this.cell = Cells.create(params, kernels, maxSteps);
    this.readout = new SoftmaxReadout(params, kernels);
    this.stateSize = cell.stateSize();
    this.hidden = cell.hiddenSize();
    this.stateGrad = new float[maxSteps * stateSize];
    this.dState0 = new float[stateSize];
  }

  /**
   * The heap bytes the constructor allocates (gradients, cell, read-out, dL/d(state) rows) for
   * these sizes; the model passed in is not counted. Throws {@link ArithmeticException} when they
   * cannot be allocated at all.
   */
  static long workspaceBytes(CellKind kind, int input, int hidden, int classes, int maxSteps) {
    long state = ArrayBytes.product(kind.stateVectors, hidden);
    return ArrayBytes.sum(Model.parameterBytes(kind, input, hidden, classes),
        Cells.workspaceBytes(kind, input, hidden, maxSteps),
        SoftmaxReadout.workspaceBytes(classes),
        ArrayBytes.floats(ArrayBytes.product(maxSteps, state)), ArrayBytes.floats(state));
  }

  /**
   * Forward only over {@code inputs} ({@code steps×I} from {@code inOff}): the loss for {@code targets} (length 1 for {@link LossMode#FINAL}, else one per
   * step). Used by finite-difference checks.
   */
  public double loss(float[] inputs, int inOff, int steps, int[] targets, LossMode mode) {
    checkSteps(steps, targets, mode);
    cell.forward(inputs, inOff, steps);
    float[] s = cell.states();
    if (mode == LossMode.FINAL) {
      return readout.loss(s, steps * stateSize, targets[0]);
    }
    double sum = 0;
    for (int t = 1; t <= steps; t++) {
      sum += readout.loss(s, t * stateSize, targets[t - 1]);
    }
    return sum;
  }

  /** Forward and backward; returns the loss. Results: {@link #stateGrad()}, {@link #grads()}. */
  public double run(float[] inputs, int inOff, int steps, int[] targets, LossMode mode) {
    checkSteps(steps, targets, mode);
    this.steps = steps;
    cell.forward(inputs, inOff, steps);
    grads.fillZero();
    float[] s = cell.states();
    int last = (steps - 1) * stateSize;
    Arrays.fill(stateGrad, last, last + stateSize, 0f);
    double loss = readout.backward(s, steps * stateSize, target(targets, mode, steps),
        stateGrad, last, grads);
    for (int t = steps; t >= 1; t--) {
      int row = (t - 1) * stateSize;
      if (t == 1) {
        cell.backwardStep(1, stateGrad, row, dState0, 0);
        break;
      }
      cell.backwardStep(t, stateGrad, row, stateGrad, row - stateSize);
      flushSubnormalRow(row - stateSize);
      if (mode == LossMode.ALL_STEPS) {
        loss += readout.backward(s, (t - 1) * stateSize, targets[t - 2], stateGrad,
            row - stateSize, grads);
      }
    }
    cell.accumulateParameterGradients(inputs, inOff, steps, grads);
    return loss;
  }

  /** Zeroes the carried row at {@code off} when every entry is subnormal or zero (see above). */
  private void flushSubnormalRow(int off) {
    float max = kernels.maxAbs(stateGrad, off, stateSize);
    if (max < Float.MIN_NORMAL && max != 0f) {
      Arrays.fill(stateGrad, off, off + stateSize, 0f);
    }
  }

  /**
   * Sets the initial state (h_0, and c_0 for LSTM; {@link #stateSize()} floats) used by later runs.
   * The default is zero, as in PyTorch.
   */
  public void setInitialState(float[] state0) {
    System.arraycopy(state0, 0, cell.states(), 0, stateSize);
  }

  /** dL/d(state_0) of the last run. */
  public float[] initialStateGrad() {
    return dState0;
  }

  /** The gradients of the last {@link #run}, same layout as the parameters. */
  public Model grads() {
    return grads;
  }

  /**
   * dL/d(state_t) of the last run: row t−1 of {@code steps×stateSize}; h first, then c (LSTM),
   * whose c half is the gradient through c_{t+1} only (see {@link org.bpttbench.cell.LstmCell}).
   */
  public float[] stateGrad() {
    return stateGrad;
  }

  public int stateSize() {
    return stateSize;
  }

  public int hiddenSize() {
    return hidden;
  }

  public int steps() {
    return steps;
  }

  public RecurrentCell cell() {
    return cell;
  }

  public Model params() {
    return params;
  }

  private static int target(int[] targets, LossMode mode, int steps) {
    return mode == LossMode.FINAL ? targets[0] : targets[steps - 1];
  }

  private void checkSteps(int steps, int[] targets, LossMode mode) {
    if (steps < 1 || steps > cell.maxSteps()) {
      throw new IllegalArgumentException("sequence length " + steps + " outside 1.."
          + cell.maxSteps());
    }
    int want = mode == LossMode.FINAL ? 1 : steps;
    if (targets.length != want) {
      throw new IllegalArgumentException("expected " + want + " target(s), got " + targets.length);
    }
    for (int c : targets) {
      if (c < 0 || c >= params.classes) {
        throw new IllegalArgumentException("target " + c + " outside 0.." + (params.classes - 1));
      }
    }
  }
}
