package org.bpttbench.cli;

import org.bpttbench.experiment.CurvesConfig;
import org.bpttbench.experiment.CurvesExperiment;
import org.bpttbench.experiment.CurvesResult;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.CurvesFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "curves",
    description = {
        "||dL_T/dh_t|| vs t for rnn, gru and lstm on the same input and init (the lesson's"
            + " figure).",
        "",
        "The three cells get the same input sequence (standard normal times --input-scale) and"
            + " the same init for every W_hh gate block. L_T = softmax cross-entropy of the"
            + " read-out at step T. The curve ||dL_T/dh_t||_2, t = 1..T, is exact beyond float"
            + " range (GradientCurve).", ""},
    footer = {"", "Writes DIR/curves.csv (t,rnn,gru,lstm), DIR/curves.png (log y),"
        + " DIR/summary.json (fitted decay in decades per 10 steps beside the lesson's claims)."})
final class CurvesCommand extends ExperimentCommand<CurvesResult> {
  CurvesCommand() {
    super(CurvesFiles.INSTANCE);
  }

  @Mixin
  Options.Target target = new Options.Target();

  @Mixin
  Options.Drive drive = new Options.Drive();

  @Override
  CurvesResult run(Kernels k) {
    return CurvesExperiment.run(new CurvesConfig(setup.setup(), drive.activation(),
        target.value, drive.inputScale), k);
  }
}
