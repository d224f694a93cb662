package org.bpttbench.train;

import java.util.OptionalLong;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * A training run: start from {@code initial} (not modified), {@code updates} batches of
 * {@code batch} sequences from {@code data} (order: {@link BatchOrder}), the optimizer, clipping
 * ({@code clipNorm}/{@code clipValue} = {@code Double.POSITIVE_INFINITY} for none) and the
 * truncated-BPTT chunk length ({@code tbptt} = 0 for full BPTT).
 */
public record TrainConfig(Model initial, Kernels kernels, TrainingData data, int batch,
                          int updates, OptimizerSpec optimizer, double clipNorm, double clipValue,
                          int tbptt, OptionalLong shuffleSeed) {

  public TrainConfig {
    if (batch < 1 || updates < 1) {
      throw new IllegalArgumentException("batch and updates must be at least 1, got " + batch
          + " and " + updates);
    }
    if (data.inputSize() != initial.inputSize) {
      throw new IllegalArgumentException("inputs: " + data.inputSize() + " features per step, but"
          + " weight_ih expects " + initial.inputSize);
    }
    data.checkClasses(initial.classes);
  }
}
