package org.bpttbench.cli;

import org.bpttbench.experiment.Setup;
import picocli.CommandLine.Option;

/**
 * How a command generates its model and input ({@link Setup}). The defaults are the field values
 * each command constructs this with; picocli shows them in the help.
 */
final class SetupOptions {
  @Option(names = "--hidden", paramLabel = "H", converter = Ranges.Count.class,
      description = "hidden size (default ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--input", paramLabel = "I", converter = Ranges.Count.class,
      description = "input size (default ${DEFAULT-VALUE})")
  int input;

  @Option(names = "--classes", paramLabel = "V", converter = Ranges.Count.class,
      description = "read-out classes (default ${DEFAULT-VALUE})")
  int classes;

  @Option(names = "--steps", paramLabel = "T", converter = Ranges.Count.class,
      description = "sequence length (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--init", paramLabel = "INIT",
      description = "W_hh init, each gate block: gauss (rescaled to spectral radius R),"
          + " orthogonal (x R), identity (R I) or pytorch (uniform(+-1/sqrt(H)), R ignored);"
          + " every other parameter is PyTorch's uniform (default ${DEFAULT-VALUE})")
  Choices.Init init;

  @Option(names = "--rho", paramLabel = "R", converter = Ranges.NonNegative.class,
      description = "scale of W_hh, >= 0 (default ${DEFAULT-VALUE})")
  double rho;

  @Option(names = "--seed", paramLabel = "S", description = "seed of weights and inputs"
      + " (default ${DEFAULT-VALUE})")
  long seed = 42;

  SetupOptions(int hidden, int input, int classes, int steps, Choices.Init init, double rho) {
    this.hidden = hidden;
    this.input = input;
    this.classes = classes;
    this.steps = steps;
    this.init = init;
    this.rho = rho;
  }

  SetupOptions() {
    this(64, 16, 10, 50, Choices.Init.orthogonal, 1.0);
  }

  Setup setup() {
    return new Setup(hidden, input, classes, steps, init.scheme(), rho, seed);
  }
}
