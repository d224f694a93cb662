package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.bpttbench.cell.CellKind;
import org.bpttbench.output.Chart;

/**
 * BPTT cost: time against sequence length T at the hidden size of the T sweep, and against hidden
 * size H at T = 50, per cell and backend; the growth exponent k of time ∝ T^k with its bootstrap
 * interval ({@link PowerFit#exponentInterval}); the figure as small multiples.
 */
final class BpttSection {

  static final String FIGURE = "bptt";
  /** The cell ids, in {@link CellKind} order. */
  static final List<String> CELLS =
      java.util.Arrays.stream(CellKind.values()).map(CellKind::id).toList();
  static final List<String> BACKENDS = List.of("scalar", "simd");

  /** One series: {@code cell}, {@code backend}, its results by x (T or H). */
  record Line(String cell, String backend, TreeMap<Integer, JmhResult> points) {

    double[] x() {
      return points.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    }

    List<Estimate> estimates() {
      return points.values().stream().map(JmhResult::estimateNanos).toList();
    }
  }

  private BpttSection() {}

  static List<JmhResult> bptt(List<JmhResult> results) {
    return results.stream().filter(r -> BenchSections.BPTT.test(r.className())
        && r.intParam("seqLen") > 0).toList();
  }

  /** The hidden size with the most sequence lengths: the T sweep's. */
  static int sweepHidden(List<JmhResult> results) {
    Map<Integer, Integer> count = new TreeMap<>();
    bptt(results).forEach(r -> count.merge(r.intParam("hidden"), 1, Integer::sum));
    return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse(-1);
  }

  /** Lines against T at the sweep's hidden size. */
  static List<Line> againstT(List<JmhResult> results) {
    int h = sweepHidden(results);
    return lines(results, r -> r.intParam("hidden") == h ? r.intParam("seqLen") : -1);
  }

  /** Lines against H at T = 50. */
  static List<Line> againstH(List<JmhResult> results) {
    return lines(results, r -> r.intParam("seqLen") == 50 ? r.intParam("hidden") : -1);
  }

  private static List<Line> lines(List<JmhResult> results, ToIntFunction<JmhResult> xOf) {
    List<Line> out = new ArrayList<>();
    for (String cell : CELLS) {
      for (String backend : BACKENDS) {
        TreeMap<Integer, JmhResult> pts = new TreeMap<>();
        for (JmhResult r : bptt(results)) {
          int x = xOf.applyAsInt(r);
          if (x > 0 && cell.equals(r.param("cell")) && backend.equals(r.param("backend"))) {
            pts.put(x, r);
          }
        }
        if (!pts.isEmpty()) {
          out.add(new Line(cell, backend, pts));
        }
      }
    }
    return out;
  }

  /** The growth exponent of one line with its interval. */
  static Optional<Estimate> exponent(Line line) {
    List<double[]> raw = line.points().values().stream()
        .map(r -> r.raw().length > 0 ? scaled(r) : new double[] {r.nanosPerOp()}).toList();
    return PowerFit.exponentInterval(line.x(), raw);
  }

  private static double[] scaled(JmhResult r) {
    double f = Units.nanosFactor(r.unit());
    return java.util.Arrays.stream(r.raw()).map(v -> v * f).toArray();
  }

  /** Draws bptt.png/.csv: one panel per cell against T, one against H at T = 50. */
  static boolean figure(List<JmhResult> results, Path dir) throws IOException {
    List<Chart> panels = new ArrayList<>();
    int h = sweepHidden(results);
    for (String cell : CELLS) {
      Chart c = new Chart(cell + ": BPTT time vs T (H = " + h + ")", "T (sequence length)",
          "ns per BPTT pass").logX().logY();
      againstT(results).stream().filter(l -> l.cell().equals(cell))
          .forEach(l -> c.add(series(l.backend(), l, Chart.colourOf(l.backend()), Chart.Style.LINE)));
      panels.add(c);
    }
    if (!againstH(results).isEmpty()) { // the smoke profile has no H sweep: no empty panel
      Chart byH = new Chart("BPTT time vs H at T = 50", "H (hidden size)", "ns per BPTT pass")
          .logX().logY();
      againstH(results).forEach(l -> byH.add(series(l.cell() + " " + l.backend(), l,
          Chart.colourOf(l.cell()), l.backend().equals("simd") ? Chart.Style.LINE
              : Chart.Style.DASHED)));
      panels.add(byH);
    }
    return Chart.saveGrid(dir, FIGURE, 2, panels, "x", "ns_per_op");
  }

  private static Chart.Series series(String name, Line l, int colour, Chart.Style style) {
    return Estimate.series(name, l.x(), l.estimates(), colour, style);
  }

  static String markdown(List<JmhResult> results, boolean plotted) {
    StringBuilder sb = new StringBuilder("## BPTT versus sequence length T\n\n");
    List<JmhResult> all = bptt(results);
    if (all.isEmpty()) {
      return sb.append("_No BPTT benchmarks (BpttBench) in this run._\n\n").toString();
    }
    if (plotted) {
      sb.append("![BPTT time vs T per cell, and vs H at T = 50](").append(FIGURE)
          .append(".png)\n\n");
    }
    sb.append("`BpttBench.bptt`: one forward + backward pass over T steps, batch 1, input size ="
        + " hidden, final-step loss. Median over all iterations [95 % interval].\n\n");
    sb.append(BackendTable.markdown(all)).append('\n');
    List<List<String>> fits = new ArrayList<>();
    for (Line l : againstT(results)) {
      Optional<Estimate> k = exponent(l);
      Optional<PowerFit> f = PowerFit.fit(l.x(),
          l.estimates().stream().mapToDouble(Estimate::value).toArray());
      fits.add(List.of(l.cell(), l.backend(), k.map(Estimate::format).orElse("— (one T only)"),
          f.map(p -> String.format(java.util.Locale.ROOT, "%.4f", p.rSquared())).orElse("—"),
          l.points().keySet().toString().replaceAll("[\\[\\]]", ""), k.map(BpttSection::linear)
              .orElse("—")));
    }
    sb.append("### Growth exponent\n\nFit of time ∝ T^k on log–log through the medians, H = ")
        .append(sweepHidden(results)).append("; the interval is a bootstrap over the iterations"
            + " (measurement noise only). Full BPTT should be linear in T: k ≈ 1.\n\n")
        .append(Tables.markdown(List.of("cell", "backend", "exponent k", "R²", "T values",
            "linear in T?"), fits)).append('\n');
    return sb.toString();
  }

  /** Whether an exponent says linear: its interval reaches into [0.9, 1.1]. */
  static String linear(Estimate k) {
    double lo = k.known() ? k.lo() : k.value();
    double hi = k.known() ? k.hi() : k.value();
    if (hi >= 0.9 && lo <= 1.1) {
      return "yes";
    }
    return hi < 0.9 ? "sub-linear" : "super-linear";
  }
}
