package org.bpttbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bpttbench.output.LearnFiles;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Lesson;
import org.bpttbench.output.Numbers;

/**
 * "Can it learn?": the {@code learn} experiment as run into {@code experiments/learn/} (agreement)
 * and {@code experiments/learn-adding/} (adding), their summary.json read by {@link Experiments}:
 * the protocol, per cell and lag the seeds solved within the cap and the median updates to solve,
 * the verdict on the lesson's claim, the figures and the findings.
 */
final class LearnSection {
  static final String HEADING = "## Can it learn?";

  private LearnSection() {}

  /** The section, or "" when the experiments have no learn run. */
  static String markdown(Experiments ex) {
    if (ex.learn().isEmpty() && ex.learnAdding().isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder(HEADING).append("\n\n");
    LearnSummary first = ex.learn().orElseGet(() -> ex.learnAdding().get());
    md.append(protocol(first)).append(' ').append(cost(ex)).append("\n\n");
    ex.learn().ifPresent(s -> part(md, ex, s, "learn"));
    ex.learnAdding().ifPresent(s -> part(md, ex, s, Experiments.LEARN_ADDING));
    return md.toString();
  }

  private static String protocol(LearnSummary s) {
    boolean fresh = !"fixed".equals(s.data());
    return "`./run-bench.sh learn`: per (task, cell, lag, seed) one run: "
        + (fresh ? "a fresh batch of " + s.batch() + " sequences for every update from the"
            + " (lag, seed)'s seeded stream" : "batches of " + s.batch() + " from a fixed set of "
            + s.trainSize() + " sequences") + ", a fixed held-out test set of " + s.testSize()
        + " sequences (never trained on) scored every " + (s.evalEvery() == null ? "?"
            : s.evalEvery()) + " updates, stopping at the first evaluation that solves the task"
        + " (accuracy ≥ 0.95; adding: MSE < 0.01) or at the cap (per task below); a model solves"
        + " a lag when most seeds do; hidden " + s.hidden() + ", " + s.optimizer()
        + " with clip_grad_norm_(" + s.clipNorm() + "), seeds " + seeds(s) + " (the learning"
        + " rates come from a grid on other seeds: README, \"The learning-rate grid\"). A"
        + " failed run counts as a plateau when its held-out score did not improve over the"
        + " second half of the cap (accuracy by less than 0.05, MSE by less than a fifth).";
  }

  private static String seeds(LearnSummary s) {
    int f = s.firstSeed() == null ? 0 : s.firstSeed();
    return s.seeds() == 1 ? String.valueOf(f) : f + "–" + (f + s.seeds() - 1);
  }

  private static String cost(Experiments ex) {
    List<String> parts = new java.util.ArrayList<>();
    double total = 0;
    double cpu = 0;
    for (LearnSummary s : List.of(ex.learn(), ex.learnAdding()).stream()
        .flatMap(Optional::stream).toList()) {
      if (s.wallSeconds() != null) {
        total += s.wallSeconds();
        cpu += s.cpuSeconds() == null ? Double.NaN : s.cpuSeconds();
        parts.add(s.task() + " " + duration(s.wallSeconds()));
      }
    }
    return parts.isEmpty() ? "" : "Wall time of this report's learn part: " + duration(total)
        + " (" + String.join(", ", parts) + ") on " + ex.learn().or(ex::learnAdding).get().threads()
        + " thread(s)" + (Double.isNaN(cpu) ? "" : ", " + duration(cpu) + " of CPU time (its"
        + " cost on idle cores: the wall time is longer when other processes share them)") + ".";
  }

  static String duration(double s) {
    long r = Math.round(s);
    return r >= 60 ? r / 60 + " min " + String.format(Locale.ROOT, "%02d", r % 60) + " s"
        : r + " s";
  }

  private static void part(StringBuilder md, Experiments ex, LearnSummary s, String dir) {
    String rel = ex.dir().getFileName() + "/" + dir + "/";
    boolean reg = s.regression();
    md.append("### ").append(reg ? "Adding (T = the lag" : "Agreement (T = " + s.steps()
        + ", fillers " + s.fillers()).append(", cap ").append(s.updates()).append(")\n\n");
    md.append("Per ").append(reg ? "length T" : "lag").append(": seeds solved within the cap /"
        + " seeds, and the median updates to solve over the solved seeds; when none solved, the"
        + " median ").append(s.score()).append(" at the cap and how many failed seeds were flat"
        + " over its second half.\n\n");
    md.append("| cell | init | lr |");
    s.lags().forEach(l -> md.append(reg ? " T = " : " lag ").append(l).append(" |"));
    md.append(" longest solved |\n|---|---|---|");
    s.lags().forEach(l -> md.append("---|"));
    md.append("---|\n");
    s.cells().forEach((cell, c) -> {
      md.append("| ").append(cell).append(" | ").append(c.init() == null ? "" : c.init())
          .append(" | ").append(Numbers.brief(c.lr())).append(" |");
      for (int lag : s.lags()) {
        md.append(' ').append(entry(s, cell, lag)).append(" |");
      }
      md.append(' ').append(c.longestLagSolved() == null ? "none" : c.longestLagSolved())
          .append(" |\n");
    });
    md.append('\n');
    s.verdict().ifPresent(v -> md.append("**Verdict** on \"").append(Lesson.LONG_RANGE)
        .append("\": ").append(v.verdict()).append(". Measured: ").append(v.measured())
        .append(".\n\n"));
    md.append("![").append(s.score()).append(" against lag](").append(rel)
        .append(LearnFiles.SCORE_PNG).append(")\n\n![updates to solve against lag](")
        .append(rel).append(LearnFiles.UPDATES_PNG).append(")\n\n![held-out learning curves](")
        .append(rel).append(LearnFiles.CURVES_PNG).append(")\n\n");
    s.findings().forEach(f -> md.append("- ").append(f).append('\n'));
    md.append("\n||dL_T/dh_t|| at init and after training: [learn_grad.png](").append(rel)
        .append("learn_grad.png); eigenvalues: [").append(LearnFiles.EIGEN_PNG).append("](")
        .append(rel).append(LearnFiles.EIGEN_PNG).append("); every run: [learn.csv](").append(rel)
        .append(LearnFiles.CSV).append("), every evaluation: [evaluations.csv](").append(rel)
        .append("evaluations.csv).\n\n");
  }

  /** "3/3 · 400" or "0/3 · 0.51, 3 flat". */
  static String entry(LearnSummary s, String cell, int lag) {
    List<LearnSummary.Run> rs = s.runs(cell, lag);
    if (rs.isEmpty()) {
      LearnSummary.Cell c = s.cells().get(cell);
      Double m = c.medianScoreByLag().get(String.valueOf(lag));
      return m == null ? "—" : CurveSection.shown(m);
    }
    List<LearnSummary.Run> ok = rs.stream().filter(s::solved).toList();
    String head = ok.size() + "/" + rs.size();
    if (!ok.isEmpty()) {
      double[] u = ok.stream().filter(r -> r.updatesToSolve() != null)
          .mapToDouble(LearnSummary.Run::updatesToSolve).toArray();
      return u.length == 0 ? head : head + " · " + Math.round(Estimate.median(u).value());
    }
    long flat = rs.stream().filter(r -> Boolean.TRUE.equals(r.plateau())).count();
    return head + " · " + Numbers.brief(Estimate.median(rs.stream()
        .mapToDouble(LearnSummary.Run::score).toArray()).value()) + (s.evalEvery() == null ? ""
        : ", " + flat + " flat");
  }

  static String joined(List<String> parts) {
    return parts.stream().collect(Collectors.joining(", "));
  }
}
