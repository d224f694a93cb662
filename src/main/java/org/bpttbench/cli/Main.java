package org.bpttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.bpttbench.io.NpyFormatException;
import org.bpttbench.kernel.BackendUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Entry point behind {@code ./run-bench.sh SUBCOMMAND ...}. The only place where errors become
 * output: bad input of any kind (a usage error, or an {@link IllegalArgumentException} from the
 * library) is one line on stderr and exit status 2; anything else is "internal error", status 1.
 * Nothing prints a stack trace unless {@code BPTT_DEBUG=1}.
 */
@Command(name = "./run-bench.sh", scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true, version = "bptt-bench 0.1.0", synopsisHeading = "usage: ",
    abbreviateSynopsis = true, usageHelpWidth = 100, optionListHeading = "%nOptions:%n",
    commandListHeading = "%ncommands (COMMAND --help for details):%n",
    subcommands = {GradnormCommand.class, CurvesCommand.class, SweepCommand.class,
        SaturationCommand.class, JacobianCommand.class, ClipCommand.class,
        ExperimentsCommand.class, TrainCommand.class, ReportCommand.class, CompareCommand.class,
        LearnCommand.class, TaskCommand.class})
public final class Main implements Runnable {

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv));
  }

  /** Runs one command and returns the exit status (0 ok, 2 bad input, 1 internal failure). */
  public static int run(String[] argv) {
    CommandLine cl = commandLine(new Main());
    if (argv.length == 0) {
      cl.usage(System.out);
      return 2;
    }
    try {
      return cl.execute(argv);
    } catch (OutOfMemoryError e) {
      return fail(cl, "internal error: " + e, e, 1);
    }
  }

  /** A command line that reports errors the bptt-bench way (also for a lone subcommand). */
  static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(System.out, true));
    cl.setErr(new PrintWriter(System.err, true));
    cl.setParameterExceptionHandler((e, args) -> fail(e.getCommandLine(), e.getMessage(), e, 2));
    cl.setExecutionExceptionHandler((e, line, parsed) -> fail(line, message(e), e, status(e)));
    return cl;
  }

  @Override
  public void run() {
    throw new ParameterException(new CommandLine(this), "expected a command (see --help)");
  }

  private static int status(Exception e) {
    return e instanceof IllegalArgumentException || e instanceof ParameterException
        || e instanceof BackendUnavailableException || e instanceof NpyFormatException
        || e instanceof IOException || e instanceof UncheckedIOException ? 2 : 1;
  }

  private static String message(Exception e) {
    if (e instanceof UncheckedIOException u) {
      return u.getCause().getMessage();
    }
    if (e instanceof IOException) {
      return "I/O error: " + e;
    }
    return status(e) == 2 && e.getMessage() != null ? e.getMessage() : "internal error: " + e;
  }

  private static int fail(CommandLine line, String message, Throwable e, int status) {
    String name = line.getCommandSpec().qualifiedName().replace("./run-bench.sh", "bptt-bench");
    System.err.println(name + ": " + (message == null ? e.toString() : message.replace('\n', ' ')));
    if ("1".equals(System.getenv("BPTT_DEBUG"))) {
      e.printStackTrace();
    }
    return status;
  }
}
