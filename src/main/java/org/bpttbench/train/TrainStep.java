package org.bpttbench.train;

import java.util.List;
import org.bpttbench.analysis.Clipping;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * One batch of training as a PyTorch loop does it: per optimizer step
 * {@code loss.backward(); total = clip_grad_norm_(params, C); clip_grad_value_(params, V);
 * optimizer.step()}. The total norm is always measured (it is what {@code clip_grad_norm_}
 * returns); {@code clipNorm}/{@code clipValue} = ∞ leave the gradient alone, as PyTorch does.
 *
 * <p><b>Truncated BPTT</b> with K &gt; 0: the batch's T steps are cut into consecutive chunks of K
 * (the last may be shorter). The state is carried into the next chunk by value (PyTorch's
 * {@code h = h.detach()}): no gradient crosses a cut. Each chunk that holds a loss term is
 * backpropagated on its own mean loss and gets one optimizer step, so the next chunk runs with the
 * updated parameters; a chunk without one only runs forward and carries the state. With the
 * final-step loss only the last chunk has a loss: nothing further back than K steps is learned.
 *
 * <p>All workspace is allocated here; {@link #update} allocates nothing.
 */
public final class TrainStep {
  private final Model params;
  private final Kernels k;
  private final Bptt bptt;
  private final Optimizer optimizer;
  private final List<float[]> gradArrays;
  private final LossMode mode;
  private final int steps;
  private final int chunk;
  private final double clipNorm;
  private final float clipValue;
  private final double[] losses;
  private final double[] norms;

  /**
   * @param tbptt chunk length K, or 0 for full BPTT over the {@code steps} of a batch
   */
  public TrainStep(Model params, Kernels kernels, int maxBatch, int steps, LossMode mode,
                   int tbptt, OptimizerSpec optimizer, double clipNorm, double clipValue) {
    if (tbptt < 0) {
      throw new IllegalArgumentException("tbptt must be >= 0 (0 = full BPTT), got " + tbptt);
    }
    if (!(clipNorm >= 0) || !(clipValue >= 0)) {
      throw new IllegalArgumentException("clip norm and clip value must be >= 0, got " + clipNorm
          + " and " + clipValue);
    }
    this.params = params;
    this.k = kernels;
    this.mode = mode;
    this.steps = steps;
    this.chunk = tbptt == 0 ? steps : Math.min(tbptt, steps);
    this.bptt = new Bptt(params, kernels, maxBatch, chunk);
    this.optimizer = optimizer.create(params, bptt.grads());
    this.gradArrays = bptt.grads().tensors().stream().map(Tensor::data).toList();
    this.clipNorm = clipNorm;
    this.clipValue = (float) clipValue;
    int chunks = (steps + chunk - 1) / chunk;
    this.losses = new double[mode == LossMode.FINAL ? 1 : chunks];
    this.norms = new double[losses.length];
  }

  /**
   * Trains on one batch: {@code x} time-major [T×batch×I], {@code y} [batch] (final) or time-major
   * [T×batch] (all steps). Returns the number of optimizer steps made; their losses (each the mean
   * before its step) and total gradient norms are {@link #loss}(i) and {@link #gradNorm}(i).
   */
  public int update(float[] x, int[] y, int batch) {
    return chunks(x, y, null, batch);
  }

  /**
   * {@link #update} for a regression read-out (one output): the final step's mean squared error
   * against {@code values} [batch]. Needs the final-step loss mode.
   */
  public int updateMse(float[] x, float[] values, int batch) {
    if (mode != LossMode.FINAL) {
      throw new IllegalArgumentException("the mean-squared-error loss is taken at the final step"
          + " only (loss final)");
    }
    return chunks(x, null, values, batch);
  }

  /** The chunk loop of both losses: class targets {@code y}, or regression {@code values}. */
  private int chunks(float[] x, int[] y, float[] values, int batch) {
    int in = params.inputSize;
    int made = 0;
    bptt.resetInitialState();
    for (int start = 0; start < steps; start += chunk) {
      int len = Math.min(chunk, steps - start);
      if (start > 0) {
        bptt.carryFinalState();
      }
      int xOff = start * batch * in;
      if (mode == LossMode.FINAL && start + len < steps) {
        bptt.forward(x, xOff, batch, len);
        continue;
      }
      int yOff = mode == LossMode.FINAL ? 0 : start * batch;
      losses[made] = values != null ? bptt.runMse(x, xOff, batch, len, values, 0)
          : bptt.run(x, xOff, batch, len, y, yOff, mode, Reduction.MEAN);
      norms[made] = clipAndStep();
      made++;
    }
    return made;
  }

  /** Clips the gradients (norm, then value) and steps; returns the total norm before clipping. */
  private double clipAndStep() {
    double total = Clipping.clipGradNorm(k, gradArrays, clipNorm, false);
    if (clipValue < Float.POSITIVE_INFINITY) {
      Clipping.clipByValue(gradArrays, clipValue);
    }
    optimizer.step();
    return total;
  }

  public double loss(int i) {
    return losses[i];
  }

  public double gradNorm(int i) {
    return norms[i];
  }

  /** The most optimizer steps one batch can make: 1, or ⌈T/K⌉ with all-step losses. */
  public int maxStepsPerUpdate() {
    return losses.length;
  }

  public Bptt bptt() {
    return bptt;
  }
}
