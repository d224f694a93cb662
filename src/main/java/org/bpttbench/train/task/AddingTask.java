package org.bpttbench.train.task;

import java.util.SplittableRandom;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997; Le et al. 2015): two input channels, a
 * value drawn from U(0, 1) and a marker; one marked step in the first half of the sequence, one in
 * the second; the target is the sum of the two marked values, read out by regression with the
 * mean-squared error. Always predicting 1 scores MSE = Var(u₁ + u₂) = 1/6 ≈ 0.167; the literature
 * calls MSE &lt; 0.01 solved. The dependency spans up to the whole sequence, so its lag is T.
 */
public final class AddingTask {
  public static final int INPUTS = 2;
  /** MSE of always predicting the mean sum, 1. */
  public static final double BASELINE_MSE = 1.0 / 6.0;
  public static final double SOLVED_MSE = 0.01;

  private AddingTask() {}

  /** {@code count} sequences of {@code steps} steps, deterministic in {@code seed}. */
  public static TaskData generate(int count, int steps, long seed) {
    if (count < 1 || steps < 2) {
      throw new IllegalArgumentException("adding task: count " + count + " and steps " + steps
          + " (expected count ≥ 1 and steps ≥ 2)");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] inputs = new float[Math.multiplyExact(Math.multiplyExact(count, steps), INPUTS)];
    float[] sums = new float[count];
    int[] firsts = new int[count];
    int half = steps / 2;
    for (int n = 0; n < count; n++) {
      int off = n * steps * INPUTS;
      for (int t = 0; t < steps; t++) {
        inputs[off + t * INPUTS] = (float) rnd.nextDouble();
      }
      int first = rnd.nextInt(half);
      int second = half + rnd.nextInt(steps - half);
      inputs[off + first * INPUTS + 1] = 1f;
      inputs[off + second * INPUTS + 1] = 1f;
      sums[n] = inputs[off + first * INPUTS] + inputs[off + second * INPUTS];
      firsts[n] = first;
    }
    return new TaskData(count, steps, INPUTS, inputs, 0, null, sums, firsts);
  }
}
