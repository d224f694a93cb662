package org.bpttbench.cli;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Single options several commands share, each declared here once (mixins). */
final class Options {
  private Options() {}

  /** {@code --target K}. */
  static final class Target {
    @Option(names = "--target", paramLabel = "K", defaultValue = "0",
        converter = Ranges.Index.class,
        description = "target class of L_T, the loss at the final step (default ${DEFAULT-VALUE})")
    int value;
  }

  /** {@code --cell C}. */
  static final class Cell {
    @Option(names = "--cell", paramLabel = "C", defaultValue = "rnn",
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Choices.Cell value;

    CellKind kind() {
      return value.kind();
    }
  }

  /** {@code --activation A}: the RNN's nonlinearity; the default is the one this is built with. */
  static final class Act {
    @Option(names = "--activation", paramLabel = "A",
        description = "rnn nonlinearity: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Choices.Act activation;

    Act(Choices.Act dflt) {
      activation = dflt;
    }

    Act() {
      this(Choices.Act.tanh);
    }

    Activation activation() {
      return activation.activation();
    }
  }

  /**
   * {@code --activation A --input-scale S}: the RNN's nonlinearity and the input multiplier; the
   * activation's default is the one this is constructed with.
   */
  static final class Drive {
    @Mixin
    Act act;

    @Option(names = "--input-scale", paramLabel = "S", defaultValue = "1.0",
        converter = Ranges.NonNegative.class,
        description = "multiplier of the standard normal input (default ${DEFAULT-VALUE})")
    double inputScale;

    Drive(Choices.Act dflt) {
      act = new Act(dflt);
    }

    Drive() {
      this(Choices.Act.tanh);
    }

    Activation activation() {
      return act.activation();
    }
  }
}
