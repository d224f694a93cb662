package org.bpttbench.train;

import java.util.Arrays;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.BatchedCell;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * Backpropagation through time over a mini-batch: forward over B sequences of T steps, the mean
 * cross-entropy as {@code torch.nn.functional.cross_entropy} takes it (at the final step: mean
 * over B; at every step: mean over B·T) or the final step's mean squared error of a one-output
 * regression read-out ({@code mse_loss}), and the full backward pass giving every parameter's
 * gradient and dL/d(state_t) of every sequence. Inputs and per-step targets are time-major (see
 * {@link BatchedCell}). All workspace is allocated here, once; no method allocates.
 *
 * <p>As in {@link org.bpttbench.bptt.Bptt}, a carried dL/d(state) row whose entries are all
 * subnormal is flushed to zero (software FTZ), per sequence.
 */
public final class BatchedBptt {
  private final Model params;
  private final Model grads;
  private final Kernels k;
  private final BatchedCell cell;
  private final BatchedReadout readout;
  private final int stateSize;
  private final int hidden;
  private final float[] stateGrad; // maxSteps·maxBatch×S, time-major: dL/d(state_t), t = 1..T
  private final float[] carry;     // maxBatch×S: one step's carried gradient
  private final float[] dState0;   // maxBatch×S: dL/d(state_0)
  private int batch = 1;
  private int steps;

  public BatchedBptt(Model params, Kernels kernels, int maxBatch, int maxSteps) {
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
    this.cell = BatchedCell.create(params, kernels, maxBatch, maxSteps);
    this.readout = new BatchedReadout(params, kernels, maxBatch * maxSteps);
    this.stateSize = cell.stateSize();
    this.hidden = cell.hiddenSize();
    this.stateGrad = new float[maxSteps * maxBatch * stateSize];
    this.carry = new float[maxBatch * stateSize];
    this.dState0 = new float[maxBatch * stateSize];
  }

  /**
   * Heap bytes a {@code BatchedBptt} allocates, overflow-checked: the cell's workspace, the
   * gradients, the dL/d(state) rows and the read-out's logits for every (step, sequence) row.
   *
   * @throws ArithmeticException when a count overflows or one array would exceed Java's limit
   */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes,
                                    int maxBatch, int maxSteps) {
    long rows = ArrayBytes.product(maxSteps, maxBatch);
    long state = ArrayBytes.product(kind.stateVectors, hidden);
    return ArrayBytes.sum(BatchedCell.workspaceBytes(kind, hidden, maxBatch, maxSteps),
        Model.parameterBytes(kind, input, hidden, classes),
        ArrayBytes.floats(ArrayBytes.product(rows, state)),
        ArrayBytes.product(2, ArrayBytes.floats(ArrayBytes.product(maxBatch, state))),
        ArrayBytes.floats(ArrayBytes.product(rows, classes)), ArrayBytes.floats(rows));
  }

  /** Forward only, no loss: what a truncated-BPTT chunk without a loss term does. */
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    cell.forward(inputs, inOff, batch, steps);
    this.batch = batch;
    this.steps = steps;
  }

  /**
   * Forward only: the mean loss. Targets: {@code targets[tOff + b]} for {@link LossMode#FINAL},
   * {@code targets[tOff + (t−1)·batch + b]} (time-major) for {@link LossMode#ALL_STEPS}.
   */
  public double loss(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                     LossMode mode) {
    forward(inputs, inOff, batch, steps);
    int rows = lossRows(mode);
    return readout.lossSum(cell.states(), firstLossState(mode), stateSize, rows, targets, tOff)
        / rows;
  }

  /** Forward and backward; returns the mean loss. Results: {@link #grads()}, {@link #stateGrad()}. */
  public double run(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                    LossMode mode) {
    startBackward(inputs, inOff, batch, steps);
    int rows = lossRows(mode);
    int first = firstLossState(mode);
    double sum = readout.backward(cell.states(), first, stateSize, rows, targets, tOff,
        1f / rows, stateGrad, first - batch * stateSize, grads);
    backThroughTime(inputs, inOff, steps);
    return sum / rows;
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
    startBackward(inputs, inOff, batch, steps);
    int first = firstLossState(LossMode.FINAL);
    double sum = readout.squaredErrorBackward(cell.states(), first, stateSize, batch, values,
        vOff, 1f / batch, stateGrad, first - batch * stateSize, grads);
    backThroughTime(inputs, inOff, steps);
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

  private void startBackward(float[] inputs, int inOff, int batch, int steps) {
    forward(inputs, inOff, batch, steps);
    grads.fillZero();
    Arrays.fill(stateGrad, 0, steps * batch * stateSize, 0f);
  }

  /** With the loss's dL/d(state_t) in place: the sweep t = T..1 and the parameter gradients. */
  private void backThroughTime(float[] inputs, int inOff, int steps) {
    int block = batch * stateSize;
    for (int t = steps; t > 1; t--) {
      int row = (t - 1) * block;
      cell.backwardStep(t, stateGrad, row, carry, 0);
      k.add(stateGrad, row - block, carry, 0, stateGrad, row - block, block);
      flushSubnormalRows(row - block);
    }
    cell.backwardStep(1, stateGrad, 0, dState0, 0);
    cell.accumulateParameterGradients(inputs, inOff, steps, grads);
  }

  private int lossRows(LossMode mode) {
    return mode == LossMode.FINAL ? batch : batch * steps;
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
   * Makes the final states of the last forward the initial states of the next one, for the same
   * batch: the truncated-BPTT carry. Only values are copied, so no gradient flows back across it
   * (PyTorch's {@code h.detach()}).
   */
  public void carryFinalState() {
    float[] s = cell.states();
    System.arraycopy(s, steps * batch * stateSize, s, 0, batch * stateSize);
  }

  /** ‖dL/dh_t‖₂ of sequence b in the last run (t = 1..T); the loss is the batch mean. */
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

  /** The parameter gradients of the last {@link #run}, same layout as the parameters. */
  public Model grads() {
    return grads;
  }

  /** dL/d(state_t) of the last run, time-major: sequence b of step t at ((t−1)·batch + b)·S. */
  public float[] stateGrad() {
    return stateGrad;
  }

  /** dL/d(state_0) of the last run, {@code batch×S}. */
  public float[] initialStateGrad() {
    return dState0;
  }

  /** Time-major states of the last forward (see {@link BatchedCell#states()}). */
  public float[] states() {
    return cell.states();
  }

  public int stateSize() {
    return stateSize;
  }

  public Model params() {
    return params;
  }
}
