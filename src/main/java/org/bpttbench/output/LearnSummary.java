package org.bpttbench.output;

import com.google.gson.annotations.SerializedName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnResult;
import org.bpttbench.experiment.LearnRun;

/**
 * learn's {@code summary.json}: written from the result ({@link #of}) and read back by the report,
 * the same record both ways (keys are the components in snake_case). {@code score} names what
 * the scores are (accuracy or mse); files from before it was one key spell it
 * {@code median_accuracy_by_lag} and {@code accuracy}, which still read.
 */
public record LearnSummary(String experiment, String backend, String task, String fillers,
                           Integer steps, List<Integer> lags, int seeds, int hidden, int batch,
                           int updates, String optimizer, double clipNorm, int tbptt,
                           int trainSize, int testSize, int threads, String score,
                           String solvedWhen, Map<String, Cell> cells, List<String> findings,
                           List<Run> runs) {

  /** Per cell: its rate, the lags it solved in most seeds, medians over its runs. */
  public record Cell(double lr, Integer longestLagSolved, Integer shortestLagFailed,
                     @SerializedName(value = "median_score_by_lag",
                         alternate = {"median_accuracy_by_lag", "median_mse_by_lag"})
                     Map<String, Double> medianScoreByLag, double medianRhoWhhInit,
                     double medianRhoWhhTrained, double medianSeconds) {}

  /** One run: its score and the spectral radius of each gate block before and after. */
  public record Run(String cell, int lag, int seed,
                    @SerializedName(value = "score", alternate = {"accuracy", "mse"})
                    double score, double[] rhoBlocksInit, double[] rhoBlocksTrained) {}

  static LearnSummary of(LearnResult r) {
    LearnConfig c = r.config();
    boolean reg = c.task().regression();
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (LearnCell cell : c.cells()) {
      Map<String, Double> byLag = new LinkedHashMap<>();
      c.lags().forEach(lag -> byLag.put(String.valueOf(lag), r.medianScore(cell, lag)));
      cells.put(cell.id(), new Cell(c.lr().get(cell), r.longestLagSolved(cell),
          r.shortestLagFailed(cell), byLag, r.median(cell, u -> u.init().maxRadius()),
          r.median(cell, u -> u.trained().maxRadius()), r.median(cell, LearnRun::seconds)));
    }
    return new LearnSummary("learn", r.backend(), c.task().id(),
        reg ? null : c.fillers().name().toLowerCase(java.util.Locale.ROOT), reg ? null : c.steps(),
        c.lags(), c.seeds(), c.hidden(), c.batch(), c.updates(), c.optimizer().kind().id(),
        c.clipNorm(), c.tbptt(), c.trainSize(), c.testSize(), c.threads(), c.task().scoreName(),
        reg ? "mse < 0.01 in most seeds" : "accuracy >= 0.95 in most seeds", cells,
        LearnFindings.sentences(r), r.runs().stream().map(u -> new Run(u.cell().id(), u.lag(),
            u.seed(), u.score(), u.init().radius(), u.trained().radius())).toList());
  }

  /** "up to lag 20 (tried 5–45)" or "no lag in 5–45". */
  public String describe(String cell) {
    Integer best = cells.get(cell).longestLagSolved();
    String range = lags.stream().mapToInt(i -> i).min().getAsInt() + "–" + longestTried();
    return best == null ? "no lag in " + range : "up to lag " + best + " (tried " + range + ")";
  }

  /** The longest lag tried. */
  public int longestTried() {
    return lags.stream().mapToInt(i -> i).max().orElse(-1);
  }

  /** The longest lag most seeds of {@code cell} solved, -1 when none. */
  public int longestSolved(String cell) {
    Cell c = cells.get(cell);
    return c == null || c.longestLagSolved() == null ? -1 : c.longestLagSolved();
  }
}
