package org.bpttbench.cell;

/**
 * One recurrent layer over a batch of B ≥ 1 sequences of equal length, written once against
 * {@link org.bpttbench.kernel.Kernels}; one class per {@link CellKind} owns all of a cell's math.
 * Batch 1 is a batch: the same code, with the recurrent products as gemv instead of GEMM.
 *
 * <p>Layout is time-major: the inputs of step t are the {@code batch×I} rows at
 * {@code (t−1)·batch·I}, and state_t of sequence b is the {@link #stateSize()} floats at
 * {@code (t·batch + b)·S} of {@link #states()}: h_t, followed for LSTM by c_t. So every step's
 * states form one {@code batch×S} matrix (a GEMM operand), all steps' inputs and pre-activations
 * form {@code steps·batch}-row matrices (one GEMM each for the input projection and the weight
 * gradients), and a chunk of consecutive steps is a contiguous slice. With batch 1 this is the
 * single-sequence layout: state_t at {@code t·S}.
 *
 * <p>Workspace is allocated once for (maxBatch, maxSteps); no method allocates. The cell never
 * writes state_0: it is zero (PyTorch's default h_0 = c_0 = 0) unless the caller puts initial
 * states there. Backward is driven step by step from outside (by {@code org.bpttbench.bptt.Bptt})
 * so that the driver can add the loss's direct gradient at every step and rescale the carried
 * gradient: call {@link #backwardStep} for t = T, T−1, …, 1, then
 * {@link #writeParameterGradients} once.
 */
public interface RecurrentCell {

  CellKind kind();

  /** The parameters this cell computes with (shared, not copied). */
  Layer layer();

  int inputSize();

  int hiddenSize();

  /** Floats per recurrent state: H, or 2H for LSTM (h then c). */
  int stateSize();

  int maxBatch();

  /** The longest sequence the workspace holds. */
  int maxSteps();

  /** The batch size of the last {@link #forward}. */
  int batch();

  /** Time-major states of the last forward, {@code (maxSteps+1)·maxBatch·S} floats (see above). */
  float[] states();

  /** Runs steps 1..steps for {@code batch} sequences; inputs time-major {@code steps×batch×I}. */
  void forward(float[] inputs, int inOff, int batch, int steps);

  /** {@link #forward} of one sequence ({@code steps×I} from {@code inOff}). */
  default void forward(float[] inputs, int inOff, int steps) {
    forward(inputs, inOff, 1, steps);
  }

  /**
   * Back through step t for the whole batch: {@code carry} = dL/d(state_t) (total,
   * {@code batch×S} from {@code carryOff}); writes dL/d(state_{t−1}) through this step into
   * {@code out} (overwriting it; must not overlap carry) and remembers what
   * {@link #writeParameterGradients} needs. Linear in {@code carry}: scaling the carry scales
   * every result by the same factor.
   */
  void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff);

  /**
   * Writes the exact step Jacobian J_t = ∂state_t/∂state_{t−1} of step t (1-based) of sequence
   * {@code b} of the last forward pass into {@code jac[off .. off+d²)}, d = {@link #stateSize()},
   * row-major: {@code J[i][j] = ∂state_t[i]/∂state_{t−1}[j]} (for LSTM rows and columns are h
   * first, then c). It is the transpose of {@link #backwardStep}: for every v, vᵀ·J_t =
   * backwardStep(t, v). Uses the activations the forward pass kept; allocates nothing.
   */
  void stepJacobian(int t, int b, float[] jac, int off);

  /** {@link #stepJacobian} of the first (or only) sequence. */
  default void stepJacobian(int t, float[] jac, int off) {
    stepJacobian(t, 0, jac, off);
  }

  /**
   * For a cell whose state holds a memory cell c beside h ({@link #stateSize()} &gt;
   * {@link #hiddenSize()}): the total dL/dc_t of the last {@link #backwardStep}(t), i.e. the carried
   * gradient through c_{t+1} plus the path c_t → h_t, {@code batch×H} floats from index 0 (sequence
   * b at b·H). Valid until the next backwardStep.
   *
   * @throws UnsupportedOperationException for a cell whose state is h alone
   */
  default float[] totalCellGradient() {
    throw new UnsupportedOperationException(kind().id() + " has no memory cell");
  }

  /**
   * Writes the gradients of weight_ih, weight_hh, bias_ih and bias_hh (of this cell's {@link
   * Layer}) over steps 1..{@code steps} and all sequences into {@code grads}, replacing what they
   * held, from the values remembered by the last {@link #backwardStep}
   * sweep; {@code inputs} as given to {@link #forward}.
   */
  void writeParameterGradients(float[] inputs, int inOff, int steps, Layer grads);

  /**
   * Writes dL/d(inputs) of the last {@link #backwardStep} sweep over steps 1..{@code steps} and all
   * sequences into {@code dx} from {@code dxOff}, time-major {@code steps×batch×I} like the
   * inputs (overwriting): what a layer stacked below this one receives.
   */
  void inputGradients(int steps, float[] dx, int dxOff);
}
