package org.bpttbench.report;

import org.bpttbench.output.Numbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code learn} experiment's {@code learn.csv} as the answers and the claims need it: per
 * cell, the longest lag solved (accuracy ≥ 95 % in most seeds; for the adding task MSE < 0.01) and
 * the spectral radius of {@code weight_hh} before and after training. Columns are found by name.
 */
record LagResults(String task, Map<String, TreeMap<Integer, List<Boolean>>> solved,
                  Map<String, List<double[]>> rho) {

  static final String CSV = "learn/learn.csv";

  /** The results under {@code experiments}, empty without a learn run. */
  static Optional<LagResults> read(Path experiments) throws IOException {
    Path csv = experiments == null ? null : experiments.resolve(CSV);
    if (csv == null || !Files.isRegularFile(csv)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    List<String> h = List.of(lines.get(0).split(",", -1));
    for (String need : List.of("task", "cell", "lag", "accuracy")) {
      if (!h.contains(need)) {
        throw new IllegalArgumentException(csv + ": no '" + need + "' column (expected the"
            + " learn experiment's learn.csv)");
      }
    }
    String task = "";
    Map<String, TreeMap<Integer, List<Boolean>>> solved = new LinkedHashMap<>();
    Map<String, List<double[]>> rho = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      task = f[h.indexOf("task")];
      String cell = f[h.indexOf("cell")];
      boolean adding = task.equals("adding");
      double score = number(f[h.indexOf(adding && h.contains("mse") ? "mse" : "accuracy")]);
      boolean ok = adding ? score < 0.01 : score >= 0.95;
      solved.computeIfAbsent(cell, k -> new TreeMap<>())
          .computeIfAbsent(Integer.parseInt(f[h.indexOf("lag")]), k -> new ArrayList<>()).add(ok);
      if (h.contains("rho_whh_init") && h.contains("rho_whh_trained")) {
        rho.computeIfAbsent(cell, k -> new ArrayList<>()).add(new double[] {
            number(f[h.indexOf("rho_whh_init")]), number(f[h.indexOf("rho_whh_trained")])});
      }
    }
    return Optional.of(new LagResults(task, solved, rho));
  }

  /** A CSV number as {@link Numbers#full} writes it ({@code nan}, {@code inf}); empty is NaN. */
  private static double number(String v) {
    String t = v.trim();
    return t.isEmpty() || t.equalsIgnoreCase("nan") ? Double.NaN
        : t.equals("inf") ? Double.POSITIVE_INFINITY : t.equals("-inf")
            ? Double.NEGATIVE_INFINITY : Double.parseDouble(t);
  }

  /** The longest lag most seeds solved, or -1 when none was. */
  int longestSolved(String cell) {
    int best = -1;
    for (Map.Entry<Integer, List<Boolean>> e : solved.getOrDefault(cell, new TreeMap<>())
        .entrySet()) {
      long ok = e.getValue().stream().filter(b -> b).count();
      if (2 * ok > e.getValue().size()) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** The longest lag tried for {@code cell}. */
  int longestTried(String cell) {
    TreeMap<Integer, List<Boolean>> m = solved.get(cell);
    return m == null || m.isEmpty() ? -1 : m.lastKey();
  }

  /** "lag 20 of 5–45" or "none of lags 5–45". */
  String describe(String cell) {
    TreeMap<Integer, List<Boolean>> m = solved.get(cell);
    String range = m.firstKey() + "–" + m.lastKey();
    int best = longestSolved(cell);
    return best < 0 ? "no lag in " + range : "up to lag " + best + " (tried " + range + ")";
  }

  /** Median of |ρ_trained − ρ_init| / ρ_init over the runs of {@code cell}; NaN without data. */
  double medianRhoChange(String cell) {
    List<double[]> rs = rho.getOrDefault(cell, List.of());
    if (rs.isEmpty()) {
      return Double.NaN;
    }
    return Estimate.median(rs.stream().mapToDouble(r -> Math.abs(r[1] - r[0]) / r[0]).toArray())
        .value();
  }
}
