package org.bpttbench.cli;

import java.util.Map;
import org.bpttbench.experiment.ClipConfig;
import org.bpttbench.experiment.ClipExperiment;
import org.bpttbench.experiment.ClipResult;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.ClipFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "clip", modelTransformer = Options.Own.class,
    description = {
        "SGD from an exploding rnn init without and with clip_grad_norm_: loss and gradient"
            + " norm per update.",
        "",
        "Two copies of one rnn take --updates plain SGD steps p <- p - lr*g on the same fixed"
            + " input sequence and final-step target: one with the raw gradient, one after"
            + " clip_grad_norm_(max_norm) (PyTorch semantics: total 2-norm over all parameter"
            + " gradients, coef = max_norm/(total + 1e-6), scaled when coef < 1). The unclipped"
            + " run may overflow: the CSV then shows inf/nan, as float32 arithmetic gives them."
            + " The summary says what happened to each run (diverged, stalled at a zero"
            + " gradient, or how far the loss moved), read off the result.", ""},
    footer = {"", "Writes DIR/clip.csv (update,loss_plain,grad_norm_plain,loss_clipped,"
        + "grad_norm_before_clip,grad_norm_after_clip; loss and norm before the update),"
        + " DIR/clip_grad_norm.png, DIR/clip_loss.png (log y), DIR/summary.json."})
final class ClipCommand extends ExperimentCommand<ClipResult> implements Options.OwnDefaults {
  ClipCommand() {
    super(ClipFiles.INSTANCE);
  }

  @Mixin
  Options.Drive drive = new Options.Drive();

  @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
      converter = Ranges.NonNegative.class, description = "SGD step (default ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--updates", paramLabel = "N", defaultValue = "20",
      converter = Ranges.Count.class, description = "SGD updates (default ${DEFAULT-VALUE})")
  int updates;

  @Option(names = "--max-norm", paramLabel = "C", defaultValue = "1.0",
      converter = Ranges.NonNegative.class,
      description = "clip_grad_norm_'s max_norm (default ${DEFAULT-VALUE})")
  double maxNorm;

  @Mixin
  Options.Target target = new Options.Target();

  /** A small relu rnn whose W_hh of spectral radius 2.5 makes the plain run explode. */
  @Override
  public Map<String, String> defaults() {
    return Map.of("--activation", "relu", "--hidden", "32", "--input", "8", "--steps", "30",
        "--rho", "2.5");
  }

  @Override
  ClipResult run(Kernels k) {
    return ClipExperiment.run(new ClipConfig(setup.setup(), drive.activation(), lr, updates,
        maxNorm, drive.inputScale, target.value), k);
  }
}
