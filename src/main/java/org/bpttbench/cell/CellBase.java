package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/** The sizes, states and bookkeeping every {@link RecurrentCell} shares. */
abstract class CellBase implements RecurrentCell {
  final Kernels k;
  final Layer p;
  final int hid;
  final int gh;           // G·H: the width of a pre-activation row
  final int stateSize;
  final int maxBatch;
  final int maxSteps;
  final float[] states;   // (maxSteps+1)·maxBatch·S, time-major
  int batch;

  CellBase(Layer params, CellKind kind, Kernels kernels, int maxBatch, int maxSteps) {
    if (params.kind() != kind) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a " + kind.id()
          + " model, got " + params.kind().id());
    }
    this.k = kernels;
    this.p = params;
    this.hid = params.hiddenSize();
    this.gh = kind.gates * hid;
    this.stateSize = kind.stateVectors * hid;
    this.maxBatch = maxBatch;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * maxBatch * stateSize];
    this.batch = 1;
  }

  /**
   * dL/d(pre-activations) of the last sweep, input side, one G·H row per (step, sequence): what
   * the input weights' gradient and the gradient of the inputs are made of.
   */
  abstract float[] inputSideGradients();

  /** The same on the hidden side (equal to the input side but for the GRU's n block). */
  abstract float[] hiddenSideGradients();

  @Override
  public final void accumulateParameterGradients(float[] inputs, int inOff, int steps,
                                                 Layer grads) {
    ParameterGradients.accumulate(k, steps * batch, inputSideGradients(), hiddenSideGradients(),
        inputs, inOff, states, stateSize, grads);
  }

  @Override
  public final void inputGradients(int steps, float[] dx, int dxOff) {
    int in = p.inputSize();
    k.gemm(false, false, steps * batch, in, gh, 1f, inputSideGradients(), 0, gh,
        p.weightIh().data(), 0, in, 0f, dx, dxOff, in);
  }

  /** Heap bytes of the states array, overflow-checked ({@link ArrayBytes}). */
  static long stateBytes(CellKind kind, int hidden, int maxBatch, int maxSteps) {
    return ArrayBytes.floats(
        ArrayBytes.product(maxSteps + 1L, maxBatch, kind.stateVectors, hidden));
  }

  /** Heap bytes of one float array of {@code width} floats per (step, sequence) row. */
  static long rowBytes(int maxBatch, int maxSteps, long width) {
    return ArrayBytes.floats(ArrayBytes.product(maxSteps, maxBatch, width));
  }

  /** A workspace array of {@code width} floats per (step, sequence) row, for the whole workspace. */
  final float[] perRow(int width) {
    return new float[maxSteps * maxBatch * width];
  }

  /** Checks the sizes of a forward pass and records its batch. */
  final void begin(int batch, int steps) {
    if (batch < 1 || batch > maxBatch || steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException("batch " + batch + " × " + steps + " steps outside the"
          + " workspace's 1.." + maxBatch + " × 1.." + maxSteps);
    }
    this.batch = batch;
  }

  /** Offset of step t's first pre-activation row (row (t−1, 0)) in a steps·batch×G·H array. */
  final int gateRow(int t) {
    return (t - 1) * batch * gh;
  }

  /** Offset of state_t of sequence b. */
  final int state(int t, int b) {
    return (t * batch + b) * stateSize;
  }

  /** Index of the (step t, sequence b) row among the steps·batch rows, t 1-based. */
  final int row(int t, int b) {
    return (t - 1) * batch + b;
  }

  @Override
  public final CellKind kind() {
    return p.kind();
  }

  @Override
  public final Layer layer() {
    return p;
  }

  @Override
  public final int inputSize() {
    return p.inputSize();
  }

  @Override
  public final int hiddenSize() {
    return hid;
  }

  @Override
  public final int stateSize() {
    return stateSize;
  }

  @Override
  public final int maxBatch() {
    return maxBatch;
  }

  @Override
  public final int maxSteps() {
    return maxSteps;
  }

  @Override
  public final int batch() {
    return batch;
  }

  @Override
  public final float[] states() {
    return states;
  }
}
