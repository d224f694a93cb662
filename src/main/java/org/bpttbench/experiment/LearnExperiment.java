package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.train.TrainConfig;
import org.bpttbench.train.TrainResult;
import org.bpttbench.train.Trainer;
import org.bpttbench.train.task.Fillers;
import org.bpttbench.train.task.TaskData;

/**
 * Can it learn? One training run per (cell, lag, seed) on the lesson's stretched task, measured
 * before and after. Runs are independent and go in parallel on {@link LearnConfig#threads()};
 * each is seeded from its (cell, lag, seed) alone, so the result does not depend on the thread
 * count. The training and test data of a (lag, seed) are the same for every cell, and
 * {@code lstm} and {@code lstm-fb1} start from the same weights but for the forget-gate bias.
 */
public final class LearnExperiment {
  private static final long TRAIN_DATA = 1;
  private static final long TEST_DATA = 2;
  private static final long WEIGHTS = 3;

  /** Told after each finished run: how many are done of how many, and that run. */
  @FunctionalInterface
  public interface Progress {
    void done(int finished, int total, LearnRun run);
  }

  private LearnExperiment() {}

  public static LearnResult run(LearnConfig c, Kernels k) {
    return run(c, k, (finished, total, run) -> { });
  }

  public static LearnResult run(LearnConfig c, Kernels k, Progress progress) {
    List<int[]> jobs = new ArrayList<>();
    for (int i = 0; i < c.cells().size(); i++) {
      for (int lag : c.lags()) {
        for (int seed = 0; seed < c.seeds(); seed++) {
          jobs.add(new int[] {i, lag, seed});
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(c.threads(), jobs.size()));
    int[] finished = {0};
    try {
      List<Future<LearnRun>> futures = new ArrayList<>();
      for (int[] j : jobs) {
        futures.add(pool.submit(() -> {
          LearnRun r = one(c, k, c.cells().get(j[0]), j[1], j[2]);
          synchronized (finished) {
            progress.done(++finished[0], jobs.size(), r);
          }
          return r;
        }));
      }
      List<LearnRun> runs = new ArrayList<>();
      for (Future<LearnRun> f : futures) {
        runs.add(f.get());
      }
      return new LearnResult(c, k.name(), runs);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("learn: interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One training run and its measurements. */
  static LearnRun one(LearnConfig c, Kernels k, LearnCell cell, int lag, int seed) {
    int steps = c.steps(lag);
    TaskData train = data(c.task(), c.fillers(), lag, steps, c.trainSize(), seed, false);
    TaskData test = data(c.task(), c.fillers(), lag, steps, c.testSize(), seed, true);
    Model init = cell.model(c.task().inputSize(), c.hidden(), c.task().outputs(),
        seed(WEIGHTS + 16L * cell.kind().ordinal(), lag, seed));
    LearnSnapshot before = LearnProbe.snapshot(init, k, test);
    long start = System.nanoTime();
    TrainResult tr = Trainer.train(new TrainConfig(init, k, LearnTask.trainingData(train),
        c.batch(), c.updates(), c.optimizer(cell), c.clipNorm(), Double.POSITIVE_INFINITY,
        c.tbptt(), OptionalLong.empty()));
    double seconds = (System.nanoTime() - start) / 1e9;
    Model trained = tr.trained();
    return new LearnRun(cell, lag, seed, steps, c.lr().get(cell), LearnProbe.score(trained, k, test),
        LearnRun.finalLoss(tr.loss()), tr.optimizerSteps(), seconds, before,
        LearnProbe.snapshot(trained, k, test), tr.loss());
  }

  /**
   * The training ({@code test} false) or test sequences of the runs at (lag, seed) of every cell:
   * what the {@code task} command exports for PyTorch.
   */
  public static TaskData data(LearnTask task, Fillers fillers, int lag, int steps, int count,
                              int seed, boolean test) {
    return task.generate(count, lag, task.steps(lag, steps), fillers,
        seed(test ? TEST_DATA : TRAIN_DATA, lag, seed));
  }

  /** A seed drawn from (what, lag, seed) alone. */
  static long seed(long what, int lag, int seed) {
    return new SplittableRandom(what * 1_000_003L + lag * 1009L + seed).nextLong();
  }
}
