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
  /** W_hhᵀ and W_hh laid out for the batched recurrent product and carry; null at maxBatch 1. */
  final float[] packedHhT;
  final float[] packedHh;
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
    this.packedHhT = maxBatch > 1 ? new float[kernels.packedSize(hid, gh)] : null;
    this.packedHh = maxBatch > 1 ? new float[kernels.packedSize(gh, hid)] : null;
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

  /**
   * Heap bytes of the states array and, above batch 1, the two packed copies of W_hh (bounded by
   * padding G·H to a multiple of 64 columns), overflow-checked ({@link ArrayBytes}).
   */
  static long stateBytes(CellKind kind, int hidden, int maxBatch, int maxSteps) {
    long packed = maxBatch > 1
        ? 2 * ArrayBytes.floats(ArrayBytes.product(kind.gates * (long) hidden + 64, hidden + 64L))
        : 0;
    return ArrayBytes.sum(packed, ArrayBytes.floats(
        ArrayBytes.product(maxSteps + 1L, maxBatch, kind.stateVectors, hidden)));
  }

  /** Heap bytes of one float array of {@code width} floats per (step, sequence) row. */
  static long rowBytes(int maxBatch, int maxSteps, long width) {
    return ArrayBytes.floats(ArrayBytes.product(maxSteps, maxBatch, width));
  }

  /** A workspace array of {@code width} floats per (step, sequence) row, for the whole workspace. */
  final float[] perRow(int width) {
    return new float[maxSteps * maxBatch * width];
  }

  /**
   * Checks the sizes of a forward pass and records its batch; above batch 1, packs W_hh once for
   * the pass (every step's recurrent product and carried gradient reuse it).
   */
  final void begin(int batch, int steps) {
    if (batch < 1 || batch > maxBatch || steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException("batch " + batch + " × " + steps + " steps outside the"
          + " workspace's 1.." + maxBatch + " × 1.." + maxSteps);
    }
    this.batch = batch;
    if (batch > 1) {
      float[] w = p.weightHh().data();
      k.packB(true, hid, gh, w, 0, hid, packedHhT, 0);
      k.packB(false, gh, hid, w, 0, hid, packedHh, 0);
    }
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
