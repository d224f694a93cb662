package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * BPTT cost against sequence length T: time and time per step for each cell, backend and T, and
 * the growth exponent k of time ∝ T^k fitted on log–log ({@link PowerFit}), with its R².
 */
final class BpttSection {

  private BpttSection() {}

  /** Per {@code cell / backend} (plus any other parameters): {T[], ns[]} sorted by T. */
  static Map<String, double[][]> series(List<JmhResult> results) {
    Map<String, TreeMap<Integer, Double>> pts = new TreeMap<>();
    for (JmhResult r : results) {
      int t = r.intParam("seqLen");
      if (!BenchSections.BPTT.test(r.className()) || t <= 0) {
        continue;
      }
      pts.computeIfAbsent(label(r), k -> new TreeMap<>()).put(t, r.nanosPerOp());
    }
    Map<String, double[][]> out = new TreeMap<>();
    pts.forEach((k, m) -> {
      double[][] xy = new double[2][m.size()];
      int i = 0;
      for (Map.Entry<Integer, Double> e : m.entrySet()) {
        xy[0][i] = e.getKey();
        xy[1][i++] = e.getValue();
      }
      out.put(k, xy);
    });
    return out;
  }

  /** {@code cell / backend}, plus other parameters except seqLen. */
  static String label(JmhResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.params().getOrDefault("cell", "?")).append(" / ")
        .append(r.params().getOrDefault("backend", "?"));
    r.params().forEach((k, v) -> {
      if (!k.equals("cell") && !k.equals("backend") && !k.equals("seqLen")) {
        sb.append(", ").append(k).append('=').append(v);
      }
    });
    return sb.toString();
  }

  static String markdown(List<JmhResult> results) {
    Map<String, List<JmhResult>> groups = BenchSections.byBenchmark(results, BenchSections.BPTT);
    StringBuilder sb = new StringBuilder("## BPTT versus sequence length T\n\n");
    if (groups.isEmpty()) {
      return sb.append("_No BPTT benchmarks (BpttBench) in this run._\n\n").toString();
    }
    groups.forEach((name, rs) -> sb.append("### ").append(name).append(": scalar vs SIMD\n\n")
        .append(BackendTable.markdown(rs)).append('\n'));
    List<List<String>> rows = new ArrayList<>();
    List<JmhResult> sorted = new ArrayList<>(results);
    sorted.removeIf(r -> !BenchSections.BPTT.test(r.className()) || r.intParam("seqLen") <= 0);
    sorted.sort((a, b) -> {
      int c = label(a).compareTo(label(b));
      return c != 0 ? c : Integer.compare(a.intParam("seqLen"), b.intParam("seqLen"));
    });
    for (JmhResult r : sorted) {
      int t = r.intParam("seqLen");
      rows.add(List.of(label(r), Integer.toString(t),
          Numbers.withError(r.nanosPerOp(), r.errorNanos()), Numbers.brief(r.nanosPerOp() / t)));
    }
    sb.append("### Time per step\n\n").append(Tables.markdown(
        List.of("cell / backend", "T", "ns per BPTT pass", "ns per time step"), rows)).append('\n');
    List<List<String>> fits = new ArrayList<>();
    series(results).forEach((label, xy) -> {
      var fit = PowerFit.fit(xy[0], xy[1]);
      fits.add(List.of(label, fit.map(f -> Numbers.brief(f.exponent())).orElse("n/a"),
          fit.map(f -> f.points() == 2 ? "1 (2 points)"
              : String.format(java.util.Locale.ROOT, "%.4f", f.rSquared())).orElse("n/a"),
          Integer.toString(xy[0].length)));
    });
    sb.append("### Growth exponent\n\nFit of time ∝ T^k on log–log (least squares, Commons Math"
        + " SimpleRegression). Full BPTT should be linear in T: k ≈ 1.\n\n")
        .append(Tables.markdown(List.of("cell / backend", "exponent k", "R²", "points"), fits))
        .append('\n');
    return sb.toString();
  }
}
