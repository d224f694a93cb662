package org.bpttbench.train;

import org.bpttbench.bptt.LossMode;

/**
 * A training set: {@code inputs} [N×T×I] float32 (C order, sequence-major as in a file) and either
 * integer class {@code targets} ([N] for {@link LossMode#FINAL}, [N×T] for
 * {@link LossMode#ALL_STEPS}) or, for regression, real {@code values} [N] read at the final step
 * with the mean squared error (then {@code targets} is null and the mode is final).
 */
public record TrainingData(float[] inputs, int sequences, int steps, int inputSize, int[] targets,
                           LossMode mode, float[] values) {

  public TrainingData {
    if (sequences < 1 || steps < 1 || inputSize < 1) {
      throw new IllegalArgumentException("inputs must be [N×T×I] with N, T, I ≥ 1, got "
          + sequences + "×" + steps + "×" + inputSize);
    }
    if ((long) sequences * steps * inputSize != inputs.length) {
      throw new IllegalArgumentException("inputs: " + inputs.length + " values do not fill "
          + sequences + "×" + steps + "×" + inputSize);
    }
    if ((targets == null) == (values == null)) {
      throw new IllegalArgumentException("training data needs either class targets or regression"
          + " values, not " + (targets == null ? "neither" : "both"));
    }
    if (values != null) {
      checkRegression(values, sequences, mode);
    } else {
      int want = mode == LossMode.FINAL ? sequences : sequences * steps;
      if (targets.length != want) {
        throw new IllegalArgumentException("targets: expected " + (mode == LossMode.FINAL
            ? "[" + sequences + "]" : "[" + sequences + "×" + steps + "]") + " for loss "
            + (mode == LossMode.FINAL ? "final" : "all") + ", got " + targets.length + " values");
      }
    }
    requireFinite("inputs", inputs);
  }

  /** Classification data: {@code targets} as above. */
  public TrainingData(float[] inputs, int sequences, int steps, int inputSize, int[] targets,
                      LossMode mode) {
    this(inputs, sequences, steps, inputSize, targets, mode, null);
  }

  /** Regression data: one real target per sequence, read at the final step. */
  public static TrainingData regression(float[] inputs, int sequences, int steps, int inputSize,
                                        float[] values) {
    return new TrainingData(inputs, sequences, steps, inputSize, null, LossMode.FINAL, values);
  }

  public boolean isRegression() {
    return values != null;
  }

  /**
   * Throws unless every target is a class of a {@code classes}-way read-out (regression: unless
   * the read-out has the one output it needs).
   */
  public void checkClasses(int classes) {
    if (isRegression()) {
      if (classes != 1) {
        throw new IllegalArgumentException("regression targets need a read-out with one output,"
            + " the model has " + classes);
      }
      return;
    }
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] < 0 || targets[i] >= classes) {
        throw new IllegalArgumentException("targets: class " + targets[i] + " at flat index " + i
            + " outside 0.." + (classes - 1) + " (the model has " + classes + " classes)");
      }
    }
  }

  private static void checkRegression(float[] values, int sequences, LossMode mode) {
    if (mode != LossMode.FINAL) {
      throw new IllegalArgumentException("regression targets are read at the final step only"
          + " (loss final), got loss all");
    }
    if (values.length != sequences) {
      throw new IllegalArgumentException("targets: expected [" + sequences + "] values for"
          + " regression, got " + values.length);
    }
    requireFinite("targets", values);
  }

  private static void requireFinite(String what, float[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(what + ": non-finite value " + v[i]
            + " at flat index " + i);
      }
    }
  }
}
