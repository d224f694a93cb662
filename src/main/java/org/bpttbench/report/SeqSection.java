package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bpttbench.output.Chart;

/**
 * Forward + backward cost against the sequence length T for the recurrences (rnn, gru, lstm, lru)
 * and causal attention ({@code SeqBench.bptt}; params model, backend, hidden, seqLen): a table of
 * medians per backend, the figure {@code seq.png} (with {@code seq.csv}), and the T where
 * attention's cost crosses each recurrence's on this machine, from the medians. No SeqBench
 * result: no section.
 */
final class SeqSection {

  static final String TITLE = "Attention against the recurrences: cost vs T";
  static final String FIGURE = "seq";
  static final List<String> MODELS = List.of("rnn", "gru", "lstm", "lru", "attention");
  static final String ATTENTION = "attention";

  private SeqSection() {}

  /** Time-per-op SeqBench results with all four parameters. */
  static List<JmhResult> seq(List<JmhResult> results) {
    return results.stream().filter(r -> BenchSections.SEQ.test(r.className())
        && r.lowerIsBetter() && MODELS.contains(r.param("model")) && r.param("backend") != null
        && r.intParam("hidden") > 0 && r.intParam("seqLen") > 0).toList();
  }

  /** The hidden size with the most results (the T sweep's). */
  private static int sweepHidden(List<JmhResult> all) {
    Map<Integer, Integer> count = new TreeMap<>();
    all.forEach(r -> count.merge(r.intParam("hidden"), 1, Integer::sum));
    return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse(-1);
  }

  /** backend → model (in {@link #MODELS} order) → T → time in ns, at the sweep's H. */
  static Map<String, Map<String, TreeMap<Integer, Estimate>>> curves(List<JmhResult> results) {
    List<JmhResult> all = seq(results);
    int h = sweepHidden(all);
    Map<String, Map<String, TreeMap<Integer, Estimate>>> out = new TreeMap<>();
    for (String model : MODELS) {
      for (JmhResult r : all) {
        if (r.intParam("hidden") == h && r.param("model").equals(model)) {
          out.computeIfAbsent(r.param("backend"), b -> new LinkedHashMap<>())
              .computeIfAbsent(model, m -> new TreeMap<>())
              .put(r.intParam("seqLen"), r.estimateNanos());
        }
      }
    }
    return out;
  }

  /**
   * Where attention's median cost crosses a recurrence's, from the medians at the T both have:
   * the first T interval where the sign of log(attention / recurrence) changes, the crossing
   * interpolated linearly in log T and log time; else which one is cheaper throughout.
   */
  static String crossing(TreeMap<Integer, Estimate> attention, TreeMap<Integer, Estimate> rec) {
    List<Integer> ts = new ArrayList<>(new TreeSet<>(attention.keySet()));
    ts.retainAll(rec.keySet());
    if (ts.isEmpty()) {
      return "— (no common T)";
    }
    double[] d = ts.stream().mapToDouble(t -> Math.log(attention.get(t).value()
        / rec.get(t).value())).toArray();
    int last = ts.get(ts.size() - 1);
    if (ts.size() == 1) {
      return "— (one T only: attention " + (d[0] > 0 ? "costs more" : "costs less")
          + " at T = " + ts.get(0) + ")";
    }
    for (int i = 1; i < d.length; i++) {
      if ((d[i - 1] <= 0) != (d[i] <= 0)) {
        double a = Math.log(ts.get(i - 1));
        double b = Math.log(ts.get(i));
        double t = Math.exp(a + (b - a) * (-d[i - 1]) / (d[i] - d[i - 1]));
        return String.format(Locale.ROOT, "T ≈ %.0f (between %d and %d): attention costs %s"
            + " beyond", t, ts.get(i - 1), ts.get(i), d[i] > 0 ? "more" : "less");
      }
    }
    return d[0] > 0 ? "none within " + ts.get(0) + " ≤ T ≤ " + last + ": attention costs more"
        + " at every T measured"
        : "no crossing within T ≤ " + last + ": attention costs less at every T measured";
  }

  /**
   * Draws seq.png/.csv: time against T per model, one line per model and backend, each model in
   * its colour of the gradient-norm figure (the curves experiment's series order).
   */
  static boolean figure(List<JmhResult> results, Path dir) throws IOException {
    Map<String, Map<String, TreeMap<Integer, Estimate>>> curves = curves(results);
    Chart c = new Chart("Forward + backward time vs T (H = " + sweepHidden(seq(results)) + ")",
        "T (sequence length)", "ns per pass").logX().logY();
    curves.forEach((backend, models) -> models.forEach((model, pts) -> c.add(Estimate.series(
        curves.size() > 1 ? model + " " + backend : model,
        pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(), pts.values(),
        MODELS.indexOf(model), backend.equals("scalar") && curves.size() > 1
            ? Chart.Style.DASHED : Chart.Style.POINTS))));
    return c.saveWithCsv(dir, FIGURE, "T", "ns_per_op");
  }

  static String markdown(List<JmhResult> results, boolean plotted) {
    Map<String, Map<String, TreeMap<Integer, Estimate>>> curves = curves(results);
    if (curves.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("## ").append(TITLE).append("\n\n");
    if (plotted) {
      sb.append("![forward + backward time vs T per model](").append(FIGURE).append(".png)\n\n");
    }
    sb.append("`SeqBench.bptt`: one forward and full backward pass over T steps (final-step"
        + " loss, every parameter gradient), batch 1, input size = H = ")
        .append(sweepHidden(seq(results))).append(": rnn, gru and lstm through `Bptt` as"
            + " `BpttBench`, the LRU (N = H, long-range ring) and one-head causal attention"
            + " (E = H) through `SequenceBptt`. The recurrences cost O(T) per pass, attention"
            + " O(T²) once its T×T scores outweigh its projections. Median [95 % interval], ms."
            + " The crossing is where attention's median passes the recurrence's, interpolated"
            + " in log T between the two measured T around it (medians only: where the intervals"
            + " overlap there, the crossing is within the noise).\n\n");
    curves.forEach((backend, models) -> {
      sb.append("### ").append(backend).append("\n\n");
      TreeSet<Integer> ts = new TreeSet<>();
      models.values().forEach(p -> ts.addAll(p.keySet()));
      List<String> headers = new ArrayList<>(List.of("T"));
      models.keySet().forEach(m -> headers.add(m + " ms"));
      List<List<String>> rows = new ArrayList<>();
      for (int t : ts) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(t)));
        models.values().forEach(p -> row.add(p.containsKey(t)
            ? p.get(t).times(1e-6).format() : "—"));
        rows.add(row);
      }
      sb.append(Tables.markdown(headers, rows)).append('\n');
      TreeMap<Integer, Estimate> att = models.get(ATTENTION);
      if (att == null) {
        sb.append("_No attention result: no crossing to compute._\n\n");
        return;
      }
      List<List<String>> cross = new ArrayList<>();
      models.forEach((model, pts) -> {
        if (!model.equals(ATTENTION)) {
          int lo = Math.max(pts.firstKey(), att.firstKey());
          int hi = Math.min(pts.lastKey(), att.lastKey());
          cross.add(List.of(model, ratio(att, pts, lo), ratio(att, pts, hi),
              crossing(att, pts)));
        }
      });
      sb.append(Tables.markdown(List.of("recurrence", "attention / it, smallest T",
          "attention / it, largest T", "attention's cost crosses it at"), cross)).append('\n');
    });
    return sb.toString();
  }

  private static String ratio(TreeMap<Integer, Estimate> a, TreeMap<Integer, Estimate> b, int t) {
    return a.containsKey(t) && b.containsKey(t)
        ? Estimate.ratio(a.get(t), b.get(t)).format("×") + " (T = " + t + ")" : "—";
  }
}
