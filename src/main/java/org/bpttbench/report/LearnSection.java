package org.bpttbench.report;

import org.bpttbench.output.LearnFiles;

import org.bpttbench.output.Json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * "Can it learn?": the {@code learn} experiment as run into {@code experiments/learn/}, read from
 * its summary.json (written by {@link LearnFiles}): the score-against-lag figure, per cell the
 * longest lag solved beside what the lesson claims, the findings and the eigenvalue figure.
 */
final class LearnSection {
  static final String HEADING = "## Can it learn?";
  private static final Map<String, String> LESSON = Map.of(
      "rnn", "cannot learn a dependency 30 steps back at T = 50",
      "gru", "learns it: the additive path is the structural fix",
      "lstm", "learns it: the additive path is the structural fix",
      "lstm-fb1", "(not in the lesson; b_f = 1 is the usual remedy)");

  private LearnSection() {}

  /** The section, or "" when {@code experiments} has no learn run. */
  static String markdown(Path experiments) throws IOException {
    Path dir = experiments == null ? null : experiments.resolve("learn");
    if (dir == null || !Files.isRegularFile(dir.resolve("summary.json"))) {
      return "";
    }
    JsonObject s = Json.read(dir.resolve("summary.json")).getAsJsonObject();
    String rel = experiments.getFileName() + "/learn/";
    String score = s.get("score").getAsString();
    StringBuilder md = new StringBuilder(HEADING).append("\n\n");
    md.append("`./run-bench.sh learn`: task ").append(s.get("task").getAsString())
        .append(s.get("steps").isJsonNull() ? "" : " (T = " + s.get("steps").getAsInt()
            + ", fillers " + s.get("fillers").getAsString() + ")")
        .append(", lags ").append(s.get("lags")).append(", ").append(s.get("seeds"))
        .append(" seed(s), hidden ").append(s.get("hidden")).append(", batch ")
        .append(s.get("batch")).append(", ").append(s.get("updates")).append(" updates of ")
        .append(s.get("optimizer").getAsString()).append(" with clip_grad_norm_(")
        .append(s.get("clip_norm")).append("), PyTorch's default init; ").append(score)
        .append(" on ").append(s.get("test_size")).append(" fresh sequences. Solved = ")
        .append(s.get("solved_when").getAsString()).append(".\n\n");
    md.append("![").append(score).append(" against lag](").append(rel)
        .append(LearnFiles.SCORE_PNG).append(")\n\n");
    md.append("| cell | lr | median ").append(score).append(" by lag | longest lag solved |"
        + " the lesson says |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, JsonElement> e : s.getAsJsonObject("cells").entrySet()) {
      JsonObject c = e.getValue().getAsJsonObject();
      StringBuilder byLag = new StringBuilder();
      for (Map.Entry<String, JsonElement> l : c.getAsJsonObject("median_" + score + "_by_lag")
          .entrySet()) {
        byLag.append(byLag.length() == 0 ? "" : ", ").append(l.getKey()).append(": ")
            .append(CurveSection.number(l.getValue().getAsString()));
      }
      JsonElement best = c.get("longest_lag_solved");
      md.append("| ").append(e.getKey()).append(" | ").append(c.get("lr")).append(" | ")
          .append(byLag).append(" | ").append(best.isJsonNull() ? "none" : best.getAsString())
          .append(" | ").append(LESSON.getOrDefault(e.getKey(), "")).append(" |\n");
    }
    md.append('\n');
    for (JsonElement f : s.getAsJsonArray("findings")) {
      md.append("- ").append(f.getAsString()).append('\n');
    }
    md.append("\n![eigenvalues of weight_hh at init and after training](").append(rel)
        .append(LearnFiles.EIGEN_PNG).append(")\n\n");
    md.append("Learning curves: [learn_curves.png](").append(rel).append("learn_curves.png)"
        + "; ||dL_T/dh_t|| at init and after training: [learn_grad.png](").append(rel)
        .append("learn_grad.png); every run: [learn.csv](").append(rel).append(LearnFiles.CSV)
        .append(").\n\n");
    return md.toString();
  }
}
