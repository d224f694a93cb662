package org.bpttbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import org.bpttbench.train.task.TaskData;
import org.junit.jupiter.api.Test;

/**
 * The learn experiment on its result record: the protocol (fresh batches from a seeded stream,
 * held-out test set, evaluation every N updates, stopping when solved, the plateau test), and that
 * it learns, measures and ignores the thread count.
 */
class LearnExperimentTest {
  private static final Kernels K = KernelProvider.get();

  static LearnConfig config(LearnTask task, List<LearnCell> cells, List<Integer> lags, int steps,
                            int updates, int threads) {
    return config(task, cells, lags, steps, updates, threads, 10, LearnData.FRESH);
  }

  static LearnConfig config(LearnTask task, List<LearnCell> cells, List<Integer> lags, int steps,
                            int updates, int threads, int evalEvery, LearnData data) {
    Map<LearnCell, Double> lr = new java.util.HashMap<>();
    cells.forEach(c -> lr.put(c, 1e-2));
    return new LearnConfig(task, Fillers.WORDS, cells, lags, 1, steps, 16, 16, updates, lr,
        OptimizerSpec.adam(1, 0.9, 0.999, 1e-8, 0), 1.0, 0, 256, 200, threads, data, evalEvery,
        0);
  }

  @Test
  void gruSolvesAgreementAtLagFiveStopsAtTheSolvingEvaluationAndItsGradientReachesTheKey() {
    LearnResult r = LearnExperiment.run(config(LearnTask.AGREEMENT, List.of(LearnCell.GRU),
        List.of(5), 12, 400, 1), K);
    LearnRun run = r.runs().get(0);
    assertTrue(run.solved(), "accuracy " + run.score());
    assertTrue(run.score() >= 0.95, "accuracy " + run.score());
    int u = run.updatesToSolve();
    assertTrue(u < 400 && u % 10 == 0, "solved at " + u);
    assertEquals(u, run.updates(), "stops at the evaluation that solves it");
    assertEquals(u, run.loss().length);
    assertEquals(u, run.evalAt()[run.evalAt().length - 1]);
    assertEquals(0, run.evalAt()[0], "scored at init");
    assertEquals(u / 10 + 1, run.evalAt().length, "every 10 updates");
    for (int i = 0; i < run.evalScore().length - 1; i++) {
      assertTrue(run.evalScore()[i] < 0.95, "not solved before " + u);
    }
    assertEquals(run.evalScore()[run.evalScore().length - 1], run.score());
    assertFalse(run.plateau());
    assertEquals(Integer.valueOf(5), r.longestLagSolved(LearnCell.GRU));
    assertEquals(1, r.solvedSeeds(LearnCell.GRU, 5));
    assertEquals(u, r.medianUpdatesToSolve(LearnCell.GRU, 5));
    assertEquals(3, run.init().radius().length, "one spectral radius per gru gate block");
    assertEquals(12, run.init().gradCurve().length);
    assertEquals(1.0, run.init().gradCurve()[11], 1e-12, "the curve is relative to t = T");
    assertEquals(run.init().gradCurve()[12 - 5 - 1], run.init().gradRatioKey(), 1e-12,
        "agreement's key is h_{T-k} for every sequence");
  }

  @Test
  void aRunThatCannotLearnGoesToTheCapAndIsAPlateau() {
    // lr 0: nothing moves, so the held-out curve is exactly flat
    LearnConfig c = config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(5), 12, 40, 1);
    c = new LearnConfig(c.task(), c.fillers(), c.cells(), c.lags(), 1, c.steps(), c.hidden(),
        c.batch(), c.updates(), Map.of(LearnCell.RNN, 0.0), c.optimizer(), c.clipNorm(),
        c.tbptt(), c.trainSize(), c.testSize(), 1, LearnData.FRESH, 15, 0);
    LearnRun run = LearnExperiment.run(c, K).runs().get(0);
    assertNull(run.updatesToSolve());
    assertEquals(40, run.updates());
    assertArrayEquals(new int[] {0, 15, 30, 40}, run.evalAt(), "every 15 and at the cap");
    assertEquals(run.evalScore()[1], run.scoreAtHalf(), "the last evaluation at or before 20");
    assertTrue(run.plateau());
  }

  @Test
  void stoppingRuleAndPlateauAreTheTasksBars() {
    assertTrue(LearnTask.AGREEMENT.solved(0.95));
    assertFalse(LearnTask.AGREEMENT.solved(0.9499));
    assertTrue(LearnTask.ADDING.solved(0.0099));
    assertFalse(LearnTask.ADDING.solved(0.01));
    assertTrue(LearnTask.AGREEMENT.flat(0.50, 0.54));
    assertFalse(LearnTask.AGREEMENT.flat(0.50, 0.56));
    assertTrue(LearnTask.ADDING.flat(0.10, 0.09));
    assertFalse(LearnTask.ADDING.flat(0.10, 0.07));
  }

  @Test
  void freshStreamIsDeterministicBySeedAndIndependentOfTheBatching() {
    TaskData test = LearnExperiment.testSet(LearnTask.AGREEMENT, Fillers.TRIPLES, 10, 50, 100, 3);
    LearnStream a = LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.TRIPLES, 10, 50, 3, test);
    LearnStream b = LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.TRIPLES, 10, 50, 3, test);
    TaskData whole = a.get(0, 64);
    TaskData again = b.get(0, 64);
    assertArrayEquals(whole.inputs(), again.inputs(), "same seed, same stream");
    assertArrayEquals(whole.labels(), again.labels());
    TaskData second = b.get(32, 32);
    int per = 50 * whole.inputSize();
    assertArrayEquals(java.util.Arrays.copyOfRange(whole.inputs(), 32 * per, 64 * per),
        second.inputs(), "sequence i is the same whichever batch asks for it");
    TaskData other = LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.TRIPLES, 10, 50, 4, test)
        .get(0, 64);
    assertFalse(java.util.Arrays.equals(whole.inputs(), other.inputs()), "another seed");
    assertNotEquals(LearnStream.fingerprint(whole, 0), LearnStream.fingerprint(whole, 1),
        "fresh: batches do not repeat sequences");
    // the exported training data are the stream's first sequences
    TaskData exported = LearnExperiment.data(LearnTask.AGREEMENT, Fillers.TRIPLES, 10, 50, 64, 3,
        false, 100);
    assertArrayEquals(whole.inputs(), exported.inputs());
    LearnStream add = LearnExperiment.stream(LearnTask.ADDING, null, 30, 30, 0, null);
    assertArrayEquals(java.util.Arrays.copyOfRange(add.get(0, 8).values(), 5, 8),
        add.get(5, 3).values());
  }

  @Test
  void theTrainingStreamNeverYieldsAHeldOutSequence() {
    // T = 3, lag 1, word fillers: 24 × 7 = 168 distinct sequences, so a test set of 60 is hit
    // by about a third of the raw draws
    TaskData test = LearnExperiment.testSet(LearnTask.AGREEMENT, Fillers.WORDS, 1, 3, 60, 0);
    Set<Long> held = new HashSet<>();
    for (int n = 0; n < test.count(); n++) {
      held.add(LearnStream.fingerprint(test, n));
    }
    TaskData raw = LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.WORDS, 1, 3, 0, null)
        .get(0, 500);
    int hits = 0;
    for (int n = 0; n < raw.count(); n++) {
      hits += held.contains(LearnStream.fingerprint(raw, n)) ? 1 : 0;
    }
    assertTrue(hits > 50, "the check would catch overlap: " + hits + " raw draws were test ones");
    TaskData train = LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.WORDS, 1, 3, 0, test)
        .get(0, 500);
    for (int n = 0; n < train.count(); n++) {
      assertFalse(held.contains(LearnStream.fingerprint(train, n)), "sequence " + n);
    }
    // a task with fewer distinct sequences than the test set holds is refused
    TaskData all = LearnExperiment.testSet(LearnTask.AGREEMENT, Fillers.WORDS, 1, 2, 200, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearnExperiment.stream(LearnTask.AGREEMENT, Fillers.WORDS, 1, 2, 0, all).get(0, 1));
    assertTrue(e.getMessage().contains("too few distinct sequences"), e.getMessage());
  }

  @Test
  void fixedDataCyclesTheStreamsFirstSequences() {
    LearnConfig c = config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(3), 8, 30, 1, 30,
        LearnData.FIXED);
    LearnConfig fresh = config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(3), 8, 30, 1,
        30, LearnData.FRESH);
    Kernels scalar = KernelProvider.forName("scalar");
    LearnRun a = LearnExperiment.run(c, scalar).runs().get(0);
    LearnRun b = LearnExperiment.run(fresh, scalar).runs().get(0);
    // 256 training sequences = 16 batches of 16: both see the same first 16 batches
    assertEquals(a.loss()[15], b.loss()[15]);
    assertNotEquals(a.loss()[16], b.loss()[16], "then fixed starts over, fresh goes on");
  }

  /**
   * Bit for bit with the scalar kernels. (With SIMD, the vector tanh/exp of the Vector API can
   * round differently before and after the JIT compiles them, so runs agree to rounding only,
   * whatever the thread count.)
   */
  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Kernels scalar = KernelProvider.forName("scalar");
    List<LearnCell> cells = List.of(LearnCell.RNN, LearnCell.LSTM_FB1, LearnCell.LRU);
    LearnResult one = LearnExperiment.run(config(LearnTask.AGREEMENT, cells, List.of(3, 6), 8,
        20, 1), scalar);
    LearnResult two = LearnExperiment.run(config(LearnTask.AGREEMENT, cells, List.of(3, 6), 8,
        20, 2), scalar);
    assertEquals(6, one.runs().size());
    for (int i = 0; i < 6; i++) {
      LearnRun a = one.runs().get(i);
      LearnRun b = two.runs().get(i);
      assertEquals(a.cell() + " " + a.lag(), b.cell() + " " + b.lag(), "same order");
      assertArrayEquals(a.loss(), b.loss());
      assertArrayEquals(a.evalScore(), b.evalScore());
      assertEquals(a.score(), b.score());
      assertArrayEquals(a.trained().radius(), b.trained().radius());
      assertArrayEquals(a.trained().gradCurve(), b.trained().gradCurve());
    }
  }

  @Test
  void sequenceModelsLearnAndMeasure() {
    LearnResult r = LearnExperiment.run(config(LearnTask.AGREEMENT,
        List.of(LearnCell.LRU, LearnCell.ATTENTION), List.of(6), 10, 300, 2), K);
    LearnRun lru = r.runs().get(0);
    LearnRun att = r.runs().get(1);
    assertTrue(lru.solved() && att.solved(), lru.score() + " " + att.score());
    assertEquals(1, lru.init().radius().length, "the lru's one block: its λ");
    assertTrue(lru.init().maxRadius() >= 0.9 && lru.init().maxRadius() < 1,
        "the long-range ring: " + lru.init().maxRadius());
    assertEquals(16, lru.init().eigenReal()[0].length);
    assertTrue(Double.isNaN(att.init().maxRadius()), "attention has no recurrence");
    assertEquals(10, att.init().gradCurve().length);
    assertEquals(1.0, att.init().gradCurve()[9], 1e-12);
  }

  @Test
  void lstmAndLstmFb1StartFromTheSameWeightsButTheForgetBias() {
    var lstm = LearnCell.LSTM.model(3, 4, 2, 7);
    var fb1 = LearnCell.LSTM_FB1.model(3, 4, 2, 7);
    assertArrayEquals(lstm.weightHh.data(), fb1.weightHh.data());
    float[] b = fb1.biasIh.data();
    for (int i = 4; i < 8; i++) {
      assertEquals(1f, b[i]);
      assertEquals(0f, fb1.biasHh.data()[i]);
    }
    assertEquals(lstm.biasIh.data()[0], b[0]);
  }

  @Test
  void addingTaskScoresTheMseWithTheLagAsLength() {
    LearnResult r = LearnExperiment.run(config(LearnTask.ADDING, List.of(LearnCell.LSTM),
        List.of(6), 50, 30, 1), K);
    LearnRun run = r.runs().get(0);
    assertEquals(6, run.steps());
    assertTrue(run.score() > 0 && run.score() < 1, "mse " + run.score());
    assertEquals(run.score() < 0.01, r.solved(LearnCell.LSTM, 6));
  }

  @Test
  void longestLagSolvedNeedsMostSeeds() {
    LearnConfig c = config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(2, 4), 8, 1, 1);
    c = new LearnConfig(c.task(), c.fillers(), c.cells(), c.lags(), 3, c.steps(), c.hidden(),
        c.batch(), c.updates(), c.lr(), c.optimizer(), c.clipNorm(), c.tbptt(), c.trainSize(),
        c.testSize(), c.threads(), c.data(), c.evalEvery(), 0);
    LearnResult r = new LearnResult(c, "x", List.of(run(2, 0, 1.0, 100), run(2, 1, 0.96, 300),
        run(2, 2, 0.5, null), run(4, 0, 1.0, 200), run(4, 1, 0.5, null), run(4, 2, 0.6, null)),
        1);
    assertEquals(Integer.valueOf(2), r.longestLagSolved(LearnCell.RNN));
    assertEquals(Integer.valueOf(2), r.longestLagSolved(LearnCell.fromId("rnn")),
        "a model is found by value, not by instance");
    assertEquals(Integer.valueOf(4), r.shortestLagFailed(LearnCell.RNN));
    assertEquals(2, r.solvedSeeds(LearnCell.RNN, 2));
    assertEquals(200, r.medianUpdatesToSolve(LearnCell.RNN, 2), "over the solved seeds");
    assertEquals(0.6, r.medianScore(LearnCell.RNN, 4));
    LearnResult none = new LearnResult(c, "x", List.of(run(2, 0, 0.5, null),
        run(4, 0, 0.5, null)), 1);
    assertNull(none.longestLagSolved(LearnCell.RNN));
    assertTrue(Double.isNaN(none.medianUpdatesToSolve(LearnCell.RNN, 2)));
  }

  @Test
  void lagsOutsideTheSequenceAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(50), 50, 1, 1));
    assertEquals("lag 50 does not fit 50 steps (expected 1..49)", e.getMessage());
  }

  static LearnRun run(int lag, int seed, double score, Integer toSolve) {
    LearnSnapshot s = new LearnSnapshot(new double[][] {{0.5}}, new double[][] {{0}},
        new double[] {0.5}, new double[] {0.1, 1}, 0.1);
    return new LearnRun(LearnCell.RNN, lag, seed, 8, 1e-2, score, 0.1, 1, 0.1, s, s,
        new double[] {0.7}, toSolve, new int[] {0}, new double[] {score}, Double.NaN,
        toSolve == null, 0.1);
  }
}
