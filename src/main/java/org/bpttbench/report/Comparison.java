package org.bpttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches two result sets on benchmark + mode + parameters and judges each change: NEW/OLD with
 * the error-honouring range, and a verdict that is a change only when the intervals
 * [score ± error] are disjoint.
 */
public final class Comparison {

  /** One matched pair. */
  public record Pair(JmhResult old, JmhResult neu, Ratio ratio, String verdict) {}

  private final List<Pair> pairs = new ArrayList<>();
  private final List<String> onlyOld = new ArrayList<>();
  private final List<String> onlyNew = new ArrayList<>();

  public Comparison(List<JmhResult> oldResults, List<JmhResult> newResults) {
    Map<String, JmhResult> olds = index(oldResults);
    Map<String, JmhResult> news = index(newResults);
    olds.forEach((k, o) -> {
      JmhResult n = news.get(k);
      if (n == null) {
        onlyOld.add(k);
      } else {
        pairs.add(judge(o, n));
      }
    });
    news.keySet().stream().filter(k -> !olds.containsKey(k)).forEach(onlyNew::add);
  }

  private static Map<String, JmhResult> index(List<JmhResult> rs) {
    Map<String, JmhResult> m = new LinkedHashMap<>();
    rs.forEach(r -> m.put(r.key(), r));
    return m;
  }

  /** NEW/OLD for one pair, with units reconciled when both are times per operation. */
  static Pair judge(JmhResult o, JmhResult n) {
    double scale = o.unit().equals(n.unit()) ? 1
        : Units.nanosFactor(n.unit()) / Units.nanosFactor(o.unit());
    double ns = n.score() * scale;
    double ne = n.error() * scale;
    if (Double.isNaN(scale)) {
      return new Pair(o, n, new Ratio(Double.NaN, Double.NaN, Double.NaN),
          "units differ (" + o.unit() + " vs " + n.unit() + ")");
    }
    Ratio ratio = Ratio.of(ns, ne, o.score(), o.error());
    String verdict;
    if (Double.isNaN(o.error()) || Double.isNaN(n.error())) {
      verdict = "? (no error estimate)";
    } else if (!Ratio.outsideNoise(ns, ne, o.score(), o.error())) {
      verdict = "~ within noise";
    } else {
      boolean higher = ns > o.score();
      verdict = higher == o.lowerIsBetter() ? "SLOWER" : "FASTER";
    }
    return new Pair(o, n, ratio, verdict);
  }

  public List<Pair> pairs() {
    return pairs;
  }

  public List<String> onlyOld() {
    return onlyOld;
  }

  public List<String> onlyNew() {
    return onlyNew;
  }

  /** The aligned text table for the terminal. */
  public String table() {
    List<List<String>> rows = new ArrayList<>();
    for (Pair p : pairs) {
      rows.add(List.of(p.old().shortName(), p.old().paramString(),
          Numbers.withError(p.old().score(), p.old().error()) + " " + p.old().unit(),
          Numbers.withError(p.neu().score(), p.neu().error()) + " " + p.neu().unit(),
          p.ratio().toString(), p.verdict()));
    }
    return Tables.aligned(List.of("benchmark", "params", "OLD", "NEW", "NEW/OLD [range]",
        "change"), rows, 2);
  }

  /** The closing lines: counts, then each benchmark found in only one of the two. */
  public String summary() {
    long changed = pairs.stream().filter(p -> p.verdict().equals("SLOWER")
        || p.verdict().equals("FASTER")).count();
    StringBuilder sb = new StringBuilder().append(pairs.size()).append(" compared, ")
        .append(changed).append(" outside the noise, ").append(onlyOld.size())
        .append(" only in OLD, ").append(onlyNew.size()).append(" only in NEW");
    onlyOld.forEach(k -> sb.append("\n  only in OLD: ").append(k));
    onlyNew.forEach(k -> sb.append("\n  only in NEW: ").append(k));
    return sb.toString();
  }
}
