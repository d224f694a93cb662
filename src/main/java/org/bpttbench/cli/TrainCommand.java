package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Model;
import org.bpttbench.experiment.MemoryBudget;
import org.bpttbench.experiment.SequenceGradnormConfig;
import org.bpttbench.io.DataFiles;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.SequenceTrainFiles;
import org.bpttbench.output.TrainFiles;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.SequenceTrainConfig;
import org.bpttbench.train.SequenceTrainer;
import org.bpttbench.train.TrainConfig;
import org.bpttbench.train.Trainer;
import org.bpttbench.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "train", modelTransformer = Options.Own.class,
    description = {
        "Mini-batch training of a model of your own, as a PyTorch loop does it.",
        "",
        "Per batch: forward over B sequences, mean cross-entropy (final step: mean over B; every"
            + " step: mean over B*T, as torch.nn.functional.cross_entropy), backward through"
            + " time, total = clip_grad_norm_(C), clip_grad_value_(V), optimizer.step() with"
            + " torch.optim's SGD/Adam/AdamW semantics. Batch u holds sequences u*B .. u*B+B-1"
            + " (mod N, file order) unless --shuffle is given, so the run can be repeated in"
            + " PyTorch step for step.",
        "",
        "--cell lru or attention trains the linear recurrent unit or causal self-attention read"
            + " from their state_dict .npy files (see the README; --heads for attention) with"
            + " full BPTT; --tbptt is refused for them.", ""},
    footer = {"", "Writes DIR/model/*.npy (the trained parameters, same names and shapes, loadable"
        + " back into PyTorch), DIR/train.csv (update,loss,grad_norm: one row per optimizer step"
        + " from 1; loss = that step's mean loss before the step; grad_norm = the total norm"
        + " before clipping, what clip_grad_norm_ returns), DIR/summary.json."})
final class TrainCommand implements Callable<Integer>, Options.OwnDefaults {
  @Spec
  CommandSpec spec;

  @Mixin
  OutputOptions output = new OutputOptions();

  @Mixin
  Options.Cell cell = new Options.Cell();

  @Mixin
  Options.Act act = new Options.Act();

  @Mixin
  Options.Heads heads = new Options.Heads();

  @Mixin
  TrainingOptions training = new TrainingOptions();

  @Mixin
  OptimizerOptions optimizer = new OptimizerOptions();

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model"
      + " directory as gradnorm reads it (state_dict names, any number of layers, uni- or"
      + " bidirectional; lru and attention under their own state_dict names; no inputs.npy"
      + " needed); the trained model is written back in the same names")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "inputs.npy"
      + " [N x T x I] float32 and targets.npy with integer classes: [N] for --loss final,"
      + " [N x T] for --loss all")
  Path data;

  @Option(names = "--loss", paramLabel = "L", defaultValue = "final",
      converter = Ids.Losses.class, description = "final (the final step's loss L_T) or all"
      + " (every step's, the mean over batch x steps as cross_entropy takes it) (default"
      + " ${DEFAULT-VALUE})")
  LossMode loss;

  @Option(names = "--clip-value", paramLabel = "V", converter = Ranges.NonNegative.class,
      description = "clip_grad_value_(V) after the norm clip (default: none)")
  Double clipValue;

  @Option(names = "--shuffle", paramLabel = "SEED", description = "draw each pass over the data"
      + " as a permutation from java.util.Random(SEED) instead of file order")
  Long shuffle;

  @Override
  public Set<String> required() {
    return Set.of("--optimizer", "--lr", "--batch", "--updates");
  }

  @Override
  public Map<String, String> otherwise() {
    return Map.of("--clip-norm", "none");
  }

  @Override
  public Integer call() throws java.io.IOException {
    TrainingOptions t = training;
    OptimizerSpec optimizerSpec = optimizer.spec(spec, t.optimizer, t.lr);
    Kernels k = output.kernels();
    if (cell.sequence() != null) {
      return trainSequence(cell.sequence(), optimizerSpec, k);
    }
    Options.refuseGiven(spec, List.of("--heads"), "applies to --cell attention only");
    Model m = ModelFiles.loadParameters(model, cell.kind(), act.activation(), false);
    DataFiles.Loaded d = DataFiles.load(data, loss == LossMode.ALL_STEPS);
    MemoryBudget.require(Trainer.workspaceBytes(m.kind, m.inputSize, m.hiddenSize, m.classes,
        m.numLayers, m.bidirectional, t.batch, d.steps(), t.tbptt, t.updates), "training a "
        + m.kind.id() + " with H = " + m.hiddenSize + " on batches of " + t.batch + " × "
        + d.steps() + " steps");
    TrainingData td = new TrainingData(d.inputs(), d.sequences(), d.steps(), d.inputSize(),
        d.targets(), loss);
    TrainConfig config = new TrainConfig(m, k, td, t.batch, t.updates, optimizerSpec,
        t.clipNorm(), clipValue == null ? Double.POSITIVE_INFINITY : clipValue, t.tbptt,
        shuffle == null ? OptionalLong.empty() : OptionalLong.of(shuffle));
    TrainFiles.Run run = new TrainFiles.Run(config, Trainer.train(config),
        model.toAbsolutePath().toString(), data.toAbsolutePath().toString());
    return ExperimentCommand.publish(output.out, TrainFiles.INSTANCE, run);
  }

  /** The LRU or attention: full BPTT only (SequenceTrainStep has no truncation). */
  private int trainSequence(SequenceKind kind, OptimizerSpec optimizerSpec, Kernels k)
      throws java.io.IOException {
    TrainingOptions t = training;
    if (t.tbptt != 0) {
      throw new ParameterException(spec.commandLine(), "option --tbptt is not supported for"
          + " --cell " + kind.id() + " (the sequence models train with full BPTT only)");
    }
    Options.refuseGiven(spec, List.of("--activation"), "does not apply to --cell " + kind.id());
    if (kind != SequenceKind.ATTENTION) {
      Options.refuseGiven(spec, List.of("--heads"), "applies to --cell attention only");
    }
    SequenceModelFiles.Loaded p = SequenceModelFiles.loadParameters(model, kind, false);
    SequenceSpec s = SequenceGradnormConfig.spec(kind, p.parameters(), p.outWeight(),
        heads.value);
    DataFiles.Loaded d = DataFiles.load(data, loss == LossMode.ALL_STEPS);
    MemoryBudget.require(SequenceTrainConfig.workspaceBytes(s, t.batch, d.steps(), t.updates),
        "training a " + kind.id() + " with H = " + s.hidden() + " on batches of " + t.batch
            + " × " + d.steps() + " steps");
    TrainingData td = new TrainingData(d.inputs(), d.sequences(), d.steps(), d.inputSize(),
        d.targets(), loss);
    SequenceTrainConfig config = new SequenceTrainConfig(s, p.parameters(), p.outWeight(),
        p.outBias(), k, td, t.batch, t.updates, optimizerSpec, t.clipNorm(),
        clipValue == null ? Double.POSITIVE_INFINITY : clipValue,
        shuffle == null ? OptionalLong.empty() : OptionalLong.of(shuffle));
    SequenceTrainFiles.Run run = new SequenceTrainFiles.Run(config,
        SequenceTrainer.train(config), model.toAbsolutePath().toString(),
        data.toAbsolutePath().toString());
    return ExperimentCommand.publish(output.out, SequenceTrainFiles.INSTANCE, run);
  }
}
