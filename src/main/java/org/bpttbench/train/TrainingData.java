package org.bpttbench.train;

import org.bpttbench.bptt.LossMode;

/**
 * A training set: {@code inputs} [N×T×I] float32 (C order, sequence-major as in a file) and integer
 * class {@code targets}: [N] for {@link LossMode#FINAL}, [N×T] for {@link LossMode#ALL_STEPS}.
 */
public record TrainingData(float[] inputs, int sequences, int steps, int inputSize, int[] targets,
                           LossMode mode) {

  public TrainingData {
    if (sequences < 1 || steps < 1 || inputSize < 1) {
      throw new IllegalArgumentException("inputs must be [N×T×I] with N, T, I ≥ 1, got "
          + sequences + "×" + steps + "×" + inputSize);
    }
    if ((long) sequences * steps * inputSize != inputs.length) {
      throw new IllegalArgumentException("inputs: " + inputs.length + " values do not fill "
          + sequences + "×" + steps + "×" + inputSize);
    }
    int want = mode == LossMode.FINAL ? sequences : sequences * steps;
    if (targets.length != want) {
      throw new IllegalArgumentException("targets: expected " + (mode == LossMode.FINAL
          ? "[" + sequences + "]" : "[" + sequences + "×" + steps + "]") + " for loss "
          + (mode == LossMode.FINAL ? "final" : "all") + ", got " + targets.length + " values");
    }
    for (int i = 0; i < inputs.length; i++) {
      if (!Float.isFinite(inputs[i])) {
        throw new IllegalArgumentException("inputs: non-finite value " + inputs[i]
            + " at flat index " + i);
      }
    }
  }

  /** Throws unless every target is a class of a {@code classes}-way read-out. */
  public void checkClasses(int classes) {
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] < 0 || targets[i] >= classes) {
        throw new IllegalArgumentException("targets: class " + targets[i] + " at flat index " + i
            + " outside 0.." + (classes - 1) + " (the model has " + classes + " classes)");
      }
    }
  }
}
