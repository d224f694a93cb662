package org.bpttbench.report;

import java.util.stream.Collectors;
import org.bpttbench.output.LearnFiles;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Lesson;

/**
 * "Can it learn?": the {@code learn} experiment as run into {@code experiments/learn/}, its
 * summary.json read by {@link Experiments}: the score-against-lag figure, per cell the longest
 * lag solved beside what the lesson claims, the findings and the eigenvalue figure.
 */
final class LearnSection {
  static final String HEADING = "## Can it learn?";

  private LearnSection() {}

  /** The section, or "" when the experiments have no learn run. */
  static String markdown(Experiments ex) {
    if (ex.learn().isEmpty()) {
      return "";
    }
    LearnSummary s = ex.learn().get();
    String rel = ex.dir().getFileName() + "/learn/";
    String score = s.score();
    StringBuilder md = new StringBuilder(HEADING).append("\n\n");
    md.append("`./run-bench.sh learn`: task ").append(s.task())
        .append(s.steps() == null ? "" : " (T = " + s.steps() + ", fillers " + s.fillers() + ")")
        .append(", lags [").append(s.lags().stream().map(String::valueOf)
            .collect(Collectors.joining(","))).append("], ").append(s.seeds())
        .append(" seed(s), hidden ").append(s.hidden()).append(", batch ").append(s.batch())
        .append(", ").append(s.updates()).append(" updates of ").append(s.optimizer())
        .append(" with clip_grad_norm_(").append(s.clipNorm()).append("), PyTorch's default"
            + " init; ").append(score).append(" on ").append(s.testSize())
        .append(" fresh sequences. Solved = ").append(s.solvedWhen()).append(".\n\n");
    md.append("![").append(score).append(" against lag](").append(rel)
        .append(LearnFiles.SCORE_PNG).append(")\n\n");
    md.append("| cell | lr | median ").append(score).append(" by lag | longest lag solved |"
        + " the lesson says |\n|---|---|---|---|---|\n");
    s.cells().forEach((cell, c) -> md.append("| ").append(cell).append(" | ").append(c.lr())
        .append(" | ").append(c.medianScoreByLag().entrySet().stream().map(l -> l.getKey() + ": "
            + CurveSection.shown(l.getValue())).collect(Collectors.joining(", "))).append(" | ")
        .append(c.longestLagSolved() == null ? "none" : c.longestLagSolved()).append(" | ")
        .append(Lesson.LEARNS.getOrDefault(cell, "")).append(" |\n"));
    md.append('\n');
    s.findings().forEach(f -> md.append("- ").append(f).append('\n'));
    md.append("\n![eigenvalues of weight_hh at init and after training](").append(rel)
        .append(LearnFiles.EIGEN_PNG).append(")\n\n");
    md.append("Learning curves: [learn_curves.png](").append(rel).append("learn_curves.png)"
        + "; ||dL_T/dh_t|| at init and after training: [learn_grad.png](").append(rel)
        .append("learn_grad.png); every run: [learn.csv](").append(rel).append(LearnFiles.CSV)
        .append(").\n\n");
    return md.toString();
  }
}
