package org.bpttbench.experiment;

/**
 * One training run of {@code learn}.
 *
 * @param seed the seed index (data and weights are derived from it, the cell and lag)
 * @param score accuracy on the held-out test sequences at the run's last evaluation (the one that
 *     solved it, or the cap's), or their mean squared error (adding)
 * @param finalLoss the mean training loss over the last {@link #FINAL_WINDOW} optimizer steps
 * @param updates the updates made: the updates to solve, or the cap
 * @param seconds wall-clock time of the training and its evaluations
 * @param loss the training loss before each optimizer step (the learning curve)
 * @param updatesToSolve the update at whose evaluation the run was first solved, or null when it
 *     was not within the cap
 * @param evalAt the updates after which the test set was scored (0 = at init)
 * @param evalScore the score at each of them
 * @param scoreAtHalf the score at the last evaluation at or before half the cap (NaN when the run
 *     stopped earlier)
 * @param plateau for a run not solved within the cap: whether its test score stayed flat over the
 *     second half of the budget ({@link LearnTask#flat}), so the failure is a plateau and not a
 *     cut-off; false for solved runs
 * @param cpuSeconds the CPU time of the run's thread (its cost on a machine others share)
 */
public record LearnRun(LearnCell cell, int lag, int seed, int steps, double lr, double score,
                       double finalLoss, int updates, double seconds, LearnSnapshot init,
                       LearnSnapshot trained, double[] loss, Integer updatesToSolve,
                       int[] evalAt, double[] evalScore, double scoreAtHalf, boolean plateau,
                       double cpuSeconds) {

  /** Optimizer steps averaged into {@link #finalLoss}, as learn_torch.py does. */
  public static final int FINAL_WINDOW = 50;

  /** Whether the run reached the task's bar within the cap. */
  public boolean solved() {
    return updatesToSolve != null;
  }

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
