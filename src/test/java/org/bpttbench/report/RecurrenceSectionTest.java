package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecurrenceSectionTest {

  @TempDir
  Path dir;

  private static String entry(String benchmark, String unit, double median, String... params) {
    return TestData.jmhEntry(benchmark, unit, median, params);
  }

  private List<JmhResult> read(List<String> entries) throws Exception {
    Path json = Files.writeString(dir.resolve("jmh-result.json"), "[" + String.join(",\n",
        entries) + "]");
    return JmhResults.read(json);
  }

  /**
   * rnn H = 128, T = 50: pass 200 µs, recurrence 100 µs, gemv and gemvT 1 µs each; gru H = 128:
   * recurrence 330 µs and no pass at H = 128 (only at 256); a scalar gemv that must not match.
   */
  private List<JmhResult> synthetic() throws Exception {
    List<String> es = new ArrayList<>();
    es.add(entry("RecurrenceBench.recurrence", "ns/op", 330_000, "cell=gru", "backend=simd",
        "hidden=128", "seqLen=50"));
    es.add(entry("RecurrenceBench.recurrence", "ns/op", 100_000, "cell=rnn", "backend=simd",
        "hidden=128", "seqLen=50"));
    es.add(entry("BpttBench.bptt", "us/op", 200, "cell=rnn", "backend=simd", "hidden=128",
        "seqLen=50"));
    es.add(entry("BpttBench.bptt", "us/op", 900, "cell=gru", "backend=simd", "hidden=256",
        "seqLen=50"));
    es.add(entry("KernelBench.gemv", "ns/op", 1000, "backend=simd", "hidden=128"));
    es.add(entry("KernelBench.gemvT", "ns/op", 1000, "backend=simd", "hidden=128"));
    es.add(entry("KernelBench.gemv", "ns/op", 8000, "backend=scalar", "hidden=128"));
    return read(es);
  }

  @Test
  void shareRestRateAndStandaloneRatioOfEachRecurrence() throws Exception {
    List<RecurrenceSection.Row> rows = RecurrenceSection.rows(synthetic());
    assertEquals(List.of("rnn", "gru"), rows.stream().map(r -> r.recurrence().param("cell"))
        .toList());
    RecurrenceSection.Row rnn = rows.get(0);
    assertEquals(0.5, rnn.share().orElseThrow().value(), 1e-12);
    assertEquals(100_000, rnn.rest().orElseThrow().value(), 1e-6);
    assertEquals(1.0, rnn.againstStandalone().orElseThrow().value(), 1e-12);
    assertTrue(rows.get(1).pass().isEmpty(), "the gru pass at H = 256 is not the one at 128");

    String md = RecurrenceSection.markdown(synthetic(), Optional.empty());
    // share 100/200 = 50 % [99/202, 101/198]; rest 200 − 100 = 100 µs [198 − 101, 202 − 99];
    // 4·1·128²·50 = 3,276,800 FLOP / 100,000 ns = 32.77 GFLOP/s [/101,000, /99,000];
    // per step 100,000 / 50 = 2000 [1980–2020] over gemv + gemvT 2000 [1980–2020]
    assertTrue(md.contains("| rnn | 128 | 50 | simd | 200.0 [198.0–202.0] | 100.0 [99.00–101.0]"
        + " | 50.00 % [49.01–51.01] | 100.0 [97.00–103.0] | 32.77 [32.44–33.10] |"
        + " 1.000 [0.980–1.020] |"), md);
    // gru: G = 3; 9,830,400 FLOP / 330,000 ns = 29.79; per step 6600 [6534–6666] / 3 × 2000
    // [5940–6060] = 1.100 [6534/6060, 6666/5940]; no pass at H = 128, so no share or rest
    assertTrue(md.contains("| gru | 128 | 50 | simd | — | 330.0 [326.7–333.3] | — | — |"
        + " 29.79 [29.49–30.09] | 1.100 [1.078–1.122] |"), md);
    ReportCommandTest.assertClean(md);
  }

  @Test
  void noRecurrenceBenchIsOneLine() throws Exception {
    List<JmhResult> rs = read(List.of(entry("BpttBench.bptt", "us/op", 200, "cell=rnn",
        "backend=simd", "hidden=128", "seqLen=50")));
    assertTrue(RecurrenceSection.rows(rs).isEmpty());
    String md = RecurrenceSection.markdown(rs, Optional.empty());
    assertEquals("### Where a BPTT pass spends its time\n\n_No recurrence benchmark"
        + " (RecurrenceBench) in this run: the pass is not broken down._\n\n", md);
  }

  @Test
  void theReportShowsTheRecurrenceInTheBpttSectionNotUnderOtherBenchmarks() throws Exception {
    Report.write(new Report.Inputs(synthetic(), "test", null, null, "not run", null, null, null, RunRecord.of(List.of())),
        dir);
    String md = Files.readString(dir.resolve(Report.MARKDOWN));
    int bptt = md.indexOf("## BPTT versus sequence length T");
    int section = md.indexOf("### Where a BPTT pass spends its time");
    assertTrue(bptt >= 0 && section > bptt, "a subsection of the BPTT section");
    assertTrue(md.indexOf("| rnn | 128 | 50 | simd | 200.0", section) > section, md);
    assertFalse(md.contains("### RecurrenceBench.recurrence"), "not repeated under Other");
  }

  @Test
  void sumAndDifferenceTakeBoundsFromBothSides() {
    Estimate a = new Estimate(10, 9, 12, 9, 0.96);
    Estimate b = new Estimate(4, 3, 5, 9, 0.96);
    Estimate sum = Estimate.sum(a, b);
    Estimate diff = Estimate.difference(a, b);
    assertEquals(List.of(14.0, 12.0, 17.0), List.of(sum.value(), sum.lo(), sum.hi()));
    assertEquals(List.of(6.0, 4.0, 9.0), List.of(diff.value(), diff.lo(), diff.hi()));
    assertEquals(0.96 * 0.96, diff.coverage(), 1e-12);
    assertFalse(Estimate.difference(a, Estimate.fromError(4, Double.NaN)).known(),
        "no interval from an unknown one");
  }
}
