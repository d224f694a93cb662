package org.bpttbench.output;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
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
 * {@code median_accuracy_by_lag} and {@code accuracy}, which still read. Files from before the
 * stopping protocol have no {@code updates_to_solve}: their runs count as solved by their score.
 *
 * @param updates the cap: the most updates a run makes (it stops earlier when solved)
 * @param data fresh (a new batch from the seeded stream every update) or fixed
 * @param wallSeconds the experiment's wall-clock time on {@code threads} threads
 * @param cpuSeconds the CPU time of all its runs
 */
public record LearnSummary(String experiment, String backend, String task, String fillers,
                           Integer steps, List<Integer> lags, int seeds, Integer firstSeed,
                           int hidden, int batch, int updates, String optimizer, double clipNorm,
                           int tbptt, String data, Integer evalEvery, int trainSize,
                           int testSize, int threads, Double wallSeconds, Double cpuSeconds,
                           String score,
                           String solvedWhen, Map<String, Cell> cells, List<String> findings,
                           List<Run> runs) {

  /** Per cell: its rate and init, the lags it solved in most seeds, per lag seeds and medians. */
  public record Cell(double lr, String init, Integer longestLagSolved, Integer shortestLagFailed,
                     @SerializedName(value = "median_score_by_lag",
                         alternate = {"median_accuracy_by_lag", "median_mse_by_lag"})
                     Map<String, Double> medianScoreByLag,
                     Map<String, Integer> solvedSeedsByLag,
                     Map<String, Double> medianUpdatesToSolveByLag,
                     double medianRhoWhhInit, double medianRhoWhhTrained, double medianSeconds) {}

  /**
   * One run: its score, the update it was solved at (null: not within the cap), whether a failed
   * run's curve was flat over the second half of the budget, and the spectral radius of each
   * gate block before and after.
   */
  public record Run(String cell, int lag, int seed,
                    @SerializedName(value = "score", alternate = {"accuracy", "mse"})
                    double score, Integer updatesToSolve, Boolean plateau, Double scoreAtHalf,
                    double[] rhoBlocksInit, double[] rhoBlocksTrained) {}

  static LearnSummary of(LearnResult r) {
    LearnConfig c = r.config();
    boolean reg = c.task().regression();
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (LearnCell cell : c.cells()) {
      Map<String, Double> byLag = new LinkedHashMap<>();
      Map<String, Integer> solved = new LinkedHashMap<>();
      Map<String, Double> toSolve = new LinkedHashMap<>();
      for (int lag : c.lags()) {
        byLag.put(String.valueOf(lag), r.medianScore(cell, lag));
        solved.put(String.valueOf(lag), r.solvedSeeds(cell, lag));
        toSolve.put(String.valueOf(lag), r.medianUpdatesToSolve(cell, lag));
      }
      cells.put(cell.id(), new Cell(c.lr().get(cell), cell.init(), r.longestLagSolved(cell),
          r.shortestLagFailed(cell), byLag, solved, toSolve,
          r.median(cell, u -> u.init().maxRadius()), r.median(cell, u -> u.trained().maxRadius()),
          r.median(cell, LearnRun::seconds)));
    }
    LearnSummary s = new LearnSummary("learn", r.backend(), c.task().id(),
        reg ? null : c.fillers().name().toLowerCase(java.util.Locale.ROOT), reg ? null : c.steps(),
        c.lags(), c.seeds(), c.firstSeed(), c.hidden(), c.batch(), c.updates(),
        c.optimizer().kind().id(), c.clipNorm(), c.tbptt(), c.data().id(), c.evalEvery(),
        c.trainSize(), c.testSize(), c.threads(), r.wallSeconds(), r.cpuSeconds(),
        c.task().scoreName(),
        (reg ? "mse < 0.01" : "accuracy >= 0.95") + " on the held-out set within the cap, in"
            + " most seeds", cells, List.of(),
        r.runs().stream().map(u -> new Run(u.cell().id(), u.lag(), u.seed(), u.score(),
            u.updatesToSolve(), u.solved() ? null : u.plateau(),
            u.solved() ? null : u.scoreAtHalf(), u.init().radius(), u.trained().radius()))
            .toList());
    return s.withFindings(LearnFindings.sentences(r, s.verdict()));
  }

  private LearnSummary withFindings(List<String> f) {
    return new LearnSummary(experiment, backend, task, fillers, steps, lags, seeds, firstSeed,
        hidden, batch, updates, optimizer, clipNorm, tbptt, data, evalEvery, trainSize, testSize,
        threads, wallSeconds, cpuSeconds, score, solvedWhen, cells, f, runs);
  }

  /** Whether this is the adding task (regression; its lag is the sequence length). */
  public boolean regression() {
    return "adding".equals(task);
  }

  /** Whether run {@code u} solved its task (its update to solve, or, in older files, its score). */
  public boolean solved(Run u) {
    return u.updatesToSolve() != null
        || updatesToSolveMissing() && (regression() ? u.score() < 0.01 : u.score() >= 0.95);
  }

  private boolean updatesToSolveMissing() {
    return evalEvery == null;
  }

  /** The runs of (cell, lag). */
  public List<Run> runs(String cell, int lag) {
    return runs == null ? List.of()
        : runs.stream().filter(u -> u.cell().equals(cell) && u.lag() == lag).toList();
  }

  /** "up to lag 20 (tried 5–45)" or "no lag in 5–45". */
  public String describe(String cell) {
    Integer best = cells.get(cell).longestLagSolved();
    String range = lags.stream().mapToInt(i -> i).min().getAsInt() + "–" + longestTried();
    String what = regression() ? "T = " : "lag ";
    return best == null ? "no " + (regression() ? "length" : "lag") + " in " + range
        : "up to " + what + best + " (tried " + range + ")";
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

  /**
   * The lesson's long-range claim ({@link Lesson#LONG_RANGE}) against these runs, computed: per
   * model the seeds that solved lag {@link Lesson#LAG} within the cap (with its init and the
   * median updates to solve), where its longest lag solved in most seeds lies, and the verdict.
   * Empty when this is not the agreement task at T = 50 with lag 30 among its lags.
   */
  public java.util.Optional<Verdict> verdict() {
    if (regression() || steps == null || steps != Lesson.T || !lags.contains(Lesson.LAG)
        || runs == null) {
      return java.util.Optional.empty();
    }
    List<Verdict.Model> models = new ArrayList<>();
    cells.forEach((id, c) -> {
      List<Run> rs = runs(id, Lesson.LAG);
      List<Run> ok = rs.stream().filter(this::solved).toList();
      double med = ok.isEmpty() ? Double.NaN : median(ok.stream().filter(u -> u.updatesToSolve()
          != null).mapToDouble(Run::updatesToSolve).toArray());
      int flat = (int) rs.stream().filter(u -> !solved(u) && Boolean.TRUE.equals(u.plateau()))
          .count();
      models.add(new Verdict.Model(id, c.init() == null ? "" : c.init(), c.lr(), ok.size(),
          rs.size(), med, flat, c.longestLagSolved()));
    });
    return java.util.Optional.of(new Verdict(updates, data, models));
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /**
   * The verdict on {@link Lesson#LONG_RANGE}: which models solve lag 30 at T = 50 in how many
   * seeds, and each one's longest lag solved in most seeds.
   *
   * @param cap the updates a run may make
   */
  public record Verdict(int cap, String data, List<Model> models) {

    /**
     * @param solved seeds that solved lag 30 within the cap, of {@code seeds}
     * @param medianUpdates median updates to solve over those seeds (NaN: none)
     * @param plateaus failed seeds whose curve was flat over the second half of the budget
     * @param longest the longest lag solved in most seeds, null for none
     */
    public record Model(String id, String init, double lr, int solved, int seeds,
                        double medianUpdates, int plateaus, Integer longest) {
      /** Solved in most seeds. */
      public boolean solves() {
        return 2 * solved > seeds;
      }
    }

    public java.util.Optional<Model> model(String id) {
      return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Per model: "gru 3/3 (PyTorch default U(±1/√H), median 1200 updates)". */
    public String measured() {
      List<String> parts = new ArrayList<>();
      for (Model m : models) {
        parts.add(m.id() + " " + m.solved() + "/" + m.seeds() + " (" + m.init() + ", lr "
            + Numbers.brief(m.lr()) + (m.solved() > 0 ? ", median "
            + Math.round(m.medianUpdates()) + " updates" : "") + (m.solved() < m.seeds()
            ? ", " + m.plateaus() + " of " + (m.seeds() - m.solved()) + " failed seeds flat over"
            + " the second half" : "") + "; longest lag solved in most seeds: "
            + (m.longest() == null ? "none" : m.longest()) + ")");
      }
      return "lag " + Lesson.LAG + " at T = " + Lesson.T + ", solved seeds within " + cap + " "
          + data + "-batch updates: " + String.join("; ", parts);
    }

    /** The verdict on the lesson's claim, computed from {@link #models}. */
    public String verdict() {
      java.util.Optional<Model> rnn = model("rnn");
      if (rnn.isEmpty()) {
        return "no data: no rnn run";
      }
      List<String> gated = models.stream().filter(m -> !m.id().equals("rnn")).map(m ->
          m.id() + (m.solves() ? " does" : " does not") + " (" + m.solved() + "/" + m.seeds()
          + ")").toList();
      List<Model> lessonGated = models.stream().filter(m -> m.id().equals("gru")
          || m.id().equals("lstm")).toList();
      List<String> failing = lessonGated.stream().filter(m -> !m.solves()).map(Model::id)
          .toList();
      String rnnPart = rnn.get().solves() ? "does not hold for the RNN: it solved lag " + Lesson.LAG
          + " in " + rnn.get().solved() + "/" + rnn.get().seeds() + " seeds"
          : "holds for the RNN (" + rnn.get().solved() + "/" + rnn.get().seeds() + " seeds)";
      String gatedPart = lessonGated.isEmpty() ? "no gru or lstm run"
          : failing.isEmpty() ? "holds for " + lessonGated.stream().map(Model::id)
              .collect(java.util.stream.Collectors.joining(" and "))
          : "does not hold for " + String.join(" and ", failing) + " with PyTorch's default"
              + " init";
      return rnnPart + "; " + gatedPart + "; lag " + Lesson.LAG + " solved in most seeds: "
          + String.join(", ", gated);
    }
  }
}
