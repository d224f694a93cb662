package org.bpttbench.seq;

import java.util.List;
import org.bpttbench.cell.Tensor;

/**
 * A sequence model that is not a {@link org.bpttbench.cell.RecurrentCell}: the linear recurrent
 * unit ({@link Lru}) and causal self-attention ({@link CausalAttention}). It maps a time-major batch
 * of B ≥ 1 input sequences ({@code steps×batch×I}, row (t, b) at {@code ((t−1)·batch + b)·I}) to
 * output rows of the same layout ({@code steps×batch×W}), which {@link SequenceBptt} reads out with
 * {@link org.bpttbench.bptt.Readout}. Written once against {@link org.bpttbench.kernel.Kernels};
 * workspace is allocated once for (maxBatch, maxSteps) and no method allocates.
 */
public interface SequenceModel {

  /** {@code lru} or {@code attention}. */
  String id();

  int inputSize();

  /** W: the width of an output row (what the read-out reads). */
  int outputSize();

  int maxBatch();

  int maxSteps();

  /** The parameters in {@code state_dict} order (shared, not copied). */
  List<Tensor> parameters();

  /** Their gradients, same names, shapes and order; {@link #backward} adds into them. */
  List<Tensor> gradients();

  /** Runs the model over {@code batch} sequences of {@code steps} steps. */
  void forward(float[] inputs, int inOff, int batch, int steps);

  /** The outputs of the last forward, time-major {@code steps·batch×W} from index 0. */
  float[] outputs();

  /**
   * Back through the last forward from {@code dOut} = dL/d(outputs) (same layout as
   * {@link #outputs}): adds every parameter's gradient into {@link #gradients} and keeps the
   * per-step gradient vectors of {@link #stepGradients}.
   */
  void backward(float[] inputs, int inOff, float[] dOut);

  /**
   * The per-step gradient the lesson's curve plots, time-major, {@link #stepGradientSize} floats
   * per (step, sequence): the LRU's total dL/dh_t (the complex state as [re | im]), attention's
   * dL/dx_t (its input).
   */
  float[] stepGradients();

  int stepGradientSize();

  /** ‖{@link #stepGradients} of step t (1-based), sequence b‖₂ of the last backward. */
  double stepGradNorm(int t, int b);
}
