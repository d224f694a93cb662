package org.bpttbench.experiment;

import org.bpttbench.cell.EnumId;
import org.bpttbench.train.TrainingData;
import org.bpttbench.train.task.AddingTask;
import org.bpttbench.train.task.AgreementTask;
import org.bpttbench.train.task.Fillers;
import org.bpttbench.train.task.TaskData;

/**
 * The two tasks of {@code learn}: the lesson's agreement across a lag k in sequences of a fixed
 * length (accuracy; chance 50 %, solved at ≥ 95 %), and the adding problem, whose dependency spans
 * the whole sequence, so its lag is the sequence length (mean squared error; predicting the mean
 * scores 1/6, solved below 0.01).
 */
public enum LearnTask implements EnumId {
  AGREEMENT, ADDING;

  public static final double SOLVED_ACCURACY = 0.95;

  public static LearnTask fromId(String id) {
    return EnumId.fromId(LearnTask.class, id, "task");
  }

  public boolean regression() {
    return this == ADDING;
  }

  /** What a run's score is: accuracy, or the mean squared error. */
  public String scoreName() {
    return regression() ? "mse" : "accuracy";
  }

  /** Whether a score solves the task. */
  public boolean solved(double score) {
    return regression() ? score < AddingTask.SOLVED_MSE : score >= SOLVED_ACCURACY;
  }

  /** Accuracy gained over the second half of the budget below which a curve counts as flat. */
  public static final double FLAT_ACCURACY = 0.05;
  /** MSE ratio (best of the second half / at half-way) above which a curve counts as flat. */
  public static final double FLAT_MSE_RATIO = 0.8;

  /**
   * Whether a learning curve is flat over the second half of its budget: the best held-out score
   * after half-way improves on the score at half-way by less than {@link #FLAT_ACCURACY} (accuracy)
   * or by less than a fifth ({@link #FLAT_MSE_RATIO}, MSE).
   */
  public boolean flat(double atHalf, double bestAfterHalf) {
    return regression() ? bestAfterHalf > FLAT_MSE_RATIO * atHalf
        : bestAfterHalf - atHalf < FLAT_ACCURACY;
  }

  /** Whether score {@code a} is better than {@code b}. */
  public boolean better(double a, double b) {
    return regression() ? a < b : a > b;
  }

  /** The score of a model that learned nothing: 50 % accuracy, or MSE 1/6. */
  public double chance() {
    return regression() ? AddingTask.BASELINE_MSE : 0.5;
  }

  /** The sequence length of a run at {@code lag}: {@code steps}, or the lag itself (adding). */
  public int steps(int lag, int steps) {
    return regression() ? lag : steps;
  }

  public int inputSize() {
    return regression() ? AddingTask.INPUTS : AgreementTask.VOCABULARY;
  }

  /** Read-out outputs: the two verb forms, or one regression output. */
  public int outputs() {
    return regression() ? 1 : AgreementTask.CLASSES.size();
  }

  /** {@code count} sequences for a run at {@code lag} ({@link #steps} steps), deterministic. */
  public TaskData generate(int count, int lag, int steps, Fillers fillers, long seed) {
    return regression() ? AddingTask.generate(count, lag, seed)
        : AgreementTask.generate(count, steps, lag, fillers, seed);
  }

  /** Generated sequences as training data (loss at the final step). */
  public static TrainingData trainingData(TaskData d) {
    return d.isRegression()
        ? TrainingData.regression(d.inputs(), d.count(), d.steps(), d.inputSize(), d.values())
        : new TrainingData(d.inputs(), d.count(), d.steps(), d.inputSize(), d.labels(),
            org.bpttbench.bptt.LossMode.FINAL);
  }
}
