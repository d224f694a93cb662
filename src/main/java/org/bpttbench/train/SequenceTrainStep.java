package org.bpttbench.train;

import java.util.List;
import org.bpttbench.analysis.Clipping;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.SequenceBptt;

/**
 * {@link TrainStep} for a sequence model ({@link SequenceBptt}: the LRU or causal attention):
 * per batch {@code loss.backward(); total = clip_grad_norm_(params, C); clip_grad_value_(params,
 * V); optimizer.step()} on the batch-mean loss, over the whole sequence (no truncation: attention
 * has no state to carry). The optimizer updates every parameter, the read-out's included.
 * Allocates nothing per update.
 */
public final class SequenceTrainStep {
  private final SequenceBptt bptt;
  private final Kernels k;
  private final Optimizer optimizer;
  private final List<float[]> gradArrays;
  private final LossMode mode;
  private final double clipNorm;
  private final float clipValue;
  private double gradNorm;

  public SequenceTrainStep(SequenceBptt bptt, Kernels kernels, LossMode mode,
                           OptimizerSpec optimizer, double clipNorm, double clipValue) {
    if (!(clipNorm >= 0) || !(clipValue >= 0)) {
      throw new IllegalArgumentException("clip norm and clip value must be >= 0, got " + clipNorm
          + " and " + clipValue);
    }
    this.bptt = bptt;
    this.k = kernels;
    this.mode = mode;
    this.optimizer = optimizer.create(bptt.parameters(), bptt.gradients());
    this.gradArrays = bptt.gradients().stream().map(Tensor::data).toList();
    this.clipNorm = clipNorm;
    this.clipValue = (float) clipValue;
  }

  /**
   * One optimizer step on a batch: {@code x} time-major [T×batch×I], {@code y} [batch] (final)
   * or time-major [T×batch] (all steps). Returns the mean loss before the step.
   */
  public double update(float[] x, int[] y, int batch, int steps) {
    double loss = bptt.run(x, 0, batch, steps, y, 0, mode, Reduction.MEAN);
    clipAndStep();
    return loss;
  }

  /** {@link #update} for the regression read-out: the final step's mean squared error. */
  public double updateMse(float[] x, float[] values, int batch, int steps) {
    double loss = bptt.runMse(x, 0, batch, steps, values, 0);
    clipAndStep();
    return loss;
  }

  private void clipAndStep() {
    gradNorm = Clipping.clipGradNorm(k, gradArrays, clipNorm, false);
    if (clipValue < Float.POSITIVE_INFINITY) {
      Clipping.clipByValue(gradArrays, clipValue);
    }
    optimizer.step();
  }

  /** The total gradient norm of the last update, before clipping. */
  public double gradNorm() {
    return gradNorm;
  }

  public SequenceBptt bptt() {
    return bptt;
  }
}
