package org.bpttbench.output;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnResult;

/** What a {@code learn} result shows, one sentence per finding, each computed from the result. */
final class LearnFindings {
  private LearnFindings() {}

  static List<String> sentences(LearnResult r) {
    LearnConfig c = r.config();
    List<String> out = new ArrayList<>();
    String score = c.task().scoreName();
    for (LearnCell cell : c.cells()) {
      Integer best = r.longestLagSolved(cell);
      Integer fail = r.shortestLagFailed(cell);
      String s = cell.id() + " (lr " + Numbers.brief(c.lr().get(cell)) + ") "
          + (best == null ? "solves none of the lags " + c.lags()
              : fail == null ? "solves every lag up to " + best
              : "solves lags up to " + best + " at longest") + " in most seeds";
      if (fail != null) {
        s += "; at lag " + fail + ", the shortest it fails, its median " + score + " is "
            + Numbers.brief(r.medianScore(cell, fail)) + " (chance "
            + Numbers.brief(c.task().chance()) + ")";
      }
      out.add(s + ".");
    }
    lessonClaim(r).ifPresent(out::add);
    if (c.cells().contains(LearnCell.LSTM) && c.cells().contains(LearnCell.LSTM_FB1)) {
      out.add("The forget-gate bias of 1 takes lstm's longest lag solved from "
          + name(r.longestLagSolved(LearnCell.LSTM)) + " to "
          + name(r.longestLagSolved(LearnCell.LSTM_FB1)) + " with the same weights and budget.");
    }
    out.add("Training moved the spectral radius of weight_hh (largest over gate blocks, median"
        + " over runs) " + c.cells().stream().map(cell -> cell.id() + " "
            + Numbers.brief(r.median(cell, u -> u.init().maxRadius())) + " -> "
            + Numbers.brief(r.median(cell, u -> u.trained().maxRadius())))
        .collect(Collectors.joining(", ")) + ".");
    int longest = c.lags().get(c.lags().size() - 1);
    out.add("At lag " + longest + ", ||dL_T/dh_{T-k}|| / ||dL_T/dh_T|| (median over seeds) at"
        + " init -> after training: " + c.cells().stream().map(cell -> cell.id() + " "
            + ratio(r, cell, longest, true) + " -> " + ratio(r, cell, longest, false))
        .collect(Collectors.joining(", ")) + ".");
    return out;
  }

  /**
   * The lesson's claim (rnn cannot learn a dependency 30 steps back at T = 50, GRU/LSTM can)
   * against what rnn, gru and lstm did at the first lag of at least 30 (lstm-fb1 is not the
   * lesson's and has its own finding).
   */
  private static java.util.Optional<String> lessonClaim(LearnResult r) {
    LearnConfig c = r.config();
    java.util.Optional<Integer> lag = c.lags().stream().filter(l -> l >= Lesson.LAG).findFirst();
    if (c.task().regression() || !c.cells().contains(LearnCell.RNN) || lag.isEmpty()) {
      return java.util.Optional.empty();
    }
    int k = lag.get();
    String gated = c.cells().stream()
        .filter(cell -> cell == LearnCell.GRU || cell == LearnCell.LSTM)
        .map(cell -> cell.id() + (r.solved(cell, k) ? " learns it" : " does not learn it") + " ("
            + Numbers.brief(r.medianScore(cell, k)) + (r.solved(cell, k)
            ? ", as the lesson says)" : ", contrary to the lesson)"))
        .collect(Collectors.joining(", "));
    return java.util.Optional.of("The lesson says a vanilla RNN cannot learn a dependency "
        + Lesson.LAG + " steps back in a sequence of 50 and GRU/LSTM can: here (T = " + c.steps()
        + (c.fillers() == null ? "" : ", fillers " + c.fillers().name().toLowerCase(
            java.util.Locale.ROOT)) + ") rnn " + (r.solved(LearnCell.RNN, k) ? "does learn"
        : "does not learn") + " lag " + k + " (median accuracy "
        + Numbers.brief(r.medianScore(LearnCell.RNN, k)) + ")"
        + (r.solved(LearnCell.RNN, k) ? ", contrary to the lesson" : ", as the lesson says")
        + (gated.isEmpty() ? "." : "; " + gated + "."));
  }

  private static String ratio(LearnResult r, LearnCell cell, int lag, boolean init) {
    return Numbers.brief(r.median(cell, lag,
        u -> (init ? u.init() : u.trained()).gradRatioKey()));
  }

  private static String name(Integer lag) {
    return lag == null ? "none" : String.valueOf(lag);
  }

}
