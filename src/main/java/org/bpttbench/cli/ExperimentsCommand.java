package org.bpttbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "experiments",
    description = {
        "Runs every experiment of the lesson into DIR/<name>/ (what the report's experiment"
            + " and gradient-norm sections read).",
        "",
        "Each runs with its own defaults (see its --help) except: curves uses --init pytorch"
            + " (PyTorch's default init, H = 64, T = 50, seed 42: the report's headline figure)."
            + " learn runs its default preset twice: agreement into DIR/learn/ and adding into"
            + " DIR/learn-adding/ (all cores)."
            + " --quick shortens sweep, saturation, jacobian, clip and learn for smoke runs; curves"
            + " stays full size. --full runs learn's thorough preset (the complete grid).", ""},
    footer = {"", "Writes DIR/curves/, DIR/sweep/, DIR/saturation/, DIR/jacobian/, DIR/clip/,"
        + " DIR/learn/, DIR/learn-adding/,"
        + " each as that command writes it (each staged, then renamed into place)."})
final class ExperimentsCommand implements Callable<Integer> {

  /**
   * One experiment: its command and the arguments it gets beyond --out and --backend, and those
   * --quick and --full add.
   */
  private record Run(String name, Supplier<Callable<Integer>> command, List<String> args,
                     List<String> quickArgs, List<String> fullArgs) {
    Run(String name, Supplier<Callable<Integer>> command, List<String> args,
        List<String> quickArgs) {
      this(name, command, args, quickArgs, List.of());
    }
  }

  /** learn's smoke run: both tasks at one seed, small and short. */
  private static final List<String> LEARN_QUICK = List.of("--preset", "quick", "--hidden", "16",
      "--updates", "100", "--eval-every", "50", "--test-size", "200");

  private static final List<Run> RUNS = List.of(
      new Run("curves", CurvesCommand::new, List.of("--init", "pytorch"), List.of()),
      new Run("sweep", SweepCommand::new, List.of(), List.of("--rhos", "0.5,1.0,2.0")),
      new Run("saturation", SaturationCommand::new, List.of(), List.of("--scales", "0.1,1,10")),
      new Run("jacobian", JacobianCommand::new, List.of(), List.of("--hidden", "16")),
      new Run("clip", ClipCommand::new, List.of(), List.of("--updates", "8")),
      new Run("learn", LearnCommand::new, List.of(), LEARN_QUICK,
          List.of("--preset", "thorough")),
      new Run("learn-adding", LearnCommand::new, List.of("--task", "adding"), LEARN_QUICK,
          List.of("--preset", "thorough")));

  @Mixin
  OutputOptions output = new OutputOptions();

  @Option(names = "--quick", description = "smaller sweeps, for smoke runs")
  boolean quick;

  @Option(names = "--full", description = "learn's thorough preset (the complete grid; hours)")
  boolean full;

  @Override
  public Integer call() throws Exception {
    for (Run run : RUNS) {
      List<String> args = new ArrayList<>(List.of("--out", output.out.resolve(run.name())
          .toString(), "--backend", output.backend.id()));
      args.addAll(run.args());
      if (quick) {
        args.addAll(run.quickArgs());
      } else if (full) {
        args.addAll(run.fullArgs());
      }
      Callable<Integer> cmd = run.command().get();
      new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
      cmd.call();
    }
    return 0;
  }
}
