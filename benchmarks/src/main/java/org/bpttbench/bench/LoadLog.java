package org.bpttbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The machine's load before, during each benchmark and after the run, written as {@code load.json}
 * (schema in benchmarks/README.md) so the report can say when another process competed for the CPU.
 */
final class LoadLog {
  private final int cpus = Runtime.getRuntime().availableProcessors();
  private final Optional<CpuSample> before = CpuSample.read();
  private final List<String> benchmarks = new ArrayList<>();
  private Optional<CpuSample> start = Optional.empty();

  /** A benchmark × parameter combination starts. */
  void start() {
    start = CpuSample.read();
  }

  /** The combination started last ended: {@code name} and its parameters. */
  void end(String name, Map<String, String> params) {
    Optional<CpuSample> end = CpuSample.read();
    if (start.isPresent() && end.isPresent()) {
      String p = params.entrySet().stream()
          .map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
      benchmarks.add("{\"benchmark\": " + quote(name) + ", \"params\": " + p + ", "
          + interval(start.get(), end.get()) + "}");
    }
    start = Optional.empty();
  }

  /** Writes the log with the "after" sample taken now; returns the whole run's shares, if known. */
  Optional<CpuSample.Shares> write(Path file) throws IOException {
    Optional<CpuSample> after = CpuSample.read();
    String json;
    Optional<CpuSample.Shares> run = Optional.empty();
    if (before.isEmpty() || after.isEmpty()) {
      json = "{\"schema\": 1, \"available\": false, \"cpus\": " + cpus + "}\n";
    } else {
      run = Optional.of(before.get().until(after.get()));
      json = "{\n  \"schema\": 1,\n  \"available\": true,\n  \"cpus\": " + cpus + ",\n"
          + "  \"before\": " + point(before.get()) + ",\n"
          + "  \"after\": " + point(after.get()) + ",\n"
          + "  \"run\": {" + interval(before.get(), after.get()) + "},\n"
          + "  \"benchmarks\": [\n    " + String.join(",\n    ", benchmarks) + "\n  ]\n}\n";
    }
    Files.writeString(file, json);
    return run;
  }

  private static String point(CpuSample s) {
    return "{\"time\": " + quote(s.at().toString()) + ", \"loadavg1\": " + num(s.load1()) + "}";
  }

  private static String interval(CpuSample a, CpuSample b) {
    CpuSample.Shares s = a.until(b);
    return "\"start\": " + quote(a.at().toString()) + ", \"seconds\": " + num(s.seconds())
        + ", \"loadavg1\": " + num(b.load1()) + ", \"self\": " + num(s.self())
        + ", \"others\": " + num(s.others()) + ", \"steal\": " + num(s.steal())
        + ", \"idle\": " + num(s.idle());
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
