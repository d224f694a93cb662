package org.bpttbench.experiment;

import java.util.List;
import java.util.Map;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;

/**
 * One {@code learn} experiment: a training run per (cell, lag, seed index firstSeed …
 * firstSeed+seeds−1). Each run trains on mini-batches of {@code batch} sequences ({@code data}:
 * fresh sequences of a seeded stream every batch, or a fixed set of {@code trainSize} of them,
 * cycled), scores the model on a fixed held-out test set of {@code testSize} sequences every
 * {@code evalEvery} updates and stops as soon as it is solved (accuracy ≥ 95 %, MSE &lt; 0.01) or
 * at the cap of {@code updates}. Each cell has its own learning rate ({@code lr}); every other
 * setting is shared. {@code tbptt} = 0 is full BPTT. {@code threads} only sets how many runs go
 * at once: the results do not depend on it.
 *
 * @param steps the sequence length of the agreement task (the adding task's is the lag)
 * @param updates the cap: the most updates a run makes
 * @param optimizer the update rule; its learning rate is replaced by each cell's
 */
public record LearnConfig(LearnTask task, Fillers fillers, List<LearnCell> cells,
                          List<Integer> lags, int seeds, int steps, int hidden, int batch,
                          int updates, Map<LearnCell, Double> lr, OptimizerSpec optimizer,
                          double clipNorm, int tbptt, int trainSize, int testSize,
                          int threads, LearnData data, int evalEvery, int firstSeed) {

  /** How many test sequences the gradient curves are averaged over. */
  public static final int PROBE = 100;

  public LearnConfig {
    cells = List.copyOf(cells);
    lags = lags.stream().sorted().distinct().toList();
    lr = Map.copyOf(lr);
    if (cells.isEmpty() || lags.isEmpty()) {
      throw new IllegalArgumentException("learn needs at least one cell and one lag");
    }
    for (LearnCell c : cells) {
      if (!lr.containsKey(c)) {
        throw new IllegalArgumentException("no learning rate for cell " + c.id());
      }
    }
    for (int lag : lags) {
      if (lag < (task.regression() ? 2 : 1) || !task.regression() && lag > steps - 1) {
        throw new IllegalArgumentException("lag " + lag + " does not fit " + (task.regression()
            ? "the adding task (expected a sequence length >= 2)"
            : steps + " steps (expected 1.." + (steps - 1) + ")"));
      }
    }
    for (int n : new int[] {seeds, steps, hidden, batch, updates, trainSize, testSize, threads,
        evalEvery}) {
      if (n < 1) {
        throw new IllegalArgumentException("learn: seeds, steps, hidden, batch, updates, train and"
            + " test sizes, threads and the evaluation interval must be at least 1, got " + n);
      }
    }
    if (tbptt < 0 || !(clipNorm >= 0) || firstSeed < 0) {
      throw new IllegalArgumentException("tbptt, the first seed and the clip norm must be >= 0,"
          + " got " + tbptt + ", " + firstSeed + " and " + clipNorm);
    }
    if (tbptt > 0 && cells.stream().anyMatch(LearnCell::isSequenceModel)) {
      throw new IllegalArgumentException("--tbptt applies to the recurrent cells only (lru and"
          + " attention train on the whole sequence)");
    }
    if (data == null) {
      throw new IllegalArgumentException("learn: no training data source");
    }
  }

  /** The optimizer of {@code cell}'s runs: {@link #optimizer} with the cell's learning rate. */
  public OptimizerSpec optimizer(LearnCell cell) {
    OptimizerSpec o = optimizer;
    return new OptimizerSpec(o.kind(), lr.get(cell), o.momentum(), o.dampening(), o.nesterov(),
        o.beta1(), o.beta2(), o.eps(), o.weightDecay());
  }

  /** The sequence length of runs at {@code lag}. */
  public int steps(int lag) {
    return task.steps(lag, steps);
  }

  /** The seed indices of the runs: firstSeed … firstSeed + seeds − 1. */
  public List<Integer> seedIndices() {
    return java.util.stream.IntStream.range(firstSeed, firstSeed + seeds).boxed().toList();
  }
}
