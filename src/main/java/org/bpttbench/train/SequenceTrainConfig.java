package org.bpttbench.train;

import java.util.List;
import java.util.OptionalLong;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.SequenceSpec;

/**
 * {@link TrainConfig} for a sequence model (the LRU or causal attention): start from
 * {@code parameters} and the read-out (not modified), {@code updates} batches of {@code batch}
 * sequences ({@link BatchOrder}), the optimizer and clipping ({@code Double.POSITIVE_INFINITY}
 * for none). Always full BPTT: {@link SequenceTrainStep} has no truncation.
 */
public record SequenceTrainConfig(SequenceSpec spec, List<Tensor> parameters, Tensor outWeight,
                                  Tensor outBias, Kernels kernels, TrainingData data, int batch,
                                  int updates, OptimizerSpec optimizer, double clipNorm,
                                  double clipValue, OptionalLong shuffleSeed) {

  public SequenceTrainConfig {
    if (batch < 1 || updates < 1) {
      throw new IllegalArgumentException("batch and updates must be at least 1, got " + batch
          + " and " + updates);
    }
    if (data.inputSize() != spec.input()) {
      throw new IllegalArgumentException("inputs: " + data.inputSize() + " features per step, but"
          + " the " + spec.kind().id() + " expects " + spec.input());
    }
    data.checkClasses(spec.classes());
  }

  /**
   * Heap bytes {@link SequenceTrainer#train} allocates on top of the data and the initial
   * parameters: the trained copy and two optimizer moments (3× the parameters), the model's
   * workspace at (batch, steps), the gathered batch and the curves; overflow-checked, {@link
   * Long#MAX_VALUE} when the sizes cannot be allocated.
   */
  public static long workspaceBytes(SequenceSpec spec, int batch, int steps, int updates) {
    try {
      return Math.addExact(Math.addExact(Math.multiplyExact(3, spec.parameterBytes()),
          spec.workspaceBytes(batch, steps)), Math.addExact(Math.multiplyExact(4L,
          Math.multiplyExact((long) steps * batch, Math.max(spec.input(), 1))),
          Math.multiplyExact(16L, updates)));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
