package org.bpttbench.cli;

import java.util.concurrent.Callable;
import org.bpttbench.cell.EnumId;
import org.bpttbench.experiment.LearnExperiment;
import org.bpttbench.experiment.LearnTask;
import org.bpttbench.io.NpyWriter;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.train.task.TaskData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "task",
    description = {"Exports the data of one `learn` run exactly as learn generates them (the same"
        + " for every cell), for `train --data` and src/test/python/learn_torch.py: the first"
        + " --count sequences of the (lag, seed)'s training stream (the batches of --count / B"
        + " fresh updates, or with learn --data fixed its whole training set), or its held-out"
        + " test set.", ""},
    footer = {"", "Writes DIR/inputs.npy [N x T x I] float32 (one-hot tokens, or value and"
        + " marker for adding) and DIR/targets.npy: [N] int64 classes (agreement: 0 = base"
        + " form, 1 = -s form) or [N] float32 sums (adding)."})
final class TaskCommand implements Callable<Integer> {
  @Mixin
  Options.Out output = new Options.Out();

  @Mixin
  LearnCommand.TaskOptions task = new LearnCommand.TaskOptions();

  @Option(names = "--lag", paramLabel = "K", required = true, converter = Ranges.Count.class,
      description = "the lag k (adding: the sequence length)")
  int lag;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", converter = Ranges.Index.class,
      description = "the seed index of the learn run (default ${DEFAULT-VALUE})")
  int seed;

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
      converter = Ids.Splits.class, completionCandidates = Ids.Splits.class,
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  Split split;

  @Option(names = "--count", paramLabel = "N", converter = Ranges.Count.class,
      description = "sequences (default: learn's, " + LearnCommand.TRAIN_SIZE + " for train and"
          + " --test-size for test)")
  Integer count;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = LearnCommand.TEST_SIZE,
      converter = Ranges.Count.class,
      description = "learn's --test-size: the held-out set the training stream leaves out"
          + " (default ${DEFAULT-VALUE})")
  int testSize;

  enum Split implements EnumId { TRAIN, TEST }

  @Override
  public Integer call() throws Exception {
    LearnTask t = task.task;
    if (!t.regression() && lag > task.steps - 1) {
      throw new IllegalArgumentException("--lag " + lag + " does not fit " + task.steps
          + " steps (expected 1.." + (task.steps - 1) + ")");
    }
    int n = count != null ? count
        : split == Split.TRAIN ? Integer.parseInt(LearnCommand.TRAIN_SIZE) : testSize;
    TaskData d = LearnExperiment.data(t, task.fillers, lag, task.steps, n, seed,
        split == Split.TEST, testSize);
    try (StagedDirectory stage = StagedDirectory.create(output.out)) {
      NpyWriter.write(stage.path().resolve("inputs.npy"),
          new int[] {d.count(), d.steps(), d.inputSize()}, d.inputs());
      if (d.isRegression()) {
        NpyWriter.write(stage.path().resolve("targets.npy"), new int[] {d.count()}, d.values());
      } else {
        NpyWriter.writeInt64(stage.path().resolve("targets.npy"), new int[] {d.count()},
            java.util.Arrays.stream(d.labels()).asLongStream().toArray());
      }
      stage.commit();
    }
    System.out.println("task: " + t.id() + " lag " + lag + " seed " + seed + " " + split.id() + ", "
        + d.count() + " x " + d.steps() + " x " + d.inputSize() + ": wrote " + output.out);
    return 0;
  }
}
