package org.bpttbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.ResultFiles;
import picocli.CommandLine.Mixin;

/**
 * A command that runs one experiment: its options make the config, the experiment makes the
 * result, the result's {@link ResultFiles} write a staged directory that is renamed into place.
 */
abstract class ExperimentCommand<R> implements Callable<Integer> {
  @Mixin
  OutputOptions output = new OutputOptions();

  /** The model and input options. */
  @Mixin
  SetupOptions setup = new SetupOptions();

  private final ResultFiles<R> files;

  ExperimentCommand(ResultFiles<R> files) {
    this.files = files;
  }

  /** Builds the config from the options and runs the experiment. */
  abstract R run(Kernels k);

  @Override
  public Integer call() throws IOException {
    return publish(output.out, files, run(output.kernels()));
  }

  /** Writes {@code result} into {@code out} as {@link #write} does and says what it found. */
  static <R> int publish(Path out, ResultFiles<R> files, R result) throws IOException {
    write(out, files, result);
    System.out.print(files.describe(result));
    System.out.println("  wrote " + out);
    return 0;
  }

  static <R> void write(Path out, ResultFiles<R> files, R result) throws IOException {
    try (StagedDirectory stage = StagedDirectory.create(out)) {
      files.write(result, stage.path());
      stage.commit();
    }
  }
}
