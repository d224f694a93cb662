package org.bpttbench.experiment;

import java.util.Arrays;
import java.util.List;

/**
 * Every run of a {@code learn} experiment, in (cell, lag, seed) order of the config.
 *
 * @param wallSeconds the experiment's wall-clock time on its threads
 */
public record LearnResult(LearnConfig config, String backend, List<LearnRun> runs,
                          double wallSeconds) {

  public LearnResult {
    runs = List.copyOf(runs);
  }

  /** The runs of one (cell, lag), one per seed. */
  public List<LearnRun> runs(LearnCell cell, int lag) {
    return runs.stream().filter(r -> r.cell().equals(cell) && r.lag() == lag).toList();
  }

  /** Solved in most seeds: more than half of the runs reach the task's bar within the cap. */
  public boolean solved(LearnCell cell, int lag) {
    List<LearnRun> rs = runs(cell, lag);
    return !rs.isEmpty() && 2 * solvedSeeds(cell, lag) > rs.size();
  }

  /** The CPU time of all runs (the experiment's cost on idle cores). */
  public double cpuSeconds() {
    return runs.stream().mapToDouble(LearnRun::cpuSeconds).sum();
  }

  /** How many seeds of (cell, lag) were solved within the cap. */
  public int solvedSeeds(LearnCell cell, int lag) {
    return (int) runs(cell, lag).stream().filter(LearnRun::solved).count();
  }

  /** The median updates-to-solve over the seeds of (cell, lag) that solved it; NaN if none did. */
  public double medianUpdatesToSolve(LearnCell cell, int lag) {
    return median(runs(cell, lag).stream().filter(LearnRun::solved)
        .mapToDouble(r -> r.updatesToSolve()).toArray());
  }

  /** The longest lag solved in most seeds, or null when none is. */
  public Integer longestLagSolved(LearnCell cell) {
    Integer best = null;
    for (int lag : config.lags()) {
      best = solved(cell, lag) ? Integer.valueOf(lag) : best;
    }
    return best;
  }

  /** The shortest lag not solved in most seeds, or null when every lag is. */
  public Integer shortestLagFailed(LearnCell cell) {
    return config.lags().stream().filter(lag -> !solved(cell, lag)).findFirst().orElse(null);
  }

  /** The median score over the seeds of (cell, lag). */
  public double medianScore(LearnCell cell, int lag) {
    return median(cell, lag, LearnRun::score);
  }

  /** The median over the seeds of (cell, lag) of {@code what}. */
  public double median(LearnCell cell, int lag, java.util.function.ToDoubleFunction<LearnRun> what) {
    return median(runs(cell, lag).stream().mapToDouble(what).toArray());
  }

  /** The median over every run of {@code cell} of {@code what}. */
  public double median(LearnCell cell, java.util.function.ToDoubleFunction<LearnRun> what) {
    return median(runs.stream().filter(r -> r.cell().equals(cell)).mapToDouble(what).toArray());
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
