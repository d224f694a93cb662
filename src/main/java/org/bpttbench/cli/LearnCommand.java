package org.bpttbench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bpttbench.cell.EnumId;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnData;
import org.bpttbench.experiment.LearnExperiment;
import org.bpttbench.experiment.LearnResult;
import org.bpttbench.experiment.LearnTask;
import org.bpttbench.output.LearnFiles;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "learn", modelTransformer = Options.Own.class,
    description = {
        "Can it learn? Trains each cell of --cells on the lesson's stretched task for every lag"
            + " and seed, and measures each before and after.",
        "",
        "agreement: T one-hot tokens, the key pronoun k steps before the last, the target the"
            + " verb form agreeing with it (chance 50 %%, solved = accuracy >= 95 %%). adding:"
            + " the sum of two marked values, mean squared error (predicting 1 scores 1/6,"
            + " solved = MSE < 0.01); its lag is the sequence length.",
        "Each run (cell, lag, seed): a fresh batch of sequences for every update from the"
            + " (lag, seed)'s seeded stream (--data fixed: a fixed set of --train-size of them,"
            + " cycled; export either with `task` to train PyTorch on the same data), the"
            + " final-step loss, clip_grad_norm_ and the optimizer every batch (with PyTorch's"
            + " defaults; adamw: weight decay 1e-2); the score on a fixed held-out test set of"
            + " --test-size sequences (never trained on) every --eval-every updates; the run stops"
            + " at the first evaluation that solves the task, else at the cap (--updates).",
        "Inits: PyTorch's default (lstm-fb1: the same weights with forget-gate bias 1), the lru"
            + " on the paper's long-range ring (|lambda| in [0.9, 0.999]), attention as"
            + " nn.MultiheadAttention (one head, sinusoidal positions). Measured before and"
            + " after: the spectral radius and eigenvalues of each gate block of weight_hh (lru:"
            + " lambda), and ||dL_T/dh_t|| / ||dL_T/dh_T|| (attention: dL_T/dx_t; means over 100"
            + " test sequences backpropagated as one batch).",
        "Runs go in parallel on --threads; each is seeded from (cell, lag, seed) alone, so the"
            + " results do not depend on the thread count. With --tbptt K and the final-step"
            + " loss nothing further back than K steps can be learned.", ""},
    footer = {"", "Writes DIR/learn.csv (one row per run: score, updates to solve or blank,"
        + " plateau), DIR/evaluations.csv (every held-out score), DIR/learning_curves.csv,"
        + " DIR/grad_curves.csv, DIR/eigenvalues.csv, DIR/learn_score.png,"
        + " DIR/learn_updates.png, DIR/learn_curves.png, DIR/learn_grad.png, DIR/learn_eigen.png,"
        + " DIR/summary.json (config, per cell and lag the seeds solved and the median updates to"
        + " solve, the verdict, every run)."})
final class LearnCommand implements Callable<Integer>, Options.OwnDefaults {

  /**
   * Learning rate per task and cell for Adam, each picked from the grid {1e-3, 3e-3, 1e-2} on
   * seed 100, disjoint from the reported 0, 1, 2 (README, "The learning-rate grid": agreement at
   * lags 20 and 45, adding at T = 100, cap 2000): per cell the rate that solves the most grid
   * points within the cap, ties broken by the fewer updates to solve (unsolved: the cap); when
   * every rate failed every point, the rate the earlier fixed-data grid chose (rnn 1e-3, lstm
   * 1e-2), else the grid's largest. A cell not yet on the grid gets {@link #UNMEASURED_LR}.
   */
  static final Map<LearnTask, Map<LearnCell, Double>> DEFAULT_LR = Map.of(
      LearnTask.AGREEMENT, Map.of(LearnCell.RNN, 1e-3, LearnCell.GRU, 1e-2, LearnCell.LSTM, 1e-2,
          LearnCell.LSTM_FB1, 1e-3, LearnCell.LRU, 1e-2, LearnCell.ATTENTION, 3e-3),
      LearnTask.ADDING, Map.of(LearnCell.RNN, 1e-3, LearnCell.GRU, 1e-2, LearnCell.LSTM, 1e-2,
          LearnCell.LSTM_FB1, 1e-2, LearnCell.LRU, 1e-2, LearnCell.ATTENTION, 1e-3));

  /** The rate of a cell the grid has not measured yet: the grid's largest. */
  static final double UNMEASURED_LR = 1e-2;

  /** The default size of a fixed training set (also task's, which exports it). */
  static final String TRAIN_SIZE = "4096";
  /** The default size of the held-out test set. */
  static final String TEST_SIZE = "1000";
  /** The default interval between evaluations on the test set. */
  static final String EVAL_EVERY = "100";

  /**
   * Sizes of a run: quick for smoke runs, default for every report, thorough for --profile full.
   * {@code updates} is the cap; runs stop earlier when solved.
   */
  enum Preset implements EnumId {
    QUICK(List.of(5, 30), List.of(50), 1, 600, 600),
    STANDARD(List.of(5, 10, 20, 30, 45), List.of(50, 100, 200), 3, 2000, 1000),
    THOROUGH(List.of(5, 10, 15, 20, 30, 40, 45), List.of(50, 100, 200, 400), 5, 6000, 6000);

    final List<Integer> agreementLags;
    final List<Integer> addingLags;
    final int seeds;
    /** The cap of agreement runs. */
    final int updates;
    /** The cap of adding runs (T up to 200: each update costs up to 4× an agreement one). */
    final int addingUpdates;

    Preset(List<Integer> agreementLags, List<Integer> addingLags, int seeds, int updates,
           int addingUpdates) {
      this.agreementLags = agreementLags;
      this.addingLags = addingLags;
      this.seeds = seeds;
      this.updates = updates;
      this.addingUpdates = addingUpdates;
    }

    /** {@code default} is a Java keyword: the constant says standard, users say default. */
    @Override
    public String id() {
      return this == STANDARD ? "default" : EnumId.super.id();
    }

    /** Each preset's {@code value}, as typed: "quick 5,10,30; default ...; thorough ...". */
    static String each(Function<Preset, ?> value) {
      return Arrays.stream(values()).map(p -> p.id() + " " + typed(value.apply(p)))
          .collect(Collectors.joining("; "));
    }

    private static String typed(Object value) {
      return value instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : value.toString();
    }
  }

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  TaskOptions task = new TaskOptions();

  @Option(names = "--preset", paramLabel = "P", defaultValue = "default",
      converter = Ids.Presets.class, completionCandidates = Ids.Presets.class,
      description = "${COMPLETION-CANDIDATES}: the lags, seeds and updates of a run where"
          + " --lags, --seeds, --updates are not given (each lists them) (default"
          + " ${DEFAULT-VALUE})")
  Preset preset;

  @Option(names = "--cells", paramLabel = "LIST", split = ",", converter = Ids.LearnCells.class,
      completionCandidates = Ids.LearnCells.class,
      description = "cells: ${COMPLETION-CANDIDATES} (lstm-fb1: LSTM with forget-gate bias 1;"
          + " default all)")
  List<LearnCell> cells = LearnCell.values();

  @Option(names = "--lags", paramLabel = "LIST", split = ",", converter = Ranges.Count.class,
      description = "lags k (adding: sequence lengths)")
  List<Integer> lags;

  @Option(names = "--seeds", paramLabel = "N", converter = Ranges.Count.class,
      description = "runs per (cell, lag): seed indices F..F+N-1 (F: --first-seed)")
  Integer seeds;

  @Option(names = "--first-seed", paramLabel = "F", defaultValue = "0",
      converter = Ranges.Index.class,
      description = "the first seed index (the learning-rate grid runs on seeds 100 and 101,"
          + " disjoint from the reported 0, 1, 2) (default ${DEFAULT-VALUE})")
  int firstSeed;

  @Option(names = "--data", paramLabel = "D", defaultValue = "fresh",
      converter = Ids.LearnDataSources.class, completionCandidates = Ids.LearnDataSources.class,
      description = "${COMPLETION-CANDIDATES}: fresh sequences of a seeded stream for every"
          + " batch, or a fixed set of --train-size of them cycled in order (export either with"
          + " `task`) (default ${DEFAULT-VALUE})")
  LearnData data;

  @Option(names = "--eval-every", paramLabel = "N", defaultValue = EVAL_EVERY,
      converter = Ranges.Count.class,
      description = "score the held-out test set every N updates; a run stops at the first"
          + " evaluation that solves the task (default ${DEFAULT-VALUE})")
  int evalEvery;

  @Mixin
  Options.Hidden hidden = new Options.Hidden();

  @Mixin
  TrainingOptions training = new TrainingOptions();

  @Option(names = "--train-size", paramLabel = "N", defaultValue = TRAIN_SIZE,
      converter = Ranges.Count.class,
      description = "with --data fixed: training sequences per run, cycled (default"
          + " ${DEFAULT-VALUE})")
  int trainSize;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = TEST_SIZE,
      converter = Ranges.Count.class,
      description = "held-out test sequences per (lag, seed), never trained on (default"
          + " ${DEFAULT-VALUE})")
  int testSize;

  @Option(names = "--threads", paramLabel = "N", converter = Ranges.Count.class,
      description = "runs at once (default: all cores)")
  Integer threads;

  /** --task, --fillers, --steps: shared with the {@code task} command. */
  static final class TaskOptions {
    @Option(names = "--task", paramLabel = "T", defaultValue = "agreement",
        converter = Ids.Tasks.class, completionCandidates = Ids.Tasks.class,
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    LearnTask task;

    @Option(names = "--fillers", paramLabel = "F", defaultValue = "triples",
        converter = Ids.FillerSets.class, completionCandidates = Ids.FillerSets.class,
        description = "agreement fillers: triples (the lesson's pronoun-verb-separator chain of"
            + " distractors), or words (the key is the only pronoun) (default ${DEFAULT-VALUE})")
    Fillers fillers;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "50",
        converter = Ranges.Count.class,
        description = "agreement sequence length (default ${DEFAULT-VALUE}; adding: the lag)")
    int steps;
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--optimizer", "adam", "--batch", "32", "--clip-norm", "1.0");
  }

  @Override
  public Map<String, String> otherwise() {
    return Map.of(
        "--lags", "the preset's: " + Preset.each(p -> p.agreementLags) + "; adding: "
            + Preset.each(p -> p.addingLags),
        "--seeds", "the preset's: " + Preset.each(p -> p.seeds),
        "--updates", "the cap, the preset's: " + Preset.each(p -> p.updates) + "; adding: "
            + Preset.each(p -> p.addingUpdates),
        "--lr", "per cell, agreement " + rates(LearnTask.AGREEMENT) + "; adding "
            + rates(LearnTask.ADDING) + ", from the grid in the README");
  }

  private static String rates(LearnTask t) {
    return LearnCell.values().stream().map(c -> c.id() + " " + defaultLr(t, c))
        .collect(Collectors.joining(", "));
  }

  /** The learning rate of {@code cell} without --lr: its rate on the grid, else the largest. */
  static double defaultLr(LearnTask task, LearnCell cell) {
    return DEFAULT_LR.get(task).getOrDefault(cell, UNMEASURED_LR);
  }

  @Override
  public Integer call() throws Exception {
    LearnResult r = LearnExperiment.run(config(), output.kernels(), new ProgressLine());
    ExperimentCommand.write(output.out, LearnFiles.INSTANCE, r);
    System.out.print(LearnFiles.INSTANCE.describe(r));
    System.out.println("  wrote " + output.out);
    return 0;
  }

  LearnConfig config() {
    LearnTask t = task.task;
    TrainingOptions o = training;
    Map<LearnCell, Double> lrs = new LinkedHashMap<>();
    for (LearnCell c : cells) {
      lrs.put(c, o.lr != null ? o.lr : defaultLr(t, c));
    }
    return new LearnConfig(t, task.fillers, new ArrayList<>(cells),
        lags != null ? lags : t.regression() ? preset.addingLags : preset.agreementLags,
        seeds != null ? seeds : preset.seeds, task.steps, hidden.value, o.batch,
        o.updates != null ? o.updates : t.regression() ? preset.addingUpdates : preset.updates,
        lrs, optimizerSpec(o.optimizer), o.clipNorm(), o.tbptt, trainSize, testSize,
        threads != null ? threads : Runtime.getRuntime().availableProcessors(), data, evalEvery,
        firstSeed);
  }

  /** {@code kind} with PyTorch's defaults (AdamW's weight decay 1e-2); each cell sets the rate. */
  private static OptimizerSpec optimizerSpec(OptimizerSpec.Kind kind) {
    switch (kind) {
      case SGD:
        return OptimizerSpec.sgd(1, 0, 0, false, 0);
      case ADAMW:
        return OptimizerSpec.adamw(1, 0.9, 0.999, 1e-8, 1e-2);
      default:
        return OptimizerSpec.adam(1, 0.9, 0.999, 1e-8, 0);
    }
  }

  /** One progress line on stderr, rewritten after each run, with the time left. */
  private static final class ProgressLine implements LearnExperiment.Progress {
    private final long start = System.nanoTime();

    @Override
    public void done(int finished, int total, org.bpttbench.experiment.LearnRun run) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      double left = elapsed / finished * (total - finished);
      System.err.printf(Locale.ROOT, "\rlearn: %d/%d runs, %s elapsed, about %s left   %s",
          finished, total, duration(elapsed), duration(left), finished == total ? "\n" : "");
      System.err.flush();
    }

    private static String duration(double s) {
      long r = Math.round(s);
      return r >= 60 ? r / 60 + "m" + String.format(Locale.ROOT, "%02d", r % 60) + "s" : r + "s";
    }
  }
}
