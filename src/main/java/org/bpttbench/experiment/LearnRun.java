package org.bpttbench.experiment;

/**
 * One training run of {@code learn}.
 *
 * @param seed the seed index 0..seeds−1 (data and weights are derived from it, the cell and lag)
 * @param score accuracy on the test sequences, or their mean squared error (adding)
 * @param finalLoss the mean training loss over the last {@link #FINAL_WINDOW} optimizer steps
 * @param seconds wall-clock time of the training alone
 * @param loss the training loss before each optimizer step (the learning curve)
 */
public record LearnRun(LearnCell cell, int lag, int seed, int steps, double lr, double score,
                       double finalLoss, int updates, double seconds, LearnSnapshot init,
                       LearnSnapshot trained, double[] loss) {

  /** Optimizer steps averaged into {@link #finalLoss}, as learn_torch.py does. */
  public static final int FINAL_WINDOW = 50;

  /** The mean of the last {@link #FINAL_WINDOW} (or all, if fewer) of {@code loss}. */
  public static double finalLoss(double[] loss) {
    int n = Math.min(FINAL_WINDOW, loss.length);
    double s = 0;
    for (int i = loss.length - n; i < loss.length; i++) {
      s += loss[i];
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
