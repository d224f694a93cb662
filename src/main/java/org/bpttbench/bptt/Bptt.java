package org.bpttbench.bptt;

import java.util.Arrays;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.Kernels;

/**
 * Backpropagation through time, the one pass every caller uses (gradnorm, the curves, the
 * Jacobian products, training and learn): forward over B ≥ 1 sequences of T steps, the loss of a
 * {@link Readout} (cross-entropy at the final step or at every step, or the final step's squared
 * error), combined by a {@link Reduction}, and the full backward pass giving dL/d(state_t) of
 * every sequence and step and the gradient of every parameter. Inputs, states, per-step targets
 * and dL/d(state) are time-major (see {@link RecurrentCell}); with B = 1 that is the
 * single-sequence layout, row t−1 = dL/d(state_t). All workspace is allocated here, once; no
 * method allocates.
 *
 * <p><b>Flush to zero.</b> A vanishing gradient decays through subnormal floats (below
 * {@link Float#MIN_NORMAL} ≈ 1.18e-38), and x86 takes a slow microcode path for every subnormal
 * result; Java cannot set the FTZ/DAZ flags. So after each backward step, a sequence's carried
 * dL/d(state) row whose entries are all below MIN_NORMAL in magnitude is set to zero, which is
 * what hardware FTZ would do to it: contributions below 1.2e-38 are dropped, everything at normal
 * magnitude is bit-for-bit unchanged, and the cost per step stays constant for long sequences.
 * {@link GradientCurve}, which renormalises to stay exact, does not flush.
 */
public final class Bptt {
  private final Model params;
  private final Model grads;
  private final Kernels k;
  private final RecurrentCell cell;
  private final Readout readout;
  private final int stateSize;
  private final int hidden;
  private final float[] stateGrad; // maxSteps·maxBatch×S, time-major: dL/d(state_t), t = 1..T
  private final float[] carry;     // maxBatch×S: one step's carried gradient
  private final float[] dState0;   // maxBatch×S: dL/d(state_0)
  private int batch = 1;
  private int steps;

  /** BPTT of one sequence at a time, up to {@code maxSteps} steps. */
  public Bptt(Model params, Kernels kernels, int maxSteps) {
    this(params, kernels, 1, maxSteps);
  }

  public Bptt(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    try {
      workspaceBytes(params.kind, params.inputSize, params.hiddenSize, params.classes, maxBatch,
          maxSteps);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps: "
          + e.getMessage());
    }
    this.params = params;
    this.grads = params.zerosLike();
    this.k = kernels;
    this.cell = Cells.create(params, kernels, maxBatch, maxSteps);
    this.readout = new Readout(params, kernels, maxBatch * maxSteps);
    this.stateSize = cell.stateSize();
    this.hidden = cell.hiddenSize();
    this.stateGrad = new float[maxSteps * maxBatch * stateSize];
    this.carry = new float[maxBatch * stateSize];
    this.dState0 = new float[maxBatch * stateSize];
  }

  /**
   * Heap bytes the constructor allocates, overflow-checked: the gradients, the cell's workspace,
   * the read-out's logits for every (step, sequence) row and the dL/d(state) rows; the model
   * passed in is not counted.
   *
   * @throws ArithmeticException when a count overflows or one array would exceed Java's limit
   */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes,
                                    int maxBatch, int maxSteps) {
    long rows = ArrayBytes.product(maxSteps, maxBatch);
    long state = ArrayBytes.product(kind.stateVectors, hidden);
    return ArrayBytes.sum(Cells.workspaceBytes(kind, hidden, maxBatch, maxSteps),
        Model.parameterBytes(kind, input, hidden, classes),
        ArrayBytes.floats(ArrayBytes.product(rows, state)),
        ArrayBytes.product(2, ArrayBytes.floats(ArrayBytes.product(maxBatch, state))),
        Readout.workspaceBytes(classes, rows));
  }

  /** Forward only, no loss: what a truncated-BPTT chunk without a loss term does. */
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    cell.forward(inputs, inOff, batch, steps);
    this.batch = batch;
    this.steps = steps;
  }

  /**
   * Forward only over one sequence ({@code steps×I} from {@code inOff}): the summed loss for
   * {@code targets} (length 1 for {@link LossMode#FINAL}, else one per step). Used by
   * finite-difference checks.
   */
  public double loss(float[] inputs, int inOff, int steps, int[] targets, LossMode mode) {
    requireExactly(targets, mode, steps);
    return loss(inputs, inOff, 1, steps, targets, 0, mode, Reduction.SUM);
  }

  /**
   * Forward only: the loss. Targets: {@code targets[tOff + b]} for {@link LossMode#FINAL},
   * {@code targets[tOff + (t−1)·batch + b]} (time-major) for {@link LossMode#ALL_STEPS}.
   */
  public double loss(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                     LossMode mode, Reduction reduction) {
    int rows = targetRows(targets, tOff, mode, batch, steps);
    forward(inputs, inOff, batch, steps);
    double sum = readout.lossSum(cell.states(), firstLossState(mode), stateSize, rows, targets,
        tOff);
    return reduction == Reduction.MEAN ? sum / rows : sum;
  }

  /**
   * Forward and backward over one sequence, the summed loss; returns the loss. Results:
   * {@link #stateGrad()}, {@link #grads()}.
   */
  public double run(float[] inputs, int inOff, int steps, int[] targets, LossMode mode) {
    requireExactly(targets, mode, steps);
    return run(inputs, inOff, 1, steps, targets, 0, mode, Reduction.SUM);
  }

  /** Forward and backward; returns the loss (targets as for {@link #loss}). */
  public double run(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                    LossMode mode, Reduction reduction) {
    targetRows(targets, tOff, mode, batch, steps);
    forward(inputs, inOff, batch, steps);
    return backward(inputs, inOff, targets, tOff, mode, reduction, true);
  }

  /**
   * The backward half of {@link #run} over the states of the last forward: the read-out's loss
   * and gradients, then the sweep, flushing all-subnormal carried rows when {@code flush} (off
   * only for the test that checks what the flush changes).
   */
  double backward(float[] inputs, int inOff, int[] targets, int tOff, LossMode mode,
                  Reduction reduction, boolean flush) {
    int rows = targetRows(targets, tOff, mode, batch, steps);
    clearGradients(mode);
    int first = firstLossState(mode);
    float scale = reduction == Reduction.MEAN ? 1f / rows : 1f;
    double sum = readout.backward(cell.states(), first, stateSize, rows, targets, tOff, scale,
        stateGrad, first - batch * stateSize, grads);
    backThroughTime(inputs, inOff, mode, flush);
    return reduction == Reduction.MEAN ? sum / rows : sum;
  }

  /**
   * Forward only: the mean squared error of the regression read-out (one output) at the final
   * step, {@code torch.nn.functional.mse_loss(y, values)}, value of sequence b
   * {@code values[vOff + b]}.
   */
  public double mse(float[] inputs, int inOff, int batch, int steps, float[] values, int vOff) {
    forward(inputs, inOff, batch, steps);
    return readout.squaredErrorSum(cell.states(), firstLossState(LossMode.FINAL), stateSize,
        batch, values, vOff) / batch;
  }

  /** {@link #mse} forward and backward, as {@link #run} is for the cross-entropy. */
  public double runMse(float[] inputs, int inOff, int batch, int steps, float[] values,
                       int vOff) {
    forward(inputs, inOff, batch, steps);
    clearGradients(LossMode.FINAL);
    int first = firstLossState(LossMode.FINAL);
    double sum = readout.squaredErrorBackward(cell.states(), first, stateSize, batch, values,
        vOff, 1f / batch, stateGrad, first - batch * stateSize, grads);
    backThroughTime(inputs, inOff, LossMode.FINAL, true);
    return sum / batch;
  }

  /**
   * Forward only: how many of the {@code batch} sequences the read-out classifies correctly at
   * the final step (largest logit = {@code targets[tOff + b]}).
   */
  public int correct(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff) {
    forward(inputs, inOff, batch, steps);
    return readout.correct(cell.states(), firstLossState(LossMode.FINAL), stateSize, batch,
        targets, tOff);
  }

  /**
   * Zeroes the gradients and the dL/d(state) rows the read-out adds into: the last step's
   * (final-step loss: the sweep writes the others) or all of them.
   */
  private void clearGradients(LossMode mode) {
    grads.fillZero();
    int block = batch * stateSize;
    int from = mode == LossMode.FINAL ? (steps - 1) * block : 0;
    Arrays.fill(stateGrad, from, steps * block, 0f);
  }

  /** With the loss's dL/d(state_t) in place: the sweep t = T..1 and the parameter gradients. */
  private void backThroughTime(float[] inputs, int inOff, LossMode mode, boolean flush) {
    int block = batch * stateSize;
    for (int t = steps; t > 1; t--) {
      int row = (t - 1) * block;
      if (mode == LossMode.FINAL) {
        cell.backwardStep(t, stateGrad, row, stateGrad, row - block);
      } else {
        cell.backwardStep(t, stateGrad, row, carry, 0);
        k.add(stateGrad, row - block, carry, 0, stateGrad, row - block, block);
      }
      if (flush) {
        flushSubnormalRows(row - block);
      }
    }
    cell.backwardStep(1, stateGrad, 0, dState0, 0);
    cell.accumulateParameterGradients(inputs, inOff, steps, grads);
  }

  /** The loss rows (terms) of a run, checking there are as many targets from {@code tOff}. */
  private static int targetRows(int[] targets, int tOff, LossMode mode, int batch, int steps) {
    int rows = mode == LossMode.FINAL ? batch : batch * steps;
    if (targets.length - tOff < rows) {
      throw new IllegalArgumentException("expected " + rows + " target(s), got "
          + (targets.length - tOff));
    }
    return rows;
  }

  /** Offset of the first state with a loss term: state_T (final) or state_1 (all steps). */
  private int firstLossState(LossMode mode) {
    return (mode == LossMode.FINAL ? steps : 1) * batch * stateSize;
  }

  /** Zeroes each sequence's carried row whose entries are all subnormal or zero (see above). */
  private void flushSubnormalRows(int off) {
    for (int b = 0; b < batch; b++) {
      int r = off + b * stateSize;
      float max = k.maxAbs(stateGrad, r, stateSize);
      if (max < Float.MIN_NORMAL && max != 0f) {
        Arrays.fill(stateGrad, r, r + stateSize, 0f);
      }
    }
  }

  /** Sets every initial state of the next forward to zero (PyTorch's default h_0 = c_0 = 0). */
  public void resetInitialState() {
    Arrays.fill(cell.states(), 0, cell.maxBatch() * stateSize, 0f);
  }

  /**
   * Sets the initial state of a single-sequence run (h_0, and c_0 for LSTM; {@link #stateSize()}
   * floats) used by later runs. The default is zero, as in PyTorch.
   */
  public void setInitialState(float[] state0) {
    System.arraycopy(state0, 0, cell.states(), 0, stateSize);
  }

  /**
   * Makes the final states of the last forward the initial states of the next one, for the same
   * batch: the truncated-BPTT carry. Only values are copied, so no gradient flows back across it
   * (PyTorch's {@code h.detach()}).
   */
  public void carryFinalState() {
    float[] s = cell.states();
    System.arraycopy(s, steps * batch * stateSize, s, 0, batch * stateSize);
  }

  /** ‖dL/dh_t‖₂ of sequence b in the last run (t = 1..T). */
  public double hiddenGradNorm(int t, int b) {
    return k.norm2(stateGrad, ((t - 1) * batch + b) * stateSize, hidden);
  }

  /** The mean over the batch of {@link #hiddenGradNorm}(t, b). */
  public double meanHiddenGradNorm(int t) {
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += hiddenGradNorm(t, b);
    }
    return sum / batch;
  }

  /** The parameter gradients of the last run, same layout as the parameters. */
  public Model grads() {
    return grads;
  }

  /**
   * dL/d(state_t) of the last run, time-major: sequence b of step t at ((t−1)·batch + b)·S; h
   * first, then c (LSTM), whose c half is the gradient through c_{t+1} only (see
   * {@link org.bpttbench.cell.LstmCell}).
   */
  public float[] stateGrad() {
    return stateGrad;
  }

  /** dL/d(state_0) of the last run, {@code batch×S}. */
  public float[] initialStateGrad() {
    return dState0;
  }

  /** Time-major states of the last forward (see {@link RecurrentCell#states()}). */
  public float[] states() {
    return cell.states();
  }

  public int stateSize() {
    return stateSize;
  }

  public int hiddenSize() {
    return hidden;
  }

  /** The sequence length of the last forward. */
  public int steps() {
    return steps;
  }

  /** The batch size of the last forward. */
  public int batch() {
    return batch;
  }

  public RecurrentCell cell() {
    return cell;
  }

  public Model params() {
    return params;
  }

  /** A single sequence's targets: exactly 1 (final step) or one per step. */
  private static void requireExactly(int[] targets, LossMode mode, int steps) {
    int want = mode == LossMode.FINAL ? 1 : steps;
    if (targets.length != want) {
      throw new IllegalArgumentException("expected " + want + " target(s), got " + targets.length);
    }
  }
}
