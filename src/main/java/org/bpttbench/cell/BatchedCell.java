package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * One recurrent layer over a batch of sequences of equal length, written once against
 * {@link Kernels}: the mini-batch counterpart of {@link RecurrentCell}, with the same equations.
 *
 * <p>Layout is time-major: the inputs of step t are the {@code batch×I} rows at
 * {@code t·batch·I}, and state_t of sequence b is the {@link #stateSize()} floats at
 * {@code (t·batch + b)·stateSize} of {@link #states()}. So every step's states form one
 * {@code batch×S} matrix (a GEMM operand), all steps' inputs and pre-activations form
 * {@code steps·batch}-row matrices (one GEMM each for the input projection and the weight
 * gradients), and a chunk of consecutive steps is a contiguous slice. With batch = 1 the layout is
 * the single-sequence one and the recurrent products are gemv, not gemm.
 *
 * <p>Workspace is allocated once for (maxBatch, maxSteps); no method allocates. The cell never
 * writes state_0: the caller puts the initial states there (zero by default). Backward is driven
 * from outside as for {@link RecurrentCell}: {@link #backwardStep} for t = T…1, then
 * {@link #accumulateParameterGradients} once.
 */
public interface BatchedCell {

  CellKind kind();

  int hiddenSize();

  /** Floats per recurrent state: H, or 2H for LSTM (h then c). */
  int stateSize();

  int maxBatch();

  int maxSteps();

  /** The batch size of the last {@link #forward}. */
  int batch();

  /** Time-major states of the last forward, {@code (maxSteps+1)·maxBatch·S} floats (see above). */
  float[] states();

  /** Runs steps 1..steps for {@code batch} sequences; inputs time-major {@code steps×batch×I}. */
  void forward(float[] inputs, int inOff, int batch, int steps);

  /**
   * Back through step t for the whole batch: {@code carry} = dL/d(state_t), {@code batch×S} from
   * {@code carryOff}; writes dL/d(state_{t−1}) through this step into {@code out} (overwriting;
   * must not overlap carry). Linear in carry.
   */
  void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff);

  /** Adds the layer's parameter gradients over all steps and sequences of the last sweep. */
  void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads);

  /**
   * Heap bytes of a batched cell's workspace, overflow-checked ({@link ArrayBytes}): the states
   * plus, per step and sequence, the pre-activation and gradient rows each kind keeps (rnn: 2×H;
   * gru: 4×3H; lstm: 2×4H + H), and the small per-row arrays.
   *
   * @throws ArithmeticException when a count overflows or one array would exceed Java's limit
   */
  static long workspaceBytes(CellKind kind, int hidden, int maxBatch, int maxSteps) {
    long rows = ArrayBytes.product(maxSteps, maxBatch);
    long h = ArrayBytes.floats(ArrayBytes.product(rows, hidden));
    long g = ArrayBytes.floats(ArrayBytes.product(rows, kind.gates, hidden));
    long perRow = kind == CellKind.RNN ? ArrayBytes.sum(h, h)
        : kind == CellKind.GRU ? ArrayBytes.product(4, g) : ArrayBytes.sum(g, g, h);
    return ArrayBytes.sum(perRow,
        ArrayBytes.floats(ArrayBytes.product(maxSteps + 1L, maxBatch, kind.stateVectors, hidden)),
        ArrayBytes.floats(ArrayBytes.product(kind.gates, hidden)), ArrayBytes.floats(hidden));
  }

  /** The batched cell for {@code params}' kind, over {@code params} (shared, not copied). */
  static BatchedCell create(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    if (maxBatch < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("batch and sequence length must be at least 1, got "
          + maxBatch + " and " + maxSteps);
    }
    try {
      workspaceBytes(params.kind, params.hiddenSize, maxBatch, maxSteps);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps of a "
          + params.kind.id() + " with H = " + params.hiddenSize + ": " + e.getMessage());
    }
    switch (params.kind) {
      case RNN:
        return new BatchedRnnCell(params, kernels, maxBatch, maxSteps);
      case GRU:
        return new BatchedGruCell(params, kernels, maxBatch, maxSteps);
      case LSTM:
        return new BatchedLstmCell(params, kernels, maxBatch, maxSteps);
      default:
        throw new AssertionError(params.kind);
    }
  }
}
