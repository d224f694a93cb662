package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnResult;
import org.bpttbench.experiment.LearnRun;
import org.bpttbench.experiment.LearnSnapshot;
import org.bpttbench.experiment.LearnTask;
import org.knowm.xchart.style.Styler;

/**
 * {@code learn.csv}, {@code learning_curves.csv}, {@code grad_curves.csv},
 * {@code eigenvalues.csv}, the four figures and {@code summary.json} ({@link LearnSummary}, with
 * the findings, one sentence each, computed from the result).
 */
public final class LearnFiles implements ResultFiles<LearnResult> {
  public static final LearnFiles INSTANCE = new LearnFiles();
  public static final String CSV = "learn.csv";
  public static final String SCORE_PNG = "learn_score.png";
  public static final String EIGEN_PNG = "learn_eigen.png";
  public static final String UPDATES_PNG = "learn_updates.png";
  public static final String CURVES_PNG = "learn_curves.png";
  private static final Styler.LegendPosition INSIDE = Styler.LegendPosition.InsideNE;
  /** Optimizer steps averaged per point of the plotted learning curves. */
  static final int SMOOTH = 25;

  private LearnFiles() {}

  @Override
  public void write(LearnResult r, Path dir) throws IOException {
    writeCsvs(r, dir);
    scoreChart(r).save(dir.resolve(SCORE_PNG));
    updatesChart(r).save(dir.resolve(UPDATES_PNG));
    List<Chart> curves = curvesChart(r);
    int legend = curves.stream().mapToInt(Chart::size).max().orElse(1);
    Chart.tile(dir.resolve(CURVES_PNG), 2, 280 + 18 * legend, Styler.LegendPosition.OutsideS,
        curves);
    Chart.tile(dir.resolve("learn_grad.png"), 2, 380, INSIDE, gradChart(r));
    List<Chart> eigen = eigenChart(r);
    if (!eigen.isEmpty()) {
      Chart.tile(dir.resolve(EIGEN_PNG), 2, Chart.WIDTH / 2, INSIDE, eigen);
    }
    Json.writeRecord(dir.resolve("summary.json"), LearnSummary.of(r));
  }

  private static void writeCsvs(LearnResult r, Path dir) throws IOException {
    String task = r.config().task().id();
    boolean mse = r.config().task().regression();
    List<String> runs = new ArrayList<>();
    List<String> curves = new ArrayList<>();
    List<String> grads = new ArrayList<>();
    List<String> eigen = new ArrayList<>();
    List<String> evals = new ArrayList<>();
    for (LearnRun u : r.runs()) {
      runs.add(ResultFiles.row(task, u.cell().id(), u.lag(), u.seed(), u.steps(), u.lr(),
          mse ? "" : (Object) u.score(), mse ? (Object) u.score() : "",
          u.solved() ? (Object) u.updatesToSolve() : "", u.solved() ? "" : (Object) u.plateau(),
          u.solved() ? "" : (Object) u.scoreAtHalf(), u.finalLoss(),
          u.updates(), u.seconds(), u.init().maxRadius(), u.trained().maxRadius(),
          u.init().gradRatioKey(), u.trained().gradRatioKey()));
      String id = ResultFiles.row(u.cell().id(), u.lag(), u.seed());
      for (int i = 0; i < u.evalAt().length; i++) {
        evals.add(ResultFiles.row(id, u.evalAt()[i], u.evalScore()[i]));
      }
      for (int i = 0; i < u.loss().length; i++) {
        curves.add(ResultFiles.row(id, i + 1, u.loss()[i]));
      }
      snapshotRows(id, "init", u.init(), grads, eigen);
      snapshotRows(id, "trained", u.trained(), grads, eigen);
    }
    ResultFiles.csv(dir.resolve(CSV), "task,cell,lag,seed,steps,lr,accuracy,mse,"
        + "updates_to_solve,plateau,score_at_half,final_loss,updates,seconds,rho_whh_init,"
        + "rho_whh_trained,grad_ratio_key_init,grad_ratio_key_trained", runs);
    ResultFiles.csv(dir.resolve("evaluations.csv"), "cell,lag,seed,update," + (mse ? "mse"
        : "accuracy"), evals);
    ResultFiles.csv(dir.resolve("learning_curves.csv"), "cell,lag,seed,update,loss", curves);
    ResultFiles.csv(dir.resolve("grad_curves.csv"), "cell,lag,seed,when,t,ratio", grads);
    ResultFiles.csv(dir.resolve("eigenvalues.csv"), "cell,lag,seed,when,block,real,imag", eigen);
  }

  private static void snapshotRows(String id, String when, LearnSnapshot s, List<String> grads,
                                   List<String> eigen) {
    for (int t = 1; t <= s.gradCurve().length; t++) {
      grads.add(ResultFiles.row(id, when, t, s.gradCurve()[t - 1]));
    }
    for (int g = 0; g < s.eigenReal().length; g++) {
      for (int i = 0; i < s.eigenReal()[g].length; i++) {
        eigen.add(ResultFiles.row(id, when, g, s.eigenReal()[g][i], s.eigenImag()[g][i]));
      }
    }
  }

  /** Score against lag: per cell the median over seeds (line) and every seed (points). */
  private static Chart scoreChart(LearnResult r) {
    LearnConfig c = r.config();
    LearnTask t = c.task();
    Chart chart = new Chart(t.id() + ": " + t.scoreName() + " on " + c.testSize()
        + " held-out sequences, median of " + c.seeds() + " seeds",
        (t.regression() ? "sequence length T (the lag" : "lag k (key at T-k, T = " + c.steps())
            + "; cells shifted apart)", t.regression() ? "test MSE (log; predicting 1 scores 0.167, solved < 0.01)"
            : "test accuracy (chance 0.5, solved >= 0.95)");
    if (t.regression()) {
      chart.logY();
    }
    List<Integer> ls = c.lags();
    for (int i = 0; i < c.cells().size(); i++) {
      LearnCell cell = c.cells().get(i);
      double dx = offset(c, i);
      double[] lags = ls.stream().mapToDouble(l -> l + dx).toArray();
      double[] med = ls.stream().mapToDouble(l -> r.medianScore(cell, l)).toArray();
      chart.add(new Chart.Series(cell.id() + " (lr " + Numbers.brief(c.lr().get(cell)) + ")",
          lags, med, i, Chart.Style.LINE));
      List<LearnRun> runs = r.runs().stream().filter(u -> u.cell().equals(cell)).toList();
      chart.add(new Chart.Series(cell.id() + " runs",
          runs.stream().mapToDouble(u -> u.lag() + dx).toArray(),
          runs.stream().mapToDouble(LearnRun::score).toArray(), i, Chart.Style.POINTS));
    }
    return chart;
  }

  /**
   * Updates to solve against lag: per cell the median over the seeds that solved (line) and every
   * solved seed (points); a seed not solved within the cap is drawn at 1.5 × the cap.
   */
  private static Chart updatesChart(LearnResult r) {
    LearnConfig c = r.config();
    Chart chart = new Chart(c.task().id() + ": updates to solve (points at "
        + Numbers.brief(1.5 * c.updates()) + ": not within the cap of " + c.updates() + ")",
        c.task().regression() ? "sequence length T (the lag)" : "lag k (T = " + c.steps() + ")",
        "updates (batches of " + c.batch() + ", log)").logY();
    List<Integer> ls = c.lags();
    for (int i = 0; i < c.cells().size(); i++) {
      LearnCell cell = c.cells().get(i);
      double dx = offset(c, i);
      chart.add(new Chart.Series(cell.id() + " (median of solved)",
          ls.stream().mapToDouble(l -> l + dx).toArray(),
          ls.stream().mapToDouble(l -> r.medianUpdatesToSolve(cell, l)).toArray(), i,
          Chart.Style.LINE));
      List<LearnRun> runs = r.runs().stream().filter(u -> u.cell().equals(cell)).toList();
      chart.add(new Chart.Series(cell.id() + " runs",
          runs.stream().mapToDouble(u -> u.lag() + dx).toArray(),
          runs.stream().mapToDouble(u -> u.solved() ? u.updatesToSolve() : 1.5 * c.updates())
              .toArray(), i, Chart.Style.SCATTER));
    }
    return chart;
  }

  /** Cell i's shift along the lag axis, so that the cells' points at one lag do not overlap. */
  private static double offset(LearnConfig c, int i) {
    List<Integer> ls = c.lags();
    double shift = (ls.size() > 1 ? ls.get(ls.size() - 1) - ls.get(0) : 1) / 150.0;
    return (i - (c.cells().size() - 1) / 2.0) * shift;
  }

  /** Per cell: the held-out score against updates, every (lag, seed), coloured by lag. */
  private static List<Chart> curvesChart(LearnResult r) {
    LearnConfig c = r.config();
    List<Chart> p = new ArrayList<>();
    for (LearnCell cell : c.cells()) {
      Chart ch = new Chart(cell.id() + " (lr " + Numbers.brief(c.lr().get(cell)) + "): held-out "
          + c.task().scoreName() + ", every seed", "update", c.task().scoreName()
          + (c.task().regression() ? " (log)" : ""));
      if (c.task().regression()) {
        ch.logY();
      }
      for (int li = 0; li < c.lags().size(); li++) {
        int lag = c.lags().get(li);
        for (LearnRun u : r.runs(cell, lag)) {
          ch.add(new Chart.Series((c.task().regression() ? "T " : "k ") + lag + " s" + u.seed(),
              java.util.Arrays.stream(u.evalAt()).asDoubleStream().toArray(), u.evalScore(), li,
              Chart.Style.LINE));
        }
      }
      p.add(ch);
    }
    return p;
  }

  static double[][] smooth(double[] loss) {
    int n = loss.length / SMOOTH;
    double[][] xy = new double[2][Math.max(n, 1)];
    for (int i = 0; i < xy[0].length; i++) {
      int from = i * SMOOTH;
      int to = Math.min(loss.length, from + SMOOTH);
      double s = 0;
      for (int j = from; j < to; j++) {
        s += loss[j];
      }
      xy[0][i] = (from + to + 1) / 2.0;
      xy[1][i] = s / Math.max(1, to - from);
    }
    return xy;
  }

  /** Per cell, seed 0: the gradient ratio curve after training for each lag, and at init. */
  private static List<Chart> gradChart(LearnResult r) {
    List<Chart> p = new ArrayList<>();
    List<Integer> lags = r.config().lags();
    int longest = lags.get(lags.size() - 1);
    for (LearnCell cell : r.config().cells()) {
      Chart c = new Chart(cell.id() + (cell.isSequenceModel() && first(r, cell).init()
          .radius().length == 0 ? ": ||dL_T/dx_t|| / ||dL_T/dx_T||" : ": ||dL_T/dh_t|| /"
          + " ||dL_T/dh_T||") + ", seed " + first(r, cell).seed(), "t",
          "ratio (log)").logY();
      for (int lag : lags.size() > 7 ? List.of(lags.get(0), longest) : lags) {
        LearnRun u = r.runs(cell, lag).get(0);
        c.add("trained, lag " + lag, Chart.range(1, u.steps()), u.trained().gradCurve(),
            Chart.Style.LINE);
      }
      LearnRun u = r.runs(cell, longest).get(0);
      p.add(c.add(new Chart.Series("init, lag " + longest, Chart.range(1, u.steps()),
          u.init().gradCurve(), 7, Chart.Style.DASHED)));
    }
    return p;
  }

  private static LearnRun first(LearnResult r, LearnCell cell) {
    return r.runs().stream().filter(u -> u.cell().equals(cell)).findFirst().orElseThrow();
  }

  /** Per cell, seed 0: eigenvalues of every gate block at init and trained, the unit circle. */
  private static List<Chart> eigenChart(LearnResult r) {
    List<Chart> p = new ArrayList<>();
    List<Integer> lags = r.config().lags();
    int shortest = lags.get(0);
    int longest = lags.get(lags.size() - 1);
    for (LearnCell cell : r.config().cells()) {
      LearnRun first = r.runs(cell, shortest).get(0);
      if (first.init().radius().length == 0) {
        continue;
      }
      LearnRun last = r.runs(cell, longest).get(0);
      String blocks = cell.isSequenceModel() ? "its diagonal recurrence (lambda)"
          : first.init().radius().length == 1 ? "weight_hh"
          : "weight_hh, all " + first.init().radius().length + " gate blocks";
      Chart c = new Chart(cell.id() + ": eigenvalues of " + blocks, "Re", "Im");
      double[][] circle = circle();
      c.add(new Chart.Series("|z| = 1", circle[0], circle[1], 7, Chart.Style.LINE));
      double reach = 1.05;
      reach = Math.max(reach, eigen(c, "init", last.init(), 0));
      if (shortest != longest) {
        reach = Math.max(reach, eigen(c, "trained, lag " + shortest, first.trained(), 2));
      }
      reach = Math.max(reach, eigen(c, "trained, lag " + longest, last.trained(), 3));
      p.add(c.limit(Math.ceil(reach * 1.1 * 4) / 4));
    }
    return p;
  }

  /** Adds a snapshot's eigenvalues (all blocks) as points; returns the largest modulus. */
  private static double eigen(Chart c, String name, LearnSnapshot s, int colour) {
    int n = 0;
    for (double[] b : s.eigenReal()) {
      n += b.length;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int i = 0;
    for (int g = 0; g < s.eigenReal().length; g++) {
      for (int j = 0; j < s.eigenReal()[g].length; j++, i++) {
        x[i] = s.eigenReal()[g][j];
        y[i] = s.eigenImag()[g][j];
      }
    }
    c.add(new Chart.Series(name + " (max |z| " + Numbers.brief(s.maxRadius()) + ")", x, y, colour,
        Chart.Style.SCATTER));
    return s.maxRadius();
  }

  private static double[][] circle() {
    int n = 121;
    double[][] xy = new double[2][n];
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * i / (n - 1);
      xy[0][i] = Math.cos(a);
      xy[1][i] = Math.sin(a);
    }
    return xy;
  }

  @Override
  public String describe(LearnResult r) {
    LearnConfig c = r.config();
    StringBuilder sb = new StringBuilder("learn: " + c.task().id() + ", " + c.cells().size()
        + " cells x " + c.lags().size() + " lags x " + c.seeds() + " seeds, " + c.data().id()
        + " batches of " + c.batch() + ", cap " + c.updates() + " updates, backend "
        + r.backend() + ", " + Math.round(r.wallSeconds()) + " s on " + c.threads()
        + " thread(s), " + Math.round(r.cpuSeconds()) + " CPU s\n  per lag: solved seeds/seeds, median updates to solve (or median "
        + c.task().scoreName() + " when most failed)\n");
    for (LearnCell cell : c.cells()) {
      sb.append(String.format("  %-9s", cell.id()));
      for (int lag : c.lags()) {
        int n = r.solvedSeeds(cell, lag);
        sb.append(" k=").append(lag).append(' ').append(n).append('/')
            .append(r.runs(cell, lag).size()).append(' ').append(n > 0
                ? "@" + Math.round(r.medianUpdatesToSolve(cell, lag))
                : Numbers.brief(r.medianScore(cell, lag)));
      }
      Integer best = r.longestLagSolved(cell);
      sb.append("  longest solved: ").append(best == null ? "none" : best).append('\n');
    }
    return sb.toString();
  }
}
