package org.bpttbench.cell;

/**
 * One recurrent layer over a whole sequence, written once against {@link org.bpttbench.kernel.Kernels}.
 *
 * <p>A cell owns its workspace, allocated once for a maximum sequence length; no method allocates.
 * The recurrent state at step t is {@link #stateSize()} floats: h_t, followed for LSTM by c_t.
 * States are kept for t = 0..T at offset {@code t·stateSize()} of {@link #states()}. The cell never
 * writes state_0: it is zero (PyTorch's default h_0 = c_0 = 0) unless the caller puts an initial
 * state there.
 *
 * <p>Backward is driven step by step from outside (by {@code org.bpttbench.bptt.Bptt}) so that the
 * driver can add the loss's direct gradient at every step and rescale the carried gradient:
 * call {@link #backwardStep} for t = T, T−1, …, 1, then {@link #accumulateParameterGradients} once.
 */
public interface RecurrentCell {

  CellKind kind();

  int inputSize();

  int hiddenSize();

  /** Floats per recurrent state: H, or 2H for LSTM (h then c). */
  int stateSize();

  /** The longest sequence the workspace holds. */
  int maxSteps();

  /** Runs steps 1..{@code steps} over {@code inputs} ({@code steps×I}, row-major from {@code inOff}). */
  void forward(float[] inputs, int inOff, int steps);

  /** The states of the last forward pass: {@code (maxSteps+1)×stateSize}, state_t at t·stateSize; writable row 0 is the initial state. */
  float[] states();

  /**
   * Back through step t: given {@code carry} = dL/d(state_t) (total, {@link #stateSize()} floats),
   * writes dL/d(state_{t−1}) through this step into {@code out} (overwriting it) and remembers what
   * {@link #accumulateParameterGradients} needs. {@code out} must not overlap {@code carry}.
   * Linear in {@code carry}: scaling the carry scales every result by the same factor.
   */
  void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff);

  /**
   * Writes the exact step Jacobian J_t = ∂state_t/∂state_{t−1} of step t (1-based) of the last
   * forward pass into {@code jac[off .. off+d²)}, d = {@link #stateSize()}, row-major:
   * {@code J[i][j] = ∂state_t[i]/∂state_{t−1}[j]} (for LSTM rows and columns are h first, then c).
   * It is the transpose of {@link #backwardStep}: for every v, vᵀ·J_t = backwardStep(t, v).
   * Uses the activations the forward pass kept; allocates nothing.
   */
  void stepJacobian(int t, float[] jac, int off);

  /**
   * For a cell whose state holds a memory cell c beside h ({@link #stateSize()} &gt;
   * {@link #hiddenSize()}): the total dL/dc_t of the last {@link #backwardStep}(t), i.e. the carried
   * gradient through c_{t+1} plus the path c_t → h_t, {@link #hiddenSize()} floats from index 0.
   * Valid until the next backwardStep.
   *
   * @throws UnsupportedOperationException for a cell whose state is h alone
   */
  default float[] totalCellGradient() {
    throw new UnsupportedOperationException(kind().id() + " has no memory cell");
  }

  /**
   * Adds the gradients of weight_ih, weight_hh, bias_ih and bias_hh for steps 1..{@code steps} into
   * {@code grads}, from the values remembered by the last {@link #backwardStep} sweep.
   */
  void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads);
}
