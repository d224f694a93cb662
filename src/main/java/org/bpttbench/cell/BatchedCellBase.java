package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/** The sizes, states and bookkeeping every {@link BatchedCell} shares. */
abstract class BatchedCellBase implements BatchedCell {
  final Kernels k;
  final Model p;
  final int hid;
  final int gh;           // G·H: the width of a pre-activation row
  final int stateSize;
  final int maxBatch;
  final int maxSteps;
  final float[] states;   // (maxSteps+1)·maxBatch·S, time-major
  int batch;

  BatchedCellBase(Model params, CellKind kind, Kernels kernels, int maxBatch, int maxSteps) {
    if (params.kind != kind) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a " + kind.id()
          + " model, got " + params.kind.id());
    }
    this.k = kernels;
    this.p = params;
    this.hid = params.hiddenSize;
    this.gh = kind.gates * hid;
    this.stateSize = kind.stateVectors * hid;
    this.maxBatch = maxBatch;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * maxBatch * stateSize];
    this.batch = 1;
  }

  /** Checks the sizes of a forward pass and records its batch. */
  final void begin(int batch, int steps) {
    BatchProducts.checkSize(batch, steps, maxBatch, maxSteps);
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

  @Override
  public final CellKind kind() {
    return p.kind;
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
