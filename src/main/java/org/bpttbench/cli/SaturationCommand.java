package org.bpttbench.cli;

import org.bpttbench.experiment.SaturationConfig;
import org.bpttbench.experiment.SaturationExperiment;
import org.bpttbench.experiment.SaturationResult;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.SaturationFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "saturation",
    description = {
        "tanh rnn: fraction of saturated units vs gradient surviving 10 and 30 steps, as the"
            + " input grows.",
        "",
        "One tanh rnn, one standard normal input sequence multiplied by each --scales value."
            + " For each scale: the fraction of saturated units, |h_t,i| > threshold over all"
            + " t = 1..T and units i; the mean tanh' (1 - h^2); and the gradient that survives k"
            + " steps back from the loss, ||dL_T/dh_{T-k}|| / ||dL_T/dh_T||, for k = 10 and 30"
            + " (exact, GradientCurve). Needs T >= 31.", ""},
    footer = {"", "Writes DIR/saturation.csv (input_scale,saturated_fraction,"
        + "mean_tanh_derivative,survive_10,survive_30), DIR/saturation.png (survival vs"
        + " saturated fraction), DIR/saturation_vs_scale.png, DIR/summary.json."})
final class SaturationCommand extends ExperimentCommand<SaturationResult> {
  SaturationCommand() {
    super(SaturationFiles.INSTANCE);
  }

  @Option(names = "--scales", paramLabel = "LIST", converter = Ranges.Positive.class, split = ",",
      defaultValue = "0.01,0.03,0.1,0.3,1,2,3,5,10,30,100",
      description = "input multipliers, comma-separated (default ${DEFAULT-VALUE})")
  double[] scales;

  @Option(names = "--threshold", paramLabel = "X", defaultValue = "0.99",
      converter = Ranges.Fraction.class,
      description = "|h| above this counts as saturated, in [0, 1] (default ${DEFAULT-VALUE})")
  double threshold;

  @Mixin
  Options.Target target = new Options.Target();

  @Override
  SaturationResult run(Kernels k) {
    return SaturationExperiment.run(new SaturationConfig(setup.setup(), scales, threshold,
        target.value), k);
  }
}
