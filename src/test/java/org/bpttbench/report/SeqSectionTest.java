package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqSectionTest {

  @TempDir
  Path dir;

  private static final int[] T = {16, 32, 64, 128, 256, 512};

  private static String seq(String model, String backend, int t, double micros) {
    return TestData.jmhEntry("SeqBench.bptt", "us/op", micros, "model=" + model,
        "backend=" + backend, "hidden=128", "seqLen=" + t);
  }

  /**
   * rnn 1 ms at T = 16, linear in T; gru 0.1×, lstm 8×, lru 100× rnn; attention
   * 0.4·(T/16)² ms: 0.8× rnn at T = 32 and 1.6× at 64 (crossing at 32 / 0.8 = 40), 0.8× lstm at
   * 256 and 1.6× at 512 (crossing at 256 / 0.8 = 320), above gru everywhere, below lru
   * everywhere.
   */
  private List<JmhResult> synthetic(int... ts) throws Exception {
    List<String> entries = new ArrayList<>();
    Map<String, Double> factor = Map.of("rnn", 1.0, "gru", 0.1, "lstm", 8.0, "lru", 100.0);
    for (int t : ts) {
      factor.forEach((m, f) -> entries.add(seq(m, "simd", t, 1000 * f * t / 16.0)));
      entries.add(seq("attention", "simd", t, 400 * Math.pow(t / 16.0, 2)));
    }
    entries.add(TestData.jmhEntry("BpttBench.bptt", "us/op", 1900, "cell=rnn", "backend=simd",
        "hidden=128", "seqLen=50"));
    Path json = Files.writeString(dir.resolve("jmh-result.json"),
        "[" + String.join(",\n", entries) + "]");
    return JmhResults.read(json);
  }

  @Test
  void theCrossingIsInterpolatedFromTheMediansPerRecurrence() throws Exception {
    String md = SeqSection.markdown(synthetic(T), true);
    assertTrue(md.startsWith("## Attention against the recurrences: cost vs T\n\n![forward +"
        + " backward time vs T per model](seq.png)"), md);
    assertTrue(md.contains("| T | rnn ms | gru ms | lstm ms | lru ms | attention ms |"), md);
    // T = 64: rnn 4, gru 0.4, lstm 32, lru 400, attention 0.4·16 = 6.4 ms, each ±1 %
    assertTrue(md.contains("| 64 | 4.000 [3.960–4.040] | 0.400 [0.396–0.404] |"
        + " 32.00 [31.68–32.32] | 400.0 [396.0–404.0] | 6.400 [6.336–6.464] |"), md);
    assertTrue(md.contains("| rnn | 0.400× [0.392–0.408] (T = 16) | 12.80× [12.55–13.06]"
        + " (T = 512) | T ≈ 40 (between 32 and 64): attention costs more beyond |"), md);
    assertTrue(md.contains("| lstm | 0.050× [0.049–0.051] (T = 16) | 1.600×"
        + " [1.568–1.632] (T = 512) | T ≈ 320 (between 256 and 512): attention costs more"
        + " beyond |"), md);
    assertTrue(md.contains("| gru | 4.000× [3.921–4.081] (T = 16) | 128.0× [125.5–130.6]"
        + " (T = 512) | none within 16 ≤ T ≤ 512: attention costs more at every T measured |"),
        md);
    assertTrue(md.contains("| lru | 0.004× [0.004–0.004] (T = 16) | 0.128×"
        + " [0.125–0.131] (T = 512) | no crossing within T ≤ 512: attention costs less at"
        + " every T measured |"), md);
    ReportCommandTest.assertClean(md);
  }

  @Test
  void oneTOnlySaysSoAndWithoutSeqBenchThereIsNoSection() throws Exception {
    String md = SeqSection.markdown(synthetic(64), false);
    assertFalse(md.contains("seq.png"), md);
    assertTrue(md.contains("| — (one T only: attention costs more at T = 64) |"), md);
    assertTrue(md.contains("| — (one T only: attention costs less at T = 64) |"), md);
    List<JmhResult> none = synthetic(T).stream()
        .filter(r -> !r.className().equals("SeqBench")).toList();
    assertEquals("", SeqSection.markdown(none, true));
  }

  @Test
  void theReportShowsItAfterTheBpttPartWithItsFigureAndCsv() throws Exception {
    Report.write(new Report.Inputs(synthetic(T), "test", null, null, "not measured", null, null,
        null, RunRecord.of(List.of())), dir);
    String md = Files.readString(dir.resolve(Report.MARKDOWN));
    int bptt = md.indexOf("## BPTT versus sequence length T");
    int section = md.indexOf("## Attention against the recurrences: cost vs T");
    assertTrue(bptt >= 0 && section > bptt, md);
    assertFalse(md.contains("### SeqBench.bptt"), "not repeated under Other benchmarks");
    assertTrue(Files.size(dir.resolve("seq.png")) > 1000);
    List<String> csv = Files.readAllLines(dir.resolve("seq.csv"));
    assertEquals("series,T,ns_per_op", csv.get(0));
    assertEquals(1 + 5 * T.length, csv.size());
    assertTrue(md.contains("- `seq.png` (forward + backward time vs T for rnn, gru, lstm, lru"
        + " and attention) with its data in `seq.csv`"), md);
    ReportCommandTest.assertClean(md);
  }
}
