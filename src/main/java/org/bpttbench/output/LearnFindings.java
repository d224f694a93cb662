package org.bpttbench.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnResult;
import org.bpttbench.experiment.LearnRun;

/** What a {@code learn} result shows, one sentence per finding, each computed from the result. */
final class LearnFindings {
  private LearnFindings() {}

  static List<String> sentences(LearnResult r, Optional<LearnSummary.Verdict> verdict) {
    LearnConfig c = r.config();
    List<String> out = new ArrayList<>();
    String score = c.task().scoreName();
    String what = c.task().regression() ? "length" : "lag";
    for (LearnCell cell : c.cells()) {
      Integer best = r.longestLagSolved(cell);
      Integer fail = r.shortestLagFailed(cell);
      String s = cell.id() + " (lr " + Numbers.brief(c.lr().get(cell)) + ") "
          + (best == null ? "solves none of the " + what + "s " + c.lags()
              : fail == null ? "solves every " + what + " up to " + best
              : "solves " + what + "s up to " + best + " at longest") + " in most seeds";
      if (fail != null) {
        List<LearnRun> failed = r.runs(cell, fail).stream().filter(u -> !u.solved()).toList();
        long flat = failed.stream().filter(LearnRun::plateau).count();
        s += "; at " + what + " " + fail + ", the shortest it fails, its median " + score + " is "
            + Numbers.brief(r.medianScore(cell, fail)) + " (chance "
            + Numbers.brief(c.task().chance()) + ") after " + c.updates() + " updates, and "
            + flat + " of its " + failed.size() + " failed seeds were flat over the second half"
            + " of the budget" + (flat == failed.size() ? " (a plateau, not a cut-off)"
            : " (the others were still improving: a longer cap may solve them)");
      }
      out.add(s + ".");
    }
    verdict.ifPresent(v -> out.add("The lesson says " + Lesson.LONG_RANGE + ": " + v.verdict()
        + "."));
    if (c.cells().contains(LearnCell.LSTM) && c.cells().contains(LearnCell.LSTM_FB1)) {
      out.add("The forget-gate bias of 1 takes lstm's longest " + what + " solved from "
          + name(r.longestLagSolved(LearnCell.LSTM)) + " to "
          + name(r.longestLagSolved(LearnCell.LSTM_FB1)) + " with the same weights and budget.");
    }
    List<LearnCell> spectral = c.cells().stream()
        .filter(cell -> !Double.isNaN(r.median(cell, u -> u.init().maxRadius()))).toList();
    if (!spectral.isEmpty()) {
      out.add("Training moved the spectral radius of the recurrence (weight_hh, largest over gate"
          + " blocks; lru: max |λ|; median over runs) " + spectral.stream().map(cell -> cell.id()
              + " " + Numbers.brief(r.median(cell, u -> u.init().maxRadius())) + " -> "
              + Numbers.brief(r.median(cell, u -> u.trained().maxRadius())))
          .collect(Collectors.joining(", ")) + ".");
    }
    int longest = c.lags().get(c.lags().size() - 1);
    out.add("At " + what + " " + longest + ", ||dL_T/dh_{T-k}|| / ||dL_T/dh_T|| (attention:"
        + " dL_T/dx; median over seeds) at init -> after training: " + c.cells().stream()
            .map(cell -> cell.id() + " " + ratio(r, cell, longest, true) + " -> "
                + ratio(r, cell, longest, false)).collect(Collectors.joining(", ")) + ".");
    return out;
  }

  private static String ratio(LearnResult r, LearnCell cell, int lag, boolean init) {
    return Numbers.brief(r.median(cell, lag,
        u -> (init ? u.init() : u.trained()).gradRatioKey()));
  }

  private static String name(Integer lag) {
    return lag == null ? "none" : String.valueOf(lag);
  }
}
