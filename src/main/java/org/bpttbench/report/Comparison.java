package org.bpttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches two result sets on benchmark + mode + parameters and judges each change: NEW/OLD with
 * its interval from both sides ({@link Estimate#ratio}), and a verdict that is a change only when
 * the two intervals are disjoint. Runs on another CPU or vector width are not comparable: every
 * verdict says so; other differences (JDK, flags, profile) are carried in the verdict.
 */
public final class Comparison {

  /** One matched pair. */
  public record Pair(JmhResult old, JmhResult neu, Estimate ratio, String verdict) {}

  private final List<Pair> pairs = new ArrayList<>();
  private final List<String> onlyOld = new ArrayList<>();
  private final List<String> onlyNew = new ArrayList<>();
  private final List<String> differences;

  /** Two runs of unknown machines (compared as if alike). */
  public Comparison(List<JmhResult> oldResults, List<JmhResult> newResults) {
    this(oldResults, RunRecord.of(oldResults), newResults, RunRecord.of(newResults));
  }

  public Comparison(List<JmhResult> oldResults, RunRecord oldRun, List<JmhResult> newResults,
      RunRecord newRun) {
    differences = oldRun.differences(newRun);
    Optional<String> incomparable = oldRun.incomparable(newRun);
    Optional<String> qualifier = oldRun.qualifier(newRun);
    Map<String, JmhResult> olds = index(oldResults);
    Map<String, JmhResult> news = index(newResults);
    olds.forEach((k, o) -> {
      JmhResult n = news.get(k);
      if (n == null) {
        onlyOld.add(k);
      } else {
        Pair p = judge(o, n);
        String v = incomparable.map(why -> "not comparable: " + why)
            .orElse(p.verdict() + qualifier.map(q -> " (" + q + ")").orElse(""));
        pairs.add(new Pair(o, n, p.ratio(), v));
      }
    });
    news.keySet().stream().filter(k -> !olds.containsKey(k)).forEach(onlyNew::add);
  }

  private static Map<String, JmhResult> index(List<JmhResult> rs) {
    Map<String, JmhResult> m = new LinkedHashMap<>();
    rs.forEach(r -> m.put(r.key(), r));
    return m;
  }

  /** NEW/OLD for one pair, both as times per operation in ns. */
  static Pair judge(JmhResult o, JmhResult n) {
    Estimate on = o.estimateNanos();
    Estimate nn = n.estimateNanos();
    if (Double.isNaN(on.value()) || Double.isNaN(nn.value())) {
      return new Pair(o, n, Estimate.ratio(n.estimate(), o.estimate()),
          "units differ (" + o.unit() + " vs " + n.unit() + ")");
    }
    Estimate ratio = Estimate.ratio(nn, on);
    String verdict;
    if (!on.known() || !nn.known()) {
      verdict = "? (no interval)";
    } else if (nn.lo() <= on.hi() && on.lo() <= nn.hi()) {
      verdict = "~ within noise";
    } else {
      verdict = nn.value() > on.value() == o.lowerIsBetter() ? "SLOWER" : "FASTER";
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

  /** One line on what differs between the two runs. */
  public String header() {
    return differences.isEmpty()
        ? "Same recorded machine and settings (CPU, vector width, JDK, profile, JMH, flags)."
        : "Runs differ in " + String.join("; ", differences) + ".";
  }

  /** The aligned text table for the terminal. */
  public String table() {
    List<List<String>> rows = new ArrayList<>();
    for (Pair p : pairs) {
      rows.add(List.of(p.old().shortName(), p.old().paramString(),
          p.old().estimate().format() + " " + p.old().unit(),
          p.neu().estimate().format() + " " + p.neu().unit(),
          p.ratio().format("×"), p.verdict()));
    }
    return Tables.aligned(List.of("benchmark", "params", "OLD", "NEW", "NEW/OLD",
        "change"), rows, 2);
  }

  /** The closing lines: counts, then each benchmark found in only one of the two. */
  public String summary() {
    long changed = pairs.stream().filter(p -> p.verdict().startsWith("SLOWER")
        || p.verdict().startsWith("FASTER")).count();
    StringBuilder sb = new StringBuilder().append(pairs.size()).append(" compared, ")
        .append(changed).append(" outside the noise, ").append(onlyOld.size())
        .append(" only in OLD, ").append(onlyNew.size()).append(" only in NEW");
    List<JmhResult> all = new ArrayList<>();
    pairs.forEach(p -> all.addAll(List.of(p.old(), p.neu())));
    sb.append(Answers.lowCoverage(all).replace("**", "").replace(" Some", "\nSome"));
    onlyOld.forEach(k -> sb.append("\n  only in OLD: ").append(k));
    onlyNew.forEach(k -> sb.append("\n  only in NEW: ").append(k));
    return sb.toString();
  }
}
