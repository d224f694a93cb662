package org.bpttbench.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict on the lesson's long-range claim, computed on summary records alone. */
class LearnVerdictTest {
  private static final double[] RHO = {0.5};

  /** One run per (cell, lag, seed): solved at {@code at} (null: not), flat when it failed. */
  private static LearnSummary.Run run(String cell, int lag, int seed, Integer at) {
    return new LearnSummary.Run(cell, lag, seed, at == null ? 0.5 : 0.99, at,
        at == null ? Boolean.TRUE : null, at == null ? 0.5 : null, RHO, RHO);
  }

  private static LearnSummary summary(int steps, List<Integer> lags, Map<String, Integer> longest,
                                      List<LearnSummary.Run> runs) {
    Map<String, LearnSummary.Cell> cells = new LinkedHashMap<>();
    longest.forEach((id, l) -> cells.put(id, new LearnSummary.Cell(1e-3, id.equals("lstm-fb1")
        ? "PyTorch default, forget-gate bias 1" : "PyTorch default U(±1/√H)", l < 0 ? null : l,
        null, Map.of(), Map.of(), Map.of(), 0.5, 0.5, 1)));
    return new LearnSummary("learn", "simd", "agreement", "triples", steps, lags, 3, 0, 64, 32,
        2000, "adam", 1, 0, "fresh", 100, 4096, 1000, 2, 10.0, 20.0, "accuracy", "…", cells,
        List.of(), runs);
  }

  @Test
  void namesWhichCellsSolveLagThirtyInHowManySeedsWithWhichInitAndTheirLongestLag() {
    List<LearnSummary.Run> runs = new ArrayList<>();
    for (int seed = 0; seed < 3; seed++) {
      runs.add(run("rnn", 30, seed, null));
      runs.add(run("gru", 30, seed, seed == 2 ? null : 400 + 100 * seed));
      runs.add(run("lstm", 30, seed, seed == 0 ? 900 : null));
      runs.add(run("lstm-fb1", 30, seed, 300));
    }
    Map<String, Integer> longest = new LinkedHashMap<>();
    longest.put("rnn", 10);
    longest.put("gru", 45);
    longest.put("lstm", 10);
    longest.put("lstm-fb1", 30);
    LearnSummary.Verdict v = summary(50, List.of(10, 30, 45), longest, runs).verdict()
        .orElseThrow();
    assertEquals("holds for the RNN (0/3 seeds); does not hold for lstm with PyTorch's default"
        + " init; lag 30 solved in most seeds: gru does (2/3), lstm does not (1/3), lstm-fb1 does"
        + " (3/3)", v.verdict());
    assertEquals(450, v.model("gru").orElseThrow().medianUpdates(), "over the solved seeds");
    assertEquals(3, v.model("rnn").orElseThrow().plateaus());
    String m = v.measured();
    assertTrue(m.startsWith("lag 30 at T = 50, solved seeds within 2000 fresh-batch updates: rnn"
        + " 0/3 (PyTorch default U(±1/√H), lr 0.001, 3 of 3 failed seeds flat over the second"
        + " half; longest lag solved in most seeds: 10)"), m);
    assertTrue(m.contains("lstm-fb1 3/3 (PyTorch default, forget-gate bias 1, lr 0.001, median"
        + " 300 updates; longest lag solved in most seeds: 30)"), m);
  }

  @Test
  void theRnnSolvingLagThirtyOrNoLagThirtyRunChangesTheVerdict() {
    List<LearnSummary.Run> runs = new ArrayList<>();
    for (int seed = 0; seed < 3; seed++) {
      runs.add(run("rnn", 30, seed, 1000));
      runs.add(run("gru", 30, seed, 500));
    }
    Map<String, Integer> longest = new LinkedHashMap<>();
    longest.put("rnn", 30);
    longest.put("gru", 30);
    assertEquals("does not hold for the RNN: it solved lag 30 in 3/3 seeds; holds for gru; lag"
        + " 30 solved in most seeds: gru does (3/3)",
        summary(50, List.of(30), longest, runs).verdict().orElseThrow().verdict());
    assertTrue(summary(50, List.of(10, 20), longest, runs).verdict().isEmpty(), "no lag 30");
    assertTrue(summary(40, List.of(30), longest, runs).verdict().isEmpty(), "not T = 50");
  }
}
