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
 * Jacobian products, training and learn): forward over B ≥ 1 sequences of T steps through a
 * model of one or more layers, each in one direction or two (PyTorch's {@code num_layers} and
 * {@code bidirectional}: layer k + 1 reads layer k's outputs, a bidirectional layer's output is the
 * concatenation [forward h_t | reverse h_t] at each position t, and the read-out reads the last
 * layer's output), the loss of a
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
 *
 * <p><b>Stacks.</b> A single unidirectional layer reads out from its cell's states directly and
 * sweeps in place. A stack keeps each layer's outputs ({@code T×B×D·H}, time-major) and, for the
 * reverse direction, the layer's input reversed in time, so that every cell runs forward in its own
 * time; backward goes down the stack: the gradient of a layer's outputs is scattered onto each
 * direction's dL/d(state) rows, swept, and turned into the gradient of the layer's inputs
 * ({@link RecurrentCell#inputGradients}), which is the layer below's output gradient.
 */
public final class Bptt {
  private final Model params;
  private final Model grads;
  private final Kernels k;
  private final boolean single;
  private final int layers;
  private final int dirs;
  private final int hidden;
  private final int stateSize;
  private final int width;          // D·H: a stack layer's output row
  private final RecurrentCell[] cells;    // layer·D + direction
  private final float[][] stateGrads;     // per cell, maxSteps·maxBatch×S: dL/d(state_t), time-major
  private final Readout readout;
  private final float[][] outputs;  // stack: per layer, maxSteps·maxBatch×D·H
  private final float[][] reversed; // bidirectional: per layer, its input reversed in time
  private float[] dOut;             // stack: dL/d(a layer's outputs)
  private float[] dIn;              // stack: dL/d(its inputs), the layer below's dOut
  private final float[] dx;         // stack: one direction's input gradient
  private final float[] carry;      // maxBatch×S: one step's carried gradient
  private final float[] dState0;    // maxBatch×S: dL/d(state_0) of the cell swept last
  private int batch = 1;
  private int steps;

  /** BPTT of one sequence at a time, up to {@code maxSteps} steps. */
  public Bptt(Model params, Kernels kernels, int maxSteps) {
    this(params, kernels, 1, maxSteps);
  }

  public Bptt(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    try {
      workspaceBytes(params.kind, params.inputSize, params.hiddenSize, params.classes,
          params.numLayers, params.bidirectional, maxBatch, maxSteps);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps: "
          + e.getMessage());
    }
    this.params = params;
    this.grads = params.zerosLike();
    this.k = kernels;
    this.single = params.isSingleLayer();
    this.layers = params.numLayers;
    this.dirs = params.directions();
    this.hidden = params.hiddenSize;
    this.stateSize = params.kind.stateVectors * hidden;
    this.width = params.outputSize();
    int n = layers * dirs;
    this.cells = new RecurrentCell[n];
    this.stateGrads = new float[n][];
    int rows = maxSteps * maxBatch;
    for (int i = 0; i < n; i++) {
      cells[i] = Cells.create(params.layers().get(i), kernels, maxBatch, maxSteps);
      stateGrads[i] = new float[rows * stateSize];
    }
    this.readout = new Readout(params, kernels, rows);
    this.outputs = new float[single ? 0 : layers][];
    this.reversed = new float[dirs == 2 ? layers : 0][];
    for (int l = 0; l < outputs.length; l++) {
      outputs[l] = new float[rows * width];
    }
    for (int l = 0; l < reversed.length; l++) {
      reversed[l] = new float[rows * (l == 0 ? params.inputSize : width)];
    }
    int stackRows = single ? 0 : rows;
    this.dOut = new float[stackRows * width];
    this.dIn = new float[layers > 1 ? stackRows * width : 0];
    this.dx = new float[layers > 1 ? stackRows * width : 0];
    this.carry = new float[maxBatch * stateSize];
    this.dState0 = new float[maxBatch * stateSize];
  }

  /** {@link #workspaceBytes(CellKind, int, int, int, int, boolean, int, int)} of one layer. */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes,
                                    int maxBatch, int maxSteps) {
    return workspaceBytes(kind, input, hidden, classes, 1, false, maxBatch, maxSteps);
  }

  /**
   * Heap bytes the constructor allocates, overflow-checked: the gradients, every cell's
   * workspace, the read-out's logits for every (step, sequence) row and the dL/d(state) rows, and
   * for a stack its outputs, reversed inputs and output gradients; the model passed in is not
   * counted.
   *
   * @throws ArithmeticException when a count overflows or one array would exceed Java's limit
   */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes,
                                    int numLayers, boolean bidirectional, int maxBatch,
                                    int maxSteps) {
    long dirs = bidirectional ? 2 : 1;
    long rows = ArrayBytes.product(maxSteps, maxBatch);
    long state = ArrayBytes.product(kind.stateVectors, hidden);
    long cells = ArrayBytes.product(numLayers, dirs);
    long perCell = ArrayBytes.sum(Cells.workspaceBytes(kind, hidden, maxBatch, maxSteps),
        ArrayBytes.floats(ArrayBytes.product(rows, state)));
    long sum = ArrayBytes.sum(ArrayBytes.product(cells, perCell),
        Model.parameterBytes(kind, input, hidden, classes, numLayers, bidirectional),
        ArrayBytes.product(2, ArrayBytes.floats(ArrayBytes.product(maxBatch, state))),
        Readout.workspaceBytes(classes, rows));
    if (numLayers > 1 || bidirectional) {
      long layerRows = ArrayBytes.floats(ArrayBytes.product(rows, dirs, hidden));
      long widest = ArrayBytes.floats(ArrayBytes.product(rows, Math.max(input, dirs * hidden)));
      sum = ArrayBytes.sum(sum, ArrayBytes.product(numLayers, layerRows),
          bidirectional ? ArrayBytes.product(numLayers, widest) : 0,
          ArrayBytes.product(3, layerRows));
    }
    return sum;
  }

  /** Forward only, no loss: what a truncated-BPTT chunk without a loss term does. */
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    if (single) {
      cells[0].forward(inputs, inOff, batch, steps);
    } else {
      forwardStack(inputs, inOff, batch, steps);
    }
    this.batch = batch;
    this.steps = steps;
  }

  private void forwardStack(float[] inputs, int inOff, int batch, int steps) {
    float[] in = inputs;
    int off = inOff;
    int inWidth = params.inputSize;
    for (int l = 0; l < layers; l++) {
      cells[l * dirs].forward(in, off, batch, steps);
      if (dirs == 2) {
        reverseTime(in, off, batch * inWidth, steps, reversed[l], 0);
        cells[l * dirs + 1].forward(reversed[l], 0, batch, steps);
      }
      for (int d = 0; d < dirs; d++) {
        float[] s = cells[l * dirs + d].states();
        for (int t = 1; t <= steps; t++) {
          int from = (step(d, t, steps) * batch) * stateSize;
          int to = (t - 1) * batch * width + d * hidden;
          for (int b = 0; b < batch; b++) {
            System.arraycopy(s, from + b * stateSize, outputs[l], to + b * width, hidden);
          }
        }
      }
      in = outputs[l];
      off = 0;
      inWidth = width;
    }
  }

  /** The cell step that direction d is at for sequence position t (1-based). */
  private static int step(int d, int t, int steps) {
    return d == 0 ? t : steps - t + 1;
  }

  /** Copies {@code steps} blocks of {@code block} floats into {@code dst} in reverse order. */
  private static void reverseTime(float[] src, int off, int block, int steps, float[] dst,
                                  int dstOff) {
    for (int t = 0; t < steps; t++) {
      System.arraycopy(src, off + t * block, dst, dstOff + (steps - 1 - t) * block, block);
    }
  }

  /** The rows the read-out reads: the cell's states (one layer) or the last layer's outputs. */
  private float[] readoutRows() {
    return single ? cells[0].states() : outputs[layers - 1];
  }

  private int readoutStride() {
    return single ? stateSize : width;
  }

  /** Offset of the first row with a loss term: position T (final) or position 1 (all steps). */
  private int firstLossRow(LossMode mode) {
    int t = mode == LossMode.FINAL ? steps : 1;
    return single ? t * batch * stateSize : (t - 1) * batch * width;
  }

  /** Where the read-out adds dL/d(its rows): the cell's dL/d(state) rows, or dL/d(outputs). */
  private float[] readoutGradient() {
    return single ? stateGrads[0] : dOut;
  }

  private int readoutGradientOffset(LossMode mode) {
    return single ? firstLossRow(mode) - batch * stateSize : firstLossRow(mode);
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
    double sum = readout.lossSum(readoutRows(), firstLossRow(mode), readoutStride(), rows,
        targets, tOff);
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
    float scale = reduction == Reduction.MEAN ? 1f / rows : 1f;
    double sum = readout.backward(readoutRows(), firstLossRow(mode), readoutStride(), rows,
        targets, tOff, scale, readoutGradient(), readoutGradientOffset(mode), grads);
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
    return readout.squaredErrorSum(readoutRows(), firstLossRow(LossMode.FINAL), readoutStride(),
        batch, values, vOff) / batch;
  }

  /** {@link #mse} forward and backward, as {@link #run} is for the cross-entropy. */
  public double runMse(float[] inputs, int inOff, int batch, int steps, float[] values,
                       int vOff) {
    forward(inputs, inOff, batch, steps);
    clearGradients(LossMode.FINAL);
    double sum = readout.squaredErrorBackward(readoutRows(), firstLossRow(LossMode.FINAL),
        readoutStride(), batch, values, vOff, 1f / batch, readoutGradient(),
        readoutGradientOffset(LossMode.FINAL), grads);
    backThroughTime(inputs, inOff, LossMode.FINAL, true);
    return sum / batch;
  }

  /**
   * Forward only: how many of the {@code batch} sequences the read-out classifies correctly at
   * the final step (largest logit = {@code targets[tOff + b]}).
   */
  public int correct(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff) {
    forward(inputs, inOff, batch, steps);
    return readout.correct(readoutRows(), firstLossRow(LossMode.FINAL), readoutStride(), batch,
        targets, tOff);
  }

  /**
   * Zeroes what the read-out adds into: its own gradients and the dL/d(state) rows, the last
   * step's (final-step loss: the sweep writes the others) or all of them. The layers' gradients
   * are written by the cells, not added.
   */
  private void clearGradients(LossMode mode) {
    Arrays.fill(grads.outWeight.data(), 0f);
    Arrays.fill(grads.outBias.data(), 0f);
    if (single) {
      int block = batch * stateSize;
      int from = mode == LossMode.FINAL ? (steps - 1) * block : 0;
      Arrays.fill(stateGrads[0], from, steps * block, 0f);
    } else {
      Arrays.fill(dOut, 0, steps * batch * width, 0f);
    }
  }

  /** With the loss's gradient in place: the sweeps down the stack and the parameter gradients. */
  private void backThroughTime(float[] inputs, int inOff, LossMode mode, boolean flush) {
    if (single) {
      sweep(cells[0], stateGrads[0], mode == LossMode.FINAL, flush);
      cells[0].writeParameterGradients(inputs, inOff, steps, grads.layer(0, 0));
      return;
    }
    int rows = steps * batch;
    for (int l = layers - 1; l >= 0; l--) {
      if (l > 0) {
        Arrays.fill(dIn, 0, rows * width, 0f);
      }
      for (int d = 0; d < dirs; d++) {
        RecurrentCell cell = cells[l * dirs + d];
        float[] sg = stateGrads[l * dirs + d];
        scatterOutputGradient(d, sg);
        sweep(cell, sg, false, flush);
        float[] in = d == 1 ? reversed[l] : l == 0 ? inputs : outputs[l - 1];
        cell.writeParameterGradients(in, d == 0 && l == 0 ? inOff : 0, steps,
            grads.layer(l, d));
        if (l > 0) {
          cell.inputGradients(steps, dx, 0);
          addInputGradient(d);
        }
      }
      if (l > 0) {
        float[] t = dOut;
        dOut = dIn;
        dIn = t;
      }
    }
  }

  /** dL/d(outputs) of direction d onto the h part of its cell's dL/d(state) rows (overwriting). */
  private void scatterOutputGradient(int d, float[] sg) {
    Arrays.fill(sg, 0, steps * batch * stateSize, 0f);
    for (int t = 1; t <= steps; t++) {
      int to = (step(d, t, steps) - 1) * batch * stateSize;
      int from = (t - 1) * batch * width + d * hidden;
      for (int b = 0; b < batch; b++) {
        System.arraycopy(dOut, from + b * width, sg, to + b * stateSize, hidden);
      }
    }
  }

  /** Adds one direction's input gradient {@code dx} (in its cell's time) onto {@code dIn}. */
  private void addInputGradient(int d) {
    int block = batch * width;
    if (d == 0) {
      k.add(dIn, 0, dx, 0, dIn, 0, steps * block);
      return;
    }
    for (int t = 0; t < steps; t++) {
      int at = (steps - 1 - t) * block;
      k.add(dIn, at, dx, t * block, dIn, at, block);
    }
  }

  /**
   * The sweep t = T..1 of one cell over its dL/d(state) rows, which hold the direct terms: when
   * only the last row has one ({@code onlyLast}), each step writes the row below in place;
   * otherwise it goes through {@code carry} and is added.
   */
  private void sweep(RecurrentCell cell, float[] sg, boolean onlyLast, boolean flush) {
    int block = batch * stateSize;
    for (int t = steps; t > 1; t--) {
      int row = (t - 1) * block;
      if (onlyLast) {
        cell.backwardStep(t, sg, row, sg, row - block);
      } else {
        cell.backwardStep(t, sg, row, carry, 0);
        k.add(sg, row - block, carry, 0, sg, row - block, block);
      }
      if (flush) {
        flushSubnormalRows(sg, row - block);
      }
    }
    cell.backwardStep(1, sg, 0, dState0, 0);
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

  /** Zeroes each sequence's carried row whose entries are all subnormal or zero (see above). */
  private void flushSubnormalRows(float[] sg, int off) {
    for (int b = 0; b < batch; b++) {
      int r = off + b * stateSize;
      float max = k.maxAbs(sg, r, stateSize);
      if (max < Float.MIN_NORMAL && max != 0f) {
        Arrays.fill(sg, r, r + stateSize, 0f);
      }
    }
  }

  /** Sets every initial state of the next forward to zero (PyTorch's default h_0 = c_0 = 0). */
  public void resetInitialState() {
    for (RecurrentCell cell : cells) {
      Arrays.fill(cell.states(), 0, cell.maxBatch() * stateSize, 0f);
    }
  }

  /**
   * Sets the initial state of a single-sequence run (h_0, and c_0 for LSTM; {@link #stateSize()}
   * floats) used by later runs. The default is zero, as in PyTorch.
   */
  public void setInitialState(float[] state0) {
    System.arraycopy(state0, 0, cells[0].states(), 0, stateSize);
  }

  /**
   * Makes the final states of the last forward the initial states of the next one, for the same
   * batch: the truncated-BPTT carry. Only values are copied, so no gradient flows back across it
   * (PyTorch's {@code h.detach()}).
   */
  public void carryFinalState() {
    for (RecurrentCell cell : cells) {
      float[] s = cell.states();
      System.arraycopy(s, steps * batch * stateSize, s, 0, batch * stateSize);
    }
  }

  /** ‖dL/dh_t‖₂ of sequence b in the last run (t = 1..T), last layer, forward direction. */
  public double hiddenGradNorm(int t, int b) {
    return layerHiddenGradNorm(layers - 1, 0, t, b);
  }

  /**
   * ‖dL/dh‖₂ of layer {@code layer} in direction {@code d} (0 forward, 1 reverse) at sequence
   * position t (1-based; for the reverse direction the state after reading x_T … x_t), sequence b.
   */
  public double layerHiddenGradNorm(int layer, int d, int t, int b) {
    int s = step(d, t, steps);
    return k.norm2(stateGrads[layer * dirs + d], ((s - 1) * batch + b) * stateSize, hidden);
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
    return stateGrads[(layers - 1) * dirs];
  }

  /** dL/d(state_0) of the last run, {@code batch×S}. */
  public float[] initialStateGrad() {
    return dState0;
  }

  /** Time-major states of the last forward of layer 0's forward cell (see {@link RecurrentCell#states()}). */
  public float[] states() {
    return cells[0].states();
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

  /** The last layer's forward cell (the only one for a single layer). */
  public RecurrentCell cell() {
    return cells[(layers - 1) * dirs];
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
