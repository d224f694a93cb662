package org.bpttbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.experiment.GradnormConfig;
import org.bpttbench.experiment.GradnormExperiment;
import org.bpttbench.experiment.GradnormResult;
import org.bpttbench.experiment.SequenceGradnormConfig;
import org.bpttbench.experiment.SequenceGradnormExperiment;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.output.SequenceGradnormFiles;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.GradnormFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gradnorm",
    description = {
        "Gradient norms ||dL_T/dh_t|| and parameter gradients of a saved or generated model.",
        "",
        "Runs the model forward over its input sequence, takes the softmax cross-entropy loss L_T"
            + " of the read-out at the final step against class K, and backpropagates through"
            + " time. Without --model a model is generated from the sizes, --init, --rho and"
            + " --seed, and saved to DIR/model/ for re-runs with --model.",
        "",
        "--cell lru or attention: the linear recurrent unit (curve ||dL_T/dh_t|| of its complex"
            + " state, exact) or causal self-attention (||dL_T/dx_t||, the gradient of its input),"
            + " read from a directory of their state_dict .npy files (see the README) or"
            + " generated as the curves experiment does (N = H, the lru on the paper's long-range"
            + " ring, attention as nn.MultiheadAttention with --heads).", ""},
    footer = {"", "Writes DIR/gradnorm.csv (t,grad_norm[,cell_grad_norm for lstm]; t = 1..T,"
        + " grad_norm = ||dL_T/dh_t||_2 of the last layer, exact beyond float range),"
        + " DIR/gradnorm_layers.csv (layer,direction,t,grad_norm: every layer and direction, from"
        + " the float32 pass) with DIR/gradnorm_layers.png (a panel per layer),"
        + " DIR/grad_<param>.npy for every parameter, DIR/summary.json (sizes, backend, loss,"
        + " decay in decades per 10 steps). For lru and attention: gradnorm.csv (t,grad_norm),"
        + " grad_<name>.npy under the state_dict names, summary.json (with the lru's |lambda|"
        + " range) and a generated model/."})
final class GradnormCommand extends ExperimentCommand<GradnormResult> {
  GradnormCommand() {
    super(GradnormFiles.INSTANCE);
  }

  private static final List<String> GENERATION =
      List.of("--hidden", "--input", "--classes", "--steps", "--init", "--rho", "--seed",
          "--input-scale");

  @Spec
  CommandSpec spec;

  @Mixin
  Options.Cell cell = new Options.Cell();

  @Mixin
  Options.Drive drive = new Options.Drive();

  @Option(names = "--model", paramLabel = "DIR", description = "a model directory: every"
      + " state_dict entry as <name>.npy (weight_ih_l0.npy ... weight_hh_l1_reverse.npy: layers"
      + " and directions are read from the names; one layer may drop the _l0 suffix),"
      + " out_weight.npy, out_bias.npy, inputs.npy [T x I] (float32 or float64); for lru and"
      + " attention their own state_dict names (nu_log.npy ... D.npy; in_proj_weight.npy ..."
      + " out_proj.bias.npy; embed.weight/.bias.npy when I != H)")
  Path model;

  @Mixin
  Options.Target target = new Options.Target();

  @Mixin
  Options.Heads heads = new Options.Heads();

  @Option(names = "--allow-nonfinite",
      description = "run even if weights or inputs hold NaN/Inf (the CSV shows nan/inf)")
  boolean allowNonFinite;

  /** What applies to the cells only: W_hh's init and scale, the rnn's nonlinearity. */
  private static final List<String> CELLS_ONLY = List.of("--init", "--rho", "--activation");

  @Override
  public Integer call() throws IOException {
    SequenceKind seq = cell.sequence();
    if (seq == null) {
      Options.refuseGiven(spec, List.of("--heads"), "applies to --cell attention only");
      return super.call();
    }
    if (seq != SequenceKind.ATTENTION) {
      Options.refuseGiven(spec, List.of("--heads"), "applies to --cell attention only");
    }
    Options.refuseGiven(spec, CELLS_ONLY, "does not apply to --cell " + seq.id() + " (the lru"
        + " is initialised on the paper's long-range ring, attention as nn.MultiheadAttention)");
    Kernels k = output.kernels();
    SequenceGradnormConfig config;
    if (model == null) {
      config = SequenceGradnormConfig.generated(setup.setup(), seq, heads.value, drive.inputScale,
          target.value);
    } else {
      Options.refuseGiven(spec, GENERATION,
          "cannot be combined with --model (the sizes come from the model's files)");
      SequenceModelFiles.Loaded loaded = SequenceModelFiles.load(model, seq, allowNonFinite);
      config = new SequenceGradnormConfig(SequenceGradnormConfig.spec(seq, loaded.parameters(),
          loaded.outWeight(), heads.value), loaded.parameters(), loaded.outWeight(),
          loaded.outBias(), loaded.inputs(), target.value, model.toAbsolutePath().toString(),
          null);
    }
    return publish(output.out, SequenceGradnormFiles.INSTANCE,
        SequenceGradnormExperiment.run(config, k));
  }

  @Override
  GradnormResult run(Kernels k) {
    GradnormConfig config;
    if (model == null) {
      config = GradnormConfig.generated(setup.setup(), cell.kind(), drive.activation(),
          drive.inputScale, target.value);
    } else {
      Options.refuseGiven(spec, GENERATION,
          "cannot be combined with --model (the sizes come from the model's files)");
      ModelFiles.Loaded loaded = ModelFiles.load(model, cell.kind(), drive.activation(),
          allowNonFinite);
      config = new GradnormConfig(loaded.model(), loaded.inputs(), target.value,
          model.toAbsolutePath().toString(), null);
    }
    return GradnormExperiment.run(config, k);
  }
}
