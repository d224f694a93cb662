package org.bpttbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bpttbench.experiment.ClipCommand;
import org.bpttbench.experiment.CurvesCommand;
import org.bpttbench.experiment.JacobianCommand;
import org.bpttbench.experiment.SaturationCommand;
import org.bpttbench.experiment.SweepCommand;
import org.bpttbench.io.NpyFormatException;
import org.bpttbench.kernel.BackendUnavailableException;
import org.bpttbench.report.CompareCommand;
import org.bpttbench.report.ReportCommand;

/**
 * Entry point behind {@code ./run-bench.sh SUBCOMMAND ...}. Bad input of any kind ends in one line
 * on stderr and exit status 2; nothing prints a stack trace unless {@code BPTT_DEBUG=1}.
 */
public final class Main {

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    for (Command c : List.<Command>of(
        new GradnormCommand(),
        new CurvesCommand(),
        new SweepCommand(),
        new SaturationCommand(),
        new JacobianCommand(),
        new ClipCommand(),
        new ReportCommand(),
        new CompareCommand())) {
      COMMANDS.put(c.name(), c);
    }
  }

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv));
  }

  /** Runs one command and returns the exit status (0 ok, 2 bad input, 1 internal failure). */
  public static int run(String[] argv) {
    if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
      System.out.print(overview());
      return argv.length == 0 ? 2 : 0;
    }
    Command cmd = COMMANDS.get(argv[0]);
    if (cmd == null) {
      System.err.println("bptt-bench: unknown command '" + argv[0] + "' (expected one of "
          + String.join(", ", COMMANDS.keySet()) + ")");
      return 2;
    }
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      System.out.print(cmd.help());
      return 0;
    }
    try {
      cmd.run(Args.parse(rest, cmd.valuedOptions(), cmd.flagOptions()));
      return 0;
    } catch (UsageException | BackendUnavailableException | IllegalArgumentException
        | NpyFormatException e) {
      return fail(cmd, e.getMessage(), e, 2);
    } catch (UncheckedIOException e) {
      return fail(cmd, e.getCause().getMessage(), e, 2);
    } catch (IOException e) {
      return fail(cmd, "I/O error: " + e, e, 2);
    } catch (Exception | OutOfMemoryError e) {
      return fail(cmd, "internal error: " + e, e, 1);
    }
  }

  static String overview() {
    StringBuilder sb = new StringBuilder("usage: ./run-bench.sh COMMAND [options]   (COMMAND --help for details)\n\ncommands:\n");
    for (Command c : COMMANDS.values()) {
      sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    return sb.toString();
  }

  private static int fail(Command cmd, String message, Throwable e, int status) {
    String line = message == null ? e.toString() : message.replace('\n', ' ');
    System.err.println("bptt-bench " + cmd.name() + ": " + line);
    if ("1".equals(System.getenv("BPTT_DEBUG"))) {
      e.printStackTrace();
    }
    return status;
  }
}
