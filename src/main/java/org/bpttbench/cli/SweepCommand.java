package org.bpttbench.cli;

import org.bpttbench.experiment.SweepConfig;
import org.bpttbench.experiment.SweepExperiment;
import org.bpttbench.experiment.SweepResult;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.SweepFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep",
    description = {
        "Vanilla rnn over spectral radius rho, tanh and relu, small and large input: gradient"
            + " ratio vs lag beside rho^k where that is a prediction.",
        "",
        "For each rho, activation and input regime, one rnn with W_hh of spectral radius rho"
            + " (orthogonal: every singular value rho), zero biases, read-out and W_ih"
            + " PyTorch-default. Measured: ||dL_T/dh_{T-k}|| / ||dL_T/dh_T|| for k = 0..T-1"
            + " (exact, GradientCurve).",
        "tanh: with a small input every step Jacobian is about W_hh (tanh'(0) = 1), so rho^k is"
            + " the prediction; a large input saturates units and the ratio falls below it. The"
            + " linearisation holds only while rho^t x scale stays small: the summary reports"
            + " max|h| per run.",
        "relu has no linear regime: diag(1[h > 0]) W_hh drops the directions of the units that"
            + " are off (about half) at every step, so rho^k is no prediction (with the defaults,"
            + " rho = 1, lag 20: 4.2e-4, not 1). Its charts draw sigma_max(W_hh)^k, an upper"
            + " bound only. With zero biases relu(a z) = a relu(z): its small- and large-input"
            + " runs have the same masks (mean phi'); their ratios differ only through the"
            + " target class the read-out picks.",
        "L_T's target is the least likely class at T (unless --target K): with the most likely"
            + " one an exploded state can make the softmax exactly one-hot and every ratio 0/0.",
        ""},
    footer = {"", "Writes DIR/sweep.csv (activation,regime,rho,lag,ratio,prediction; prediction"
        + " empty for relu), one chart per activation and regime"
        + " DIR/sweep_<act>_<small-input|large-input>.png (log y, dashed = rho^k or the bound),"
        + " and DIR/summary.json (lag-20 ratio vs its prediction and bound, max|h|, mean phi')."})
final class SweepCommand extends ExperimentCommand<SweepResult> {
  SweepCommand() {
    super(SweepFiles.INSTANCE);
  }

  @Option(names = "--rhos", paramLabel = "LIST", converter = Ranges.Positive.class, split = ",",
      defaultValue = "0.5,0.7,0.9,1.0,1.1,1.5,2.0",
      description = "spectral radii, comma-separated (default ${DEFAULT-VALUE}); replaces --rho")
  double[] rhos;

  @Option(names = {"--small-scale", "--linear-scale"}, paramLabel = "S", defaultValue = "1e-3",
      converter = Ranges.NonNegative.class,
      description = "input multiplier of the small-input runs (default ${DEFAULT-VALUE})")
  double small;

  @Option(names = {"--large-scale", "--saturated-scale"}, paramLabel = "S", defaultValue = "5",
      converter = Ranges.NonNegative.class,
      description = "input multiplier of the large-input runs (default ${DEFAULT-VALUE})")
  double large;

  @Option(names = "--target", paramLabel = "K", converter = Ranges.Index.class,
      description = "target class of L_T (default: the least likely class at T, per run)")
  Integer target;

  @Override
  SweepResult run(Kernels k) {
    return SweepExperiment.run(new SweepConfig(setup.setup(), rhos, small, large,
        target == null ? -1 : target), k);
  }
}
