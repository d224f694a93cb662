package org.bpttbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import org.junit.jupiter.api.Test;

/** The learn experiment on its result record: it learns, it measures, it ignores thread count. */
class LearnExperimentTest {
  private static final Kernels K = KernelProvider.get();

  static LearnConfig config(LearnTask task, List<LearnCell> cells, List<Integer> lags, int steps,
                            int updates, int threads) {
    Map<LearnCell, Double> lr = new java.util.HashMap<>();
    cells.forEach(c -> lr.put(c, 1e-2));
    return new LearnConfig(task, Fillers.WORDS, cells, lags, 1, steps, 16, 16, updates, lr,
        OptimizerSpec.adam(1, 0.9, 0.999, 1e-8, 0), 1.0, 0, 256, 200, threads);
  }

  @Test
  void gruLearnsAgreementAtLagFiveAndItsGradientReachesTheKey() {
    LearnResult r = LearnExperiment.run(config(LearnTask.AGREEMENT, List.of(LearnCell.GRU),
        List.of(5), 12, 150, 1), K);
    LearnRun run = r.runs().get(0);
    assertTrue(run.score() >= 0.95, "accuracy " + run.score());
    assertEquals(Integer.valueOf(5), r.longestLagSolved(LearnCell.GRU));
    assertEquals(150, run.updates());
    assertEquals(150, run.loss().length);
    assertTrue(run.finalLoss() < 0.2 * run.loss()[0], "loss " + run.loss()[0] + " -> "
        + run.finalLoss());
    assertEquals(3, run.init().radius().length, "one spectral radius per gru gate block");
    assertEquals(16, run.init().eigenReal()[2].length);
    assertEquals(12, run.init().gradCurve().length);
    assertEquals(1.0, run.init().gradCurve()[11], 1e-12, "the curve is relative to t = T");
    assertEquals(run.init().gradCurve()[12 - 5 - 1], run.init().gradRatioKey(), 1e-12,
        "agreement's key is h_{T-k} for every sequence");
    assertTrue(run.init().gradRatioKey() > 0 && run.init().gradRatioKey() < 1);
  }

  /**
   * Bit for bit with the scalar kernels. (With SIMD, the vector tanh/exp of the Vector API can
   * round differently before and after the JIT compiles them, so runs agree to rounding only,
   * whatever the thread count.)
   */
  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Kernels scalar = KernelProvider.forName("scalar");
    List<LearnCell> cells = List.of(LearnCell.RNN, LearnCell.LSTM_FB1);
    LearnResult one = LearnExperiment.run(config(LearnTask.AGREEMENT, cells, List.of(3, 6), 8,
        20, 1), scalar);
    LearnResult two = LearnExperiment.run(config(LearnTask.AGREEMENT, cells, List.of(3, 6), 8,
        20, 2), scalar);
    assertEquals(4, one.runs().size());
    for (int i = 0; i < 4; i++) {
      LearnRun a = one.runs().get(i);
      LearnRun b = two.runs().get(i);
      assertEquals(a.cell() + " " + a.lag(), b.cell() + " " + b.lag(), "same order");
      assertArrayEquals(a.loss(), b.loss());
      assertEquals(a.score(), b.score());
      assertArrayEquals(a.trained().radius(), b.trained().radius());
      assertArrayEquals(a.trained().gradCurve(), b.trained().gradCurve());
    }
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
        c.testSize(), c.threads());
    LearnResult r = new LearnResult(c, "x", List.of(run(2, 0, 1.0), run(2, 1, 0.96),
        run(2, 2, 0.5), run(4, 0, 1.0), run(4, 1, 0.5), run(4, 2, 0.6)));
    assertEquals(Integer.valueOf(2), r.longestLagSolved(LearnCell.RNN));
    assertEquals(Integer.valueOf(4), r.shortestLagFailed(LearnCell.RNN));
    assertEquals(0.6, r.medianScore(LearnCell.RNN, 4));
    LearnResult none = new LearnResult(c, "x", List.of(run(2, 0, 0.5), run(4, 0, 0.5)));
    assertNull(none.longestLagSolved(LearnCell.RNN));
  }

  @Test
  void lagsOutsideTheSequenceAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config(LearnTask.AGREEMENT, List.of(LearnCell.RNN), List.of(50), 50, 1, 1));
    assertEquals("lag 50 does not fit 50 steps (expected 1..49)", e.getMessage());
  }

  static LearnRun run(int lag, int seed, double score) {
    LearnSnapshot s = new LearnSnapshot(new double[][] {{0.5}}, new double[][] {{0}},
        new double[] {0.5}, new double[] {0.1, 1}, 0.1);
    return new LearnRun(LearnCell.RNN, lag, seed, 8, 1e-2, score, 0.1, 1, 0.1, s, s,
        new double[] {0.7});
  }
}
