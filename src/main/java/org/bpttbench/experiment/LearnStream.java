package org.bpttbench.experiment;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bpttbench.train.task.Fillers;
import org.bpttbench.train.task.TaskData;

/**
 * The training sequences of one (task, lag, seed): an endless stream in which sequence i is drawn
 * from its own seed (the stream's seed and i), so sequence i is the same whatever the batch size
 * and whichever part of the stream is asked for. A sequence whose inputs equal one of the
 * held-out test set's is skipped (drawn again from the next seed of its index), so training never
 * sees a test sequence. Deterministic in (task, fillers, lag, steps, seed) and the held-out set.
 */
public final class LearnStream {
  /** Draws of one index before the task is declared too small to hold a test set out. */
  static final int ATTEMPTS = 1000;

  private final LearnTask task;
  private final Fillers fillers;
  private final int lag;
  private final int steps;
  private final long seed;
  private final Set<Long> heldOut;

  /**
   * @param seed the stream's seed (see {@link LearnExperiment#seed})
   * @param heldOut the test set whose sequences training must not see (null: none)
   */
  public LearnStream(LearnTask task, Fillers fillers, int lag, int steps, long seed,
                     TaskData heldOut) {
    this.task = task;
    this.fillers = fillers;
    this.lag = lag;
    this.steps = steps;
    this.seed = seed;
    this.heldOut = new HashSet<>();
    if (heldOut != null) {
      for (int n = 0; n < heldOut.count(); n++) {
        this.heldOut.add(fingerprint(heldOut, n));
      }
    }
  }

  /** Sequences {@code from} … {@code from + count − 1} of the stream, in order. */
  public TaskData get(long from, int count) {
    TaskData first = null;
    float[] inputs = null;
    int[] labels = null;
    float[] values = null;
    int[] keys = new int[count];
    for (int i = 0; i < count; i++) {
      TaskData one = one(from + i);
      if (first == null) {
        first = one;
        inputs = new float[Math.multiplyExact(count, one.inputs().length)];
        labels = one.isRegression() ? null : new int[count];
        values = one.isRegression() ? new float[count] : null;
      }
      System.arraycopy(one.inputs(), 0, inputs, i * one.inputs().length, one.inputs().length);
      if (labels != null) {
        labels[i] = one.labels()[0];
      } else {
        values[i] = one.values()[0];
      }
      keys[i] = one.keyPositions()[0];
    }
    return new TaskData(count, first.steps(), first.inputSize(), inputs, first.classes(), labels,
        values, keys);
  }

  /** Sequence {@code index}: the first draw of its seeds that is not held out. */
  private TaskData one(long index) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long s = new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L
          + attempt * 0xBF58476D1CE4E5B9L).nextLong();
      TaskData d = task.generate(1, lag, steps, fillers, s);
      if (heldOut.isEmpty() || !heldOut.contains(fingerprint(d, 0))) {
        return d;
      }
    }
    throw new IllegalArgumentException(task.id() + " at lag " + lag + " has too few distinct"
        + " sequences to hold a test set out: " + ATTEMPTS + " draws in a row were test"
        + " sequences (use a smaller --test-size or a longer sequence)");
  }

  /** A 64-bit hash of sequence n's inputs (equal inputs, equal hash). */
  static long fingerprint(TaskData d, int n) {
    int from = d.offset(n);
    int to = from + d.steps() * d.inputSize();
    float[] x = d.inputs();
    long h = 0xCBF29CE484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ Float.floatToIntBits(x[i])) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    return h;
  }
}
