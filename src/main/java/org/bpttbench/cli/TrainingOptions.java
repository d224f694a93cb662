package org.bpttbench.cli;

import org.bpttbench.train.OptimizerSpec;
import picocli.CommandLine.Option;

/**
 * How {@code train} and {@code learn} train: the optimizer, its learning rate, the batches, the
 * clipping, the truncation. Declared without defaults where the two commands differ: each says
 * its own in its {@link Options.OwnDefaults} (train requires most of them; learn has one for
 * each).
 */
final class TrainingOptions {
  @Option(names = "--optimizer", paramLabel = "O", converter = Ids.Optimizers.class,
      completionCandidates = Ids.Optimizers.class, description = "${COMPLETION-CANDIDATES}")
  OptimizerSpec.Kind optimizer;

  @Option(names = "--lr", paramLabel = "LR", converter = Ranges.NonNegative.class,
      description = "learning rate")
  Double lr;

  @Option(names = "--batch", paramLabel = "B", converter = Ranges.Count.class,
      description = "sequences per batch")
  Integer batch;

  @Option(names = "--updates", paramLabel = "N", converter = Ranges.Count.class,
      description = "batches to train on (each one optimizer step, or one per chunk with"
          + " --tbptt)")
  Integer updates;

  @Option(names = "--clip-norm", paramLabel = "C", converter = Ranges.NonNegative.class,
      description = "clip_grad_norm_(C) over all parameters before each step")
  Double clipNorm;

  @Option(names = "--tbptt", paramLabel = "K", defaultValue = "0", converter = Ranges.Index.class,
      description = "truncated BPTT: cut each batch into chunks of K steps; the state is carried"
          + " into the next chunk detached (no gradient crosses a cut) and every chunk holding a"
          + " loss term gets its own backward and optimizer step. With the final step's loss"
          + " only the last chunk has a loss, so a dependency further back than K steps cannot"
          + " be learned. 0 = full BPTT (default ${DEFAULT-VALUE})")
  int tbptt;

  /** The clipping norm, infinite (no clipping) when there is none. */
  double clipNorm() {
    return clipNorm == null ? Double.POSITIVE_INFINITY : clipNorm;
  }
}
