package org.bpttbench.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.EnumId;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnTask;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Options whose values are the library's own types, by id: an option names one of the classes
 * below as its {@code converter} and its {@code completionCandidates}; the help lists the ids
 * ({@code ${COMPLETION-CANDIDATES}}) and the library parses them back ({@link EnumId#fromId}),
 * its "unknown cell 'x' (expected rnn, gru or lstm)" becoming picocli's one-line usage error
 * "Invalid value for option '--cell': unknown cell 'x' (expected rnn, gru or lstm)".
 */
abstract class Ids<T> implements ITypeConverter<T>, Iterable<String> {
  private final List<String> ids;
  private final Function<String, T> parse;

  Ids(List<String> ids, Function<String, T> parse) {
    this.ids = ids;
    this.parse = parse;
  }

  @Override
  public Iterator<String> iterator() {
    return ids.iterator();
  }

  @Override
  public T convert(String id) {
    try {
      return parse.apply(id);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The constants of an {@link EnumId} enum; {@code what} names them in the error. */
  abstract static class Of<E extends Enum<E> & EnumId> extends Ids<E> {
    Of(Class<E> type, String what) {
      super(Arrays.stream(type.getEnumConstants()).map(EnumId::id).toList(),
          id -> EnumId.fromId(type, id, what));
    }
  }

  static final class Cells extends Of<CellKind> {
    Cells() {
      super(CellKind.class, "cell");
    }
  }

  /**
   * A recurrent cell ({@link CellKind}) or a sequence model ({@link SequenceKind}): {@code rnn,
   * gru, lstm, lru, attention}, parsed into the constant of whichever enum has the id.
   */
  static final class Models extends Ids<EnumId> {
    private static final List<String> IDS = Stream.concat(Arrays.stream(CellKind.values()),
        Arrays.stream(SequenceKind.values())).map(EnumId::id).toList();

    Models() {
      super(IDS, Models::parse);
    }

    private static EnumId parse(String id) {
      for (SequenceKind k : SequenceKind.values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      try {
        return CellKind.fromId(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown cell '" + id + "' (expected "
            + String.join(", ", IDS.subList(0, IDS.size() - 1)) + " or "
            + IDS.get(IDS.size() - 1) + ")");
      }
    }
  }

  static final class Activations extends Of<Activation> {
    Activations() {
      super(Activation.class, "activation");
    }
  }

  static final class Inits extends Of<InitScheme> {
    Inits() {
      super(InitScheme.class, "init");
    }
  }

  static final class Losses extends Of<LossMode> {
    Losses() {
      super(LossMode.class, "loss");
    }
  }

  static final class Optimizers extends Of<OptimizerSpec.Kind> {
    Optimizers() {
      super(OptimizerSpec.Kind.class, "optimizer");
    }
  }

  static final class Tasks extends Of<LearnTask> {
    Tasks() {
      super(LearnTask.class, "task");
    }
  }

  static final class LearnDataSources extends Of<org.bpttbench.experiment.LearnData> {
    LearnDataSources() {
      super(org.bpttbench.experiment.LearnData.class, "training data");
    }
  }

  static final class FillerSets extends Of<Fillers> {
    FillerSets() {
      super(Fillers.class, "fillers");
    }
  }

  static final class Backends extends Of<OutputOptions.Backend> {
    Backends() {
      super(OutputOptions.Backend.class, "backend");
    }
  }

  static final class Presets extends Of<LearnCommand.Preset> {
    Presets() {
      super(LearnCommand.Preset.class, "preset");
    }
  }

  static final class Splits extends Of<TaskCommand.Split> {
    Splits() {
      super(TaskCommand.Split.class, "split");
    }
  }

  /**
   * learn's cells ({@link LearnCell#values()}: each kind, lstm-fb1, then the sequence models lru
   * and attention); list items trimmed.
   */
  static final class LearnCells extends Ids<LearnCell> {
    LearnCells() {
      super(LearnCell.values().stream().map(LearnCell::id).toList(),
          id -> LearnCell.fromId(id.trim()));
    }
  }
}
