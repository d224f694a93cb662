package org.bpttbench.cli;

import org.bpttbench.analysis.InitScheme;
import org.bpttbench.experiment.Setup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command generates its model and input ({@link Setup}). A command with other defaults says
 * so in its {@link Options.OwnDefaults}; picocli shows the defaults in the help.
 */
final class SetupOptions {
  @Mixin
  Options.Hidden hidden = new Options.Hidden();

  @Option(names = "--input", paramLabel = "I", defaultValue = "16",
      converter = Ranges.Count.class, description = "input size (default ${DEFAULT-VALUE})")
  int input;

  @Option(names = "--classes", paramLabel = "V", defaultValue = "10",
      converter = Ranges.Count.class, description = "read-out classes (default ${DEFAULT-VALUE})")
  int classes;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "50",
      converter = Ranges.Count.class, description = "sequence length (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--init", paramLabel = "INIT", defaultValue = "orthogonal",
      converter = Ids.Inits.class, completionCandidates = Ids.Inits.class,
      description = "W_hh init, each gate block: gauss (rescaled to spectral radius R),"
          + " orthogonal (x R), identity (R I) or pytorch (uniform(+-1/sqrt(H)), R ignored);"
          + " every other parameter is PyTorch's uniform (default ${DEFAULT-VALUE})")
  InitScheme init;

  @Option(names = "--rho", paramLabel = "R", defaultValue = "1.0",
      converter = Ranges.NonNegative.class,
      description = "scale of W_hh, >= 0 (default ${DEFAULT-VALUE})")
  double rho;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "seed of weights and inputs (default ${DEFAULT-VALUE})")
  long seed;

  Setup setup() {
    return new Setup(hidden.value, input, classes, steps, init, rho, seed);
  }
}
