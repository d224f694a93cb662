package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.train.task.Fillers;
import org.bpttbench.train.task.TaskData;

/**
 * Can it learn? One training run per (cell, lag, seed) on the lesson's stretched task (or the
 * adding problem), measured before and after: fresh batches from the (lag, seed)'s
 * {@link LearnStream} (or a fixed set of its first sequences), the score on a held-out test set
 * every {@link LearnConfig#evalEvery()} updates, stopping when solved or at the cap ({@link
 * LearnRun#updatesToSolve()}, {@link LearnRun#plateau()}). Runs are independent and go in
 * parallel on {@link LearnConfig#threads()};
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
          jobs.add(new int[] {i, lag, c.firstSeed() + seed});
        }
      }
    }
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(c.threads(), jobs.size()));
    int[] finished = {0};
    try {
      List<Future<LearnRun>> futures = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        futures.add(null);
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        order.add(i);
      }
      // the costliest first (longer sequences, then longer lags), so the pool ends together
      order.sort(java.util.Comparator.comparingInt((Integer i) -> -c.steps(jobs.get(i)[1]))
          .thenComparingInt(i -> -jobs.get(i)[1]));
      for (int i : order) {
        int[] j = jobs.get(i);
        futures.set(i, pool.submit(() -> {
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
      return new LearnResult(c, k.name(), runs, (System.nanoTime() - start) / 1e9);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("learn: interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One training run and its measurements: batches from the (lag, seed)'s stream (fresh, or its
   * first trainSize sequences cycled), the held-out score at init and every evalEvery updates,
   * stopping at the first evaluation that solves the task or at the cap.
   */
  static LearnRun one(LearnConfig c, Kernels k, LearnCell cell, int lag, int seed) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    int steps = c.steps(lag);
    LearnTask task = c.task();
    TaskData test = testSet(task, c.fillers(), lag, steps, c.testSize(), seed);
    LearnStream stream = stream(task, c.fillers(), lag, steps, seed, test);
    TaskData fixed = c.data() == LearnData.FIXED ? stream.get(0, c.trainSize()) : null;
    Learner learner = Learner.create(c, k, cell, steps,
        seed(WEIGHTS + 16L * cell.ordinal(), lag, seed));
    LearnSnapshot before = learner.snapshot(test);
    long start = System.nanoTime();
    int b = c.batch();
    int in = task.inputSize();
    float[] x = new float[steps * b * in];
    int[] y = new int[b];
    float[] v = task.regression() ? new float[b] : null;
    int cap = c.updates();
    double[] loss = new double[cap];
    int evals = cap / c.evalEvery() + 2;
    int[] evalAt = new int[evals];
    double[] evalScore = new double[evals];
    int e = 0;
    evalAt[e] = 0;
    evalScore[e++] = learner.score(test);
    Integer solvedAt = task.solved(evalScore[0]) ? 0 : null;
    int u = 0;
    while (solvedAt == null && u < cap) {
      TaskData batch = fixed == null ? stream.get((long) u * b, b) : cycled(fixed, u, b);
      LearnProbe.timeMajor(batch, 0, b, x);
      for (int j = 0; j < b; j++) {
        if (v != null) {
          v[j] = batch.values()[j];
        } else {
          y[j] = batch.labels()[j];
        }
      }
      loss[u] = learner.update(x, y, v, b, steps);
      u++;
      if (u % c.evalEvery() == 0 || u == cap) {
        evalAt[e] = u;
        evalScore[e] = learner.score(test);
        if (task.solved(evalScore[e])) {
          solvedAt = u;
        }
        e++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    evalAt = java.util.Arrays.copyOf(evalAt, e);
    evalScore = java.util.Arrays.copyOf(evalScore, e);
    loss = java.util.Arrays.copyOf(loss, u);
    double atHalf = Double.NaN;
    double bestAfter = Double.NaN;
    for (int i = 0; i < e; i++) {
      if (2 * evalAt[i] <= cap) {
        atHalf = evalScore[i];
      } else if (Double.isNaN(bestAfter) || task.better(evalScore[i], bestAfter)) {
        bestAfter = evalScore[i];
      }
    }
    boolean plateau = solvedAt == null && !Double.isNaN(bestAfter)
        && task.flat(atHalf, bestAfter);
    return new LearnRun(cell, lag, seed, steps, c.lr().get(cell), evalScore[e - 1],
        LearnRun.finalLoss(loss), u, seconds, before, learner.snapshot(test), loss, solvedAt,
        evalAt, evalScore, solvedAt == null ? atHalf : Double.NaN, plateau,
        (mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
  }

  /** Batch u of a fixed training set walked in file order modulo its size. */
  private static TaskData cycled(TaskData d, int u, int b) {
    int per = d.steps() * d.inputSize();
    float[] in = new float[b * per];
    int[] labels = d.isRegression() ? null : new int[b];
    float[] values = d.isRegression() ? new float[b] : null;
    int[] keys = new int[b];
    for (int j = 0; j < b; j++) {
      int s = (int) (((long) u * b + j) % d.count());
      System.arraycopy(d.inputs(), d.offset(s), in, j * per, per);
      if (labels != null) {
        labels[j] = d.labels()[s];
      } else {
        values[j] = d.values()[s];
      }
      keys[j] = d.keyPositions()[s];
    }
    return new TaskData(b, d.steps(), d.inputSize(), in, d.classes(), labels, values, keys);
  }

  /**
   * The held-out test sequences of the runs at (lag, seed) of every cell ({@code test} true), or
   * the first {@code count} sequences of their training stream, test sequences excluded: what the
   * {@code task} command exports for PyTorch (the stream's first U·B sequences are the batches of
   * U fresh updates; with {@code --data fixed} the first trainSize are the whole training set).
   */
  public static TaskData data(LearnTask task, Fillers fillers, int lag, int steps, int count,
                              int seed, boolean test, int testSize) {
    TaskData held = testSet(task, fillers, lag, steps, testSize, seed);
    return test ? testSet(task, fillers, lag, steps, count, seed)
        : stream(task, fillers, lag, task.steps(lag, steps), seed, held).get(0, count);
  }

  /** The held-out test set of (lag, seed): fixed, drawn from its own seed. */
  public static TaskData testSet(LearnTask task, Fillers fillers, int lag, int steps, int count,
                                 int seed) {
    return task.generate(count, lag, task.steps(lag, steps), fillers, seed(TEST_DATA, lag, seed));
  }

  /** The training stream of (lag, seed), which never yields a sequence of {@code heldOut}. */
  public static LearnStream stream(LearnTask task, Fillers fillers, int lag, int steps, int seed,
                                   TaskData heldOut) {
    return new LearnStream(task, fillers, lag, task.steps(lag, steps), seed(TRAIN_DATA, lag, seed),
        heldOut);
  }

  /** A seed drawn from (what, lag, seed) alone. */
  static long seed(long what, int lag, int seed) {
    return new SplittableRandom(what * 1_000_003L + lag * 1009L + seed).nextLong();
  }
}
