package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bpttbench.output.Json;

/**
 * The machine's load during the run, from the suite's {@code load.json} (schema 1, see
 * benchmarks/README.md): shares of all CPUs' time used by other processes and stolen by the
 * hypervisor, for the whole run and per benchmark combination. A combination is disturbed when
 * others took more than 5 % of the machine's CPU time, or steal more than 2 %.
 */
record MachineLoad(int cpus, Share run, List<Share> benchmarks) {

  static final String FILE = "load.json";
  static final double OTHERS = 0.05;
  static final double STEAL = 0.02;

  /** One interval: the benchmark ({@code Class.method}, empty for the run) and its shares. */
  record Share(String benchmark, Map<String, String> params, double others, double steal,
               double self, double seconds) {

    boolean disturbed() {
      return others > OTHERS || steal > STEAL;
    }

    String describe() {
      return String.format(Locale.ROOT, "others %.0f %%, steal %.0f %% of all CPUs' time",
          100 * others, 100 * steal);
    }
  }

  /** The log, empty when the file is missing or says the load was not available. */
  static Optional<MachineLoad> read(Path file) throws java.io.IOException {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonObject o = Json.read(file).getAsJsonObject();
    if (!o.has("available") || !o.get("available").getAsBoolean() || !o.has("run")) {
      return Optional.empty();
    }
    List<Share> bs = new ArrayList<>();
    if (o.has("benchmarks")) {
      o.getAsJsonArray("benchmarks").forEach(b -> bs.add(share(b.getAsJsonObject())));
    }
    return Optional.of(new MachineLoad(o.get("cpus").getAsInt(), share(o.getAsJsonObject("run")),
        bs));
  }

  private static Share share(JsonObject o) {
    Map<String, String> params = new TreeMap<>();
    if (o.has("params")) {
      for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("params").entrySet()) {
        params.put(e.getKey(), e.getValue().getAsString());
      }
    }
    return new Share(o.has("benchmark") ? o.get("benchmark").getAsString() : "",
        params, num(o, "others"), num(o, "steal"), num(o, "self"), num(o, "seconds"));
  }

  private static double num(JsonObject o, String k) {
    return o.has(k) ? o.get(k).getAsDouble() : 0;
  }

  /** The combinations others competed with. */
  List<Share> disturbed() {
    return benchmarks.stream().filter(Share::disturbed).toList();
  }

  /** Whether the combination that produced {@code r} was disturbed. */
  boolean disturbed(JmhResult r) {
    return benchmarks.stream().anyMatch(s -> s.disturbed() && s.benchmark().equals(r.shortName())
        && s.params().equals(r.params()));
  }

  /** One sentence for the answers table. */
  String verdict() {
    int n = disturbed().size();
    return (run.disturbed() || n > 0 ? "No: " : "Yes: ") + run.describe() + " over the run; "
        + n + " of " + benchmarks.size() + " benchmark combinations disturbed";
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("### Machine load\n\n");
    sb.append("From `load.json` (/proc/stat and /proc/loadavg before, during each benchmark and"
        + " after; ").append(cpus).append(" CPUs). Over the whole run: ").append(run.describe())
        .append(String.format(Locale.ROOT, "; this run used %.0f %%.", 100 * run.self()));
    List<Share> bad = disturbed();
    if (bad.isEmpty()) {
      return sb.append(" No benchmark combination saw other processes above 5 % or steal above"
          + " 2 %.\n\n").toString();
    }
    sb.append(" **Another process competed for the CPU** during ").append(bad.size())
        .append(" combination(s); their timings (marked ⚠ in the answers) may be slow or noisy:"
            + "\n\n");
    List<List<String>> rows = new ArrayList<>();
    bad.stream().limit(20).forEach(s -> rows.add(List.of(s.benchmark(),
        s.params().toString().replaceAll("[{}]", ""),
        String.format(Locale.ROOT, "%.0f %%", 100 * s.others()),
        String.format(Locale.ROOT, "%.0f %%", 100 * s.steal()))));
    sb.append(Tables.markdown(List.of("benchmark", "params", "others", "steal"), rows));
    if (bad.size() > 20) {
      sb.append("\n… and ").append(bad.size() - 20).append(" more (see `load.json`).\n");
    }
    return sb.append('\n').toString();
  }
}
