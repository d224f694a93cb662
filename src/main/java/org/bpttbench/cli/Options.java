package org.bpttbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.EnumId;
import org.bpttbench.seq.SequenceKind;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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

  /**
   * A command's own defaults for options it shares with other commands. picocli reads an option's
   * annotation once per class (and shows a field's initial value as it prints: an enum constant
   * by its Java name), so the shared declaration holds the usual default, or none; a command that
   * differs implements this and names {@link Own} as its {@code @Command(modelTransformer)}.
   */
  interface OwnDefaults {
    /**
     * Defaults as typed on the command line, by option name: parsed by the option's converter when
     * the option is not given, shown in the help through {@code ${DEFAULT-VALUE}}.
     */
    default Map<String, String> defaults() {
      return Map.of();
    }

    /** What the command does without the option, where that is no one value: "the preset's". */
    default Map<String, String> otherwise() {
      return Map.of();
    }

    /** Options the command cannot run without. */
    default Set<String> required() {
      return Set.of();
    }
  }

  /**
   * Finishes the options an {@link OwnDefaults} command names: the default set (and shown as
   * "(default X)" unless the description says it already), "(default: what it does otherwise)"
   * appended, or the option made required.
   */
  static final class Own implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      OwnDefaults own = (OwnDefaults) command.userObject();
      Set<String> named = new TreeSet<>(own.defaults().keySet());
      named.addAll(own.otherwise().keySet());
      named.addAll(own.required());
      for (OptionSpec option : List.copyOf(command.options())) {
        String name = option.longestName();
        if (!named.remove(name)) {
          continue;
        }
        OptionSpec.Builder b = option.toBuilder();
        String value = own.defaults().get(name);
        if (value != null) {
          b.defaultValue(value);
          b.description(appended(b.description(), "(default ${DEFAULT-VALUE})"));
        }
        String words = own.otherwise().get(name);
        if (words != null) {
          b.description(appended(b.description(), "(default: " + words + ")"));
        }
        if (own.required().contains(name)) {
          b.required(true);
        }
        command.remove(option);
        command.addOption(b.build());
      }
      if (!named.isEmpty()) {
        throw new InitializationException(command.name() + " has no option " + named);
      }
      return command;
    }

    /** {@code text} with {@code words} after its last line, unless it shows its default. */
    private static String[] appended(String[] text, String words) {
      if (String.join(" ", text).contains("${DEFAULT-VALUE}")) {
        return text;
      }
      String[] out = text.clone();
      out[out.length - 1] += " " + words;
      return out;
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

  /** {@code --hidden H}. */
  static final class Hidden {
    @Option(names = "--hidden", paramLabel = "H", defaultValue = "64",
        converter = Ranges.Count.class, description = "hidden size (default ${DEFAULT-VALUE})")
    int value;
  }

  /**
   * {@code --cell C}: a recurrent cell, or one of the sequence models ({@code lru},
   * {@code attention}) where the command takes them.
   */
  static final class Cell {
    @Option(names = "--cell", paramLabel = "C", defaultValue = "rnn",
        converter = Ids.Models.class, completionCandidates = Ids.Models.class,
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; lru and attention:"
            + " gradnorm and train only)")
    EnumId value;

    /** The cell; refuses a sequence model in one line. */
    CellKind kind() {
      if (value instanceof CellKind k) {
        return k;
      }
      throw new IllegalArgumentException("--cell " + value.id() + " is a sequence model; this"
          + " command takes a recurrent cell (rnn, gru or lstm)");
    }

    /** The sequence model, or null for a cell. */
    SequenceKind sequence() {
      return value instanceof SequenceKind k ? k : null;
    }
  }

  /** {@code --heads N}: attention's number of heads (a state_dict does not hold it). */
  static final class Heads {
    @Option(names = "--heads", paramLabel = "N", defaultValue = "1",
        converter = Ranges.Count.class, description = "attention's number of heads, which must"
        + " divide E (nn.MultiheadAttention's num_heads; not in a state_dict) (default"
        + " ${DEFAULT-VALUE})")
    int value;
  }

  /** {@code --activation A}: the RNN's nonlinearity. */
  static final class Act {
    @Option(names = "--activation", paramLabel = "A", defaultValue = "tanh",
        converter = Ids.Activations.class, completionCandidates = Ids.Activations.class,
        description = "rnn nonlinearity: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Activation activation;

    Activation activation() {
      return activation;
    }
  }

  /** {@code --activation A --input-scale S}: the RNN's nonlinearity and the input multiplier. */
  static final class Drive {
    @Mixin
    Act act = new Act();

    @Option(names = "--input-scale", paramLabel = "S", defaultValue = "1.0",
        converter = Ranges.NonNegative.class,
        description = "multiplier of the standard normal input (default ${DEFAULT-VALUE})")
    double inputScale;

    Activation activation() {
      return act.activation();
    }
  }
}
