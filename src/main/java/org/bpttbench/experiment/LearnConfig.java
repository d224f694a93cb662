package org.bpttbench.experiment;

import java.util.List;
import java.util.Map;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;

/**
 * One {@code learn} experiment: a training run per (cell, lag, seed index 0..seeds−1) of
 * {@code updates} mini-batches of {@code batch} from a fixed training set of {@code trainSize}
 * sequences, walked in file order modulo its size (as {@code learn_torch.py} does); the score on
 * {@code testSize} fresh sequences. Each cell has its own learning rate ({@code lr}); every other
 * setting is shared. {@code tbptt} = 0 is full BPTT. {@code threads} only sets how many runs go
 * at once: the results do not depend on it.
 *
 * @param steps the sequence length of the agreement task (the adding task's is the lag)
 * @param optimizer the update rule; its learning rate is replaced by each cell's
 */
public record LearnConfig(LearnTask task, Fillers fillers, List<LearnCell> cells,
                          List<Integer> lags, int seeds, int steps, int hidden, int batch,
                          int updates, Map<LearnCell, Double> lr, OptimizerSpec optimizer,
                          double clipNorm, int tbptt, int trainSize, int testSize,
                          int threads) {

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
    for (int n : new int[] {seeds, steps, hidden, batch, updates, trainSize, testSize, threads}) {
      if (n < 1) {
        throw new IllegalArgumentException("learn: seeds, steps, hidden, batch, updates, train and"
            + " test sizes and threads must be at least 1, got " + n);
      }
    }
    if (tbptt < 0 || !(clipNorm >= 0)) {
      throw new IllegalArgumentException("tbptt must be >= 0 and the clip norm >= 0, got " + tbptt
          + " and " + clipNorm);
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
}
