package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Model;
import org.bpttbench.experiment.MemoryBudget;
import org.bpttbench.io.DataFiles;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.report.TrainFiles;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.TrainConfig;
import org.bpttbench.train.Trainer;
import org.bpttbench.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "train",
    description = {
        "Mini-batch training of a model of your own, as a PyTorch loop does it.",
        "",
        "Per batch: forward over B sequences, mean cross-entropy (final step: mean over B; every"
            + " step: mean over B*T, as torch.nn.functional.cross_entropy), backward through"
            + " time, total = clip_grad_norm_(C), clip_grad_value_(V), optimizer.step() with"
            + " torch.optim's SGD/Adam/AdamW semantics. Batch u holds sequences u*B .. u*B+B-1"
            + " (mod N, file order) unless --shuffle is given, so the run can be repeated in"
            + " PyTorch step for step.", ""},
    footer = {"", "Writes DIR/model/*.npy (the trained parameters, same names and shapes, loadable"
        + " back into PyTorch), DIR/train.csv (update,loss,grad_norm: one row per optimizer step"
        + " from 1; loss = that step's mean loss before the step; grad_norm = the total norm"
        + " before clipping, what clip_grad_norm_ returns), DIR/summary.json."})
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  Options.Cell cell = new Options.Cell();

  @Mixin
  Options.Act act = new Options.Act();

  @Mixin
  OptimizerOptions optimizer = new OptimizerOptions();

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model"
      + " directory as gradnorm reads it (state_dict names, any number of layers, uni- or"
      + " bidirectional; no inputs.npy needed); the trained model is written back in the same"
      + " names")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "inputs.npy"
      + " [N x T x I] float32 and targets.npy with integer classes: [N] for --loss final,"
      + " [N x T] for --loss all")
  Path data;

  @Option(names = "--loss", paramLabel = "L", defaultValue = "final",
      converter = LossChoice.class, description = "final (the final step's loss L_T) or all"
      + " (every step's, L = sum_t L_t) (default ${DEFAULT-VALUE})")
  LossMode loss;

  @Option(names = "--batch", required = true, paramLabel = "B", converter = Ranges.Count.class,
      description = "sequences per batch")
  int batch;

  @Option(names = "--updates", required = true, paramLabel = "N", converter = Ranges.Count.class,
      description = "batches to train on (each one optimizer step, or one per chunk with"
          + " --tbptt)")
  int updates;

  @Option(names = "--clip-norm", paramLabel = "C", converter = Ranges.NonNegative.class,
      description = "clip_grad_norm_(C) over all parameters before each step (default: none)")
  Double clipNorm;

  @Option(names = "--clip-value", paramLabel = "V", converter = Ranges.NonNegative.class,
      description = "clip_grad_value_(V) after the norm clip (default: none)")
  Double clipValue;

  @Option(names = "--tbptt", paramLabel = "K", converter = Ranges.Count.class,
      description = "truncated BPTT: cut each batch into chunks of K steps; the state is carried"
          + " into the next chunk detached (no gradient crosses a cut) and every chunk holding a"
          + " loss term gets its own backward and optimizer step. With --loss final only the"
          + " last chunk has a loss, so a dependency further back than K steps cannot be"
          + " learned (default: full BPTT)")
  Integer tbptt;

  @Option(names = "--shuffle", paramLabel = "SEED", description = "draw each pass over the data"
      + " as a permutation from java.util.Random(SEED) instead of file order")
  Long shuffle;

  /** {@code final|all}; "final" cannot be an enum constant. */
  static final class LossChoice implements ITypeConverter<LossMode> {
    @Override
    public LossMode convert(String v) {
      switch (v) {
        case "final":
          return LossMode.FINAL;
        case "all":
          return LossMode.ALL_STEPS;
        default:
          throw new TypeConversionException("expected final or all but was '" + v + "'");
      }
    }
  }

  @Override
  public Integer call() throws java.io.IOException {
    OptimizerSpec optimizerSpec = optimizer.spec(spec);
    Kernels k = output.kernels();
    LossMode mode = loss;
    Model m = ModelFiles.loadParameters(model, cell.kind(), act.activation(), false);
    DataFiles.Loaded d = DataFiles.load(data, mode == LossMode.ALL_STEPS);
    MemoryBudget.require(Trainer.workspaceBytes(m.kind, m.inputSize, m.hiddenSize, m.classes,
        m.numLayers, m.bidirectional, batch, d.steps(), tbptt == null ? 0 : tbptt, updates),
        "training a " + m.kind.id()
        + " with H = " + m.hiddenSize + " on batches of " + batch + " × " + d.steps() + " steps");
    TrainingData td = new TrainingData(d.inputs(), d.sequences(), d.steps(), d.inputSize(),
        d.targets(), mode);
    TrainConfig config = new TrainConfig(m, k, td, batch, updates, optimizerSpec,
        clipNorm == null ? Double.POSITIVE_INFINITY : clipNorm,
        clipValue == null ? Double.POSITIVE_INFINITY : clipValue, tbptt == null ? 0 : tbptt,
        shuffle == null ? OptionalLong.empty() : OptionalLong.of(shuffle));
    TrainFiles.Run run = new TrainFiles.Run(config, Trainer.train(config),
        model.toAbsolutePath().toString(), data.toAbsolutePath().toString());
    return ExperimentCommand.publish(output.out, TrainFiles.INSTANCE, run);
  }
}
