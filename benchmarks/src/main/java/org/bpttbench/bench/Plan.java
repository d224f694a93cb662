package org.bpttbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** A profile resolved against the benchmarks in the jar: the JMH runs, their size and duration. */
record Plan(List<Plan.Run> runs) {

  /**
   * One JMH run.
   *
   * @param benchmarks full names of the benchmarks it runs
   * @param params every parameter of those benchmarks with the values it runs
   * @param combinations benchmark × parameter combinations
   */
  record Run(PlanEntry entry, List<String> benchmarks, RunSettings settings,
      Map<String, List<String>> params, int combinations, Options options) {

    long estimateMillis() {
      return combinations * settings.estimateMillis();
    }
  }

  /** Benchmark full name → its parameters with their declared values, from the jar's list. */
  static Map<String, Map<String, List<String>>> declared() {
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
        OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of())) {
      Map<String, List<String>> params = new TreeMap<>();
      e.getParams().orElse(Map.of()).forEach((k, v) -> params.put(k, List.of(v)));
      out.put(e.getUsername(), params);
    }
    return out;
  }

  /**
   * Resolves {@code o}'s profile against the {@code declared} benchmarks.
   *
   * @throws IllegalArgumentException if {@code --only} leaves nothing to run
   * @throws IllegalStateException if the profile names a class or parameter the jar does not have
   */
  static Plan of(SuiteOptions o, Map<String, Map<String, List<String>>> declared) {
    return of(o, declared, o.profile().entries());
  }

  /** As {@link #of(SuiteOptions, Map)} with {@code entries} in place of the profile's. */
  static Plan of(SuiteOptions o, Map<String, Map<String, List<String>>> declared,
      List<PlanEntry> entries) {
    List<Run> runs = new ArrayList<>();
    for (PlanEntry entry : entries) {
      List<String> ofClass = declared.keySet().stream()
          .filter(b -> b.startsWith(entry.benchmarkPrefix())).toList();
      checkEntry(o.profile().name(), entry, ofClass, declared);
      List<String> chosen = ofClass.stream().filter(b -> selected(b, o)).toList();
      if (!chosen.isEmpty()) {
        runs.add(run(entry, chosen, o, declared));
      }
    }
    if (runs.isEmpty()) {
      String what = o.only() == null ? "-e" : "--only '" + o.only() + "'";
      throw new IllegalArgumentException(what + ": no benchmark of the " + o.profile().name()
          + " profile matches (list them: java -jar benchmarks.jar -l)");
    }
    return new Plan(List.copyOf(runs));
  }

  private static void checkEntry(String profile, PlanEntry entry, List<String> ofClass,
      Map<String, Map<String, List<String>>> declared) {
    if (ofClass.isEmpty()) {
      throw new IllegalStateException("profile " + profile + ": no benchmark class "
          + entry.className() + " in the jar");
    }
    for (String name : entry.params().keySet()) {
      if (ofClass.stream().noneMatch(b -> declared.get(b).containsKey(name))) {
        throw new IllegalStateException("profile " + profile + ": " + entry.className()
            + " has no parameter '" + name + "'");
      }
    }
  }

  private static boolean selected(String benchmark, SuiteOptions o) {
    boolean excluded = o.jmh().getExcludes().stream()
        .anyMatch(x -> Pattern.compile(x).matcher(benchmark).find());
    return !excluded && (o.only() == null || o.only().matcher(benchmark).find());
  }

  private static Run run(PlanEntry entry, List<String> benchmarks, SuiteOptions o,
      Map<String, Map<String, List<String>>> declared) {
    RunSettings settings = entry.settings().overriddenBy(o.jmh());
    ChainedOptionsBuilder b = new OptionsBuilder().parent(o.jmh())
        .include(benchmarks.stream().map(Pattern::quote).collect(Collectors.joining("|", "^(", ")$")))
        .forks(settings.forks())
        .warmupIterations(settings.warmupIterations())
        .warmupTime(settings.warmupTime())
        .measurementIterations(settings.measurementIterations())
        .measurementTime(settings.measurementTime());
    entry.params().forEach((name, values) -> {
      if (!o.jmh().getParameter(name).hasValue()) {
        b.param(name, values.toArray(String[]::new));
      }
    });
    if (o.jmh().getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc")
        || p.getKlass().equals(GCProfiler.class.getName()))) {
      b.addProfiler(GCProfiler.class);
    }
    Map<String, List<String>> params = new TreeMap<>();
    int combinations = 0;
    for (String bench : benchmarks) {
      int n = 1;
      for (var p : declared.get(bench).entrySet()) {
        List<String> values = o.jmh().getParameter(p.getKey()).hasValue()
            ? List.copyOf(o.jmh().getParameter(p.getKey()).get())
            : entry.params().getOrDefault(p.getKey(), p.getValue());
        params.put(p.getKey(), values);
        n *= values.size();
      }
      combinations += n;
    }
    return new Run(entry, benchmarks, settings, params, combinations, b.build());
  }

  int combinations() {
    return runs.stream().mapToInt(Run::combinations).sum();
  }

  long estimateMillis() {
    return runs.stream().mapToLong(Run::estimateMillis).sum();
  }

  /** One line per run and a total: what {@code --list} prints and the run starts with. */
  String describe(String profileName) {
    StringBuilder sb = new StringBuilder();
    for (Run r : runs) {
      String names = r.benchmarks().stream().map(b -> b.substring(b.lastIndexOf('.') + 1))
          .collect(Collectors.joining(","));
      sb.append(String.format("  %-16s %-26s %3d × ~%s  %s%n", r.entry().className(),
          names, r.combinations(), Durations.format(r.settings().estimateMillis()),
          Durations.params(r.params())));
    }
    sb.append(String.format("profile %s: %d JMH run(s), %d combinations, estimated %s (%s)",
        profileName, runs.size(), combinations(), Durations.format(estimateMillis()),
        runs.stream().map(r -> r.settings().toString()).distinct()
            .collect(Collectors.joining("; "))));
    return sb.toString();
  }
}
