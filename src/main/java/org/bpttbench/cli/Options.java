package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Single options several commands share, each declared here once (mixins). */
final class Options {
  private Options() {}

  /** Refuses the first of {@code options} given on the command line: "option --x " + why. */
  static void refuseGiven(CommandSpec command, List<String> options, String why) {
    for (String opt : options) {
      if (command.commandLine().getParseResult().hasMatchedOption(opt)) {
        throw new ParameterException(command.commandLine(), "option " + opt + " " + why);
      }
    }
  }

  /** {@code --out DIR}; {@link OutputOptions} adds {@code --backend}. */
  static class Out {
    @Option(names = "--out", required = true, paramLabel = "DIR", converter = Ranges.OutDir.class,
        description = "output directory (written in full beside it, then renamed into place)")
    Path out;
  }

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
        converter = CellIds.class, completionCandidates = CellIds.class,
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    CellKind value;

    CellKind kind() {
      return value;
    }
  }

  /** The cells' ids, read off {@link CellKind} (the registry), and their parser. */
  static final class CellIds implements Iterable<String>, ITypeConverter<CellKind> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(CellKind.values()).map(CellKind::id).iterator();
    }

    @Override
    public CellKind convert(String id) {
      try {
        return CellKind.fromId(id);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
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
