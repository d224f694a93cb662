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
        "||dL_T/dh_t|| vs t for rnn, gru, lstm and lru, ||dL_T/dx_t|| for attention, on the same"
            + " input (the lesson's figure).",
        "",
        "The five models get the same sizes, seed and input sequence (standard normal times"
            + " --input-scale); the three cells the same init for every W_hh gate block, the lru"
            + " the paper's long-range ring (|lambda| in [0.9, 0.999], N = H), attention"
            + " nn.MultiheadAttention's init (one head, E = H); both read the input through a"
            + " learned embedding when --input differs from --hidden. L_T = softmax cross-entropy"
            + " of the read-out at step T. The curves are exact beyond float range (GradientCurve,"
            + " the lru's closed form); attention's is the float32 pass.", ""},
    footer = {"", "Writes DIR/curves.csv (t,rnn,gru,lstm,lru,attention), DIR/curves.png (log y),"
        + " DIR/summary.json (fitted decay in decades per 10 steps beside the lesson's claims;"
        + " lru_spectrum: the lru's decay over 1000 steps on both rings against -10 log10"
        + " max|lambda|, on the input and on ten times it)."})
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
