package org.bpttbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a benchmark profile ({@link Profiles}) in this one JVM: one JMH run per plan entry, always
 * with the GC profiler, JMH's console output with the suite's progress, then one
 * {@code jmh-result.json} in JMH's JSON format, with {@code load.json} and {@code run.json}
 * ({@link RunProbe}) beside it. Exit status 0, 1 when JMH failed or measured nothing, 2 for bad
 * options. See {@link SuiteOptions#USAGE}.
 */
public final class Suite {
  private Suite() {}

  public static void main(String[] args) {
    SuiteOptions o;
    Plan plan;
    try {
      o = SuiteOptions.parse(args);
      if (o.help()) {
        System.out.println(SuiteOptions.USAGE);
        return;
      }
      plan = Plan.of(o, Plan.declared());
    } catch (IllegalArgumentException e) {
      System.err.println("suite: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println(plan.describe(o.profile().name()));
    if (!o.list()) {
      System.exit(run(o, plan));
    }
  }

  private static int run(SuiteOptions o, Plan plan) {
    LoadLog load = new LoadLog();
    ProgressFormat out = new ProgressFormat(OutputFormatFactory.createFormatInstance(System.out,
        o.jmh().verbosity().orElse(VerboseMode.NORMAL)), load, plan.combinations(),
        plan.estimateMillis());
    List<RunResult> results = new ArrayList<>();
    try {
      Path dir = o.out().toAbsolutePath().getParent();
      Files.createDirectories(dir);
      for (Plan.Run r : plan.runs()) {
        results.addAll(new Runner(r.options(), out).run());
      }
      ResultFormatFactory.getInstance(ResultFormatType.JSON, o.out().toString()).writeOut(results);
      Optional<CpuSample.Shares> shares = load.write(dir.resolve("load.json"));
      if (!RunProbe.write(dir.resolve("run.json"), results)) {
        System.err.println("suite: warning: no run.json (the benchmark JVM did not start)");
      }
      System.out.printf("suite: %d of %d combinations measured: %s%s%n", results.size(),
          plan.combinations(), o.out(), shares.map(Suite::loadLine).orElse(""));
    } catch (RunnerException | IOException | InterruptedException | RuntimeException e) {
      System.err.println("suite: JMH failed: " + e.getMessage());
      return 1;
    }
    if (results.size() < plan.combinations()) {
      System.out.printf("suite: warning: %d combination(s) failed (see JMH's output above)%n",
          plan.combinations() - results.size());
    }
    return results.isEmpty() ? 1 : 0;
  }

  private static String loadLine(CpuSample.Shares s) {
    int cpus = Runtime.getRuntime().availableProcessors();
    return String.format(Locale.ROOT, "; load: this run %.2f, other processes %.2f, steal %.2f "
        + "of %d CPUs", s.self() * cpus, s.others() * cpus, s.steal() * cpus, cpus);
  }
}
