package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.bpttbench.experiment.GradnormConfig;
import org.bpttbench.experiment.GradnormExperiment;
import org.bpttbench.experiment.GradnormResult;
import org.bpttbench.io.ModelFiles;
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
            + " --seed, and saved to DIR/model/ for re-runs with --model.", ""},
    footer = {"", "Writes DIR/gradnorm.csv (t,grad_norm[,cell_grad_norm for lstm]; t = 1..T,"
        + " grad_norm = ||dL_T/dh_t||_2 of the last layer, exact beyond float range),"
        + " DIR/gradnorm_layers.csv (layer,direction,t,grad_norm: every layer and direction, from"
        + " the float32 pass) with DIR/gradnorm_layers.png (a panel per layer),"
        + " DIR/grad_<param>.npy for every parameter, DIR/summary.json (sizes, backend, loss,"
        + " decay in decades per 10 steps)."})
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
      + " out_weight.npy, out_bias.npy, inputs.npy [T x I] (float32 or float64)")
  Path model;

  @Mixin
  Options.Target target = new Options.Target();

  @Option(names = "--allow-nonfinite",
      description = "run even if weights or inputs hold NaN/Inf (the CSV shows nan/inf)")
  boolean allowNonFinite;

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
