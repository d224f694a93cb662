package org.bpttbench.report;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bpttbench.output.Json;

/**
 * What a run was measured on, as the report and {@code compare} need it, read from the files of
 * its directory: the CPU and the benchmark JVM's vector width from {@code run.json} (written by
 * the suite from inside the benchmark JVM); for runs from before run.json, the CPU from
 * {@code native.json} and the width from the benchmark flags ({@code -Dbptt.vectorBits},
 * {@code -XX:UseAVX}), else the widest ISA native.json ran. The profile comes from
 * {@code run-bench.txt}, the JDK, flags and JMH settings from the JMH results. Anything not
 * recorded is "unknown" and never makes two runs differ.
 *
 * @param vectorBits the kernels' vector width in the benchmark JVM, 0 when unknown
 * @param vectorFrom where {@code vectorBits} was read
 */
public record RunRecord(String cpu, int vectorBits, String vectorFrom, String profile,
                        String jdk, String flags, String settings) {

  static final String UNKNOWN = "unknown";
  public static final String FILE = "run.json";

  /** run.json as the suite writes it (schema in benchmarks/README.md). */
  private record Probe(String cpu, @SerializedName("vectorBits") int vectorBits, String jdk,
                       String vm, List<String> flags) {}

  /** From the results alone: nothing known about the machine. */
  static RunRecord of(List<JmhResult> results) {
    return of(results, UNKNOWN, 0, UNKNOWN, UNKNOWN);
  }

  /** What {@code dir}, the directory holding the run's jmh-result.json, records about it. */
  public static RunRecord read(Path dir, List<JmhResult> results) throws IOException {
    Path f = dir.resolve(FILE);
    Probe p = Files.isRegularFile(f) ? Json.read(f, Probe.class) : null;
    Optional<NativeBaseline> nat = NativeBaseline.read(dir.resolve(NativeBaseline.FILE));
    String cpu = p != null ? p.cpu() : nat.map(NativeBaseline::cpu).orElse(UNKNOWN);
    int bits = p != null ? p.vectorBits() : flagBits(results);
    String from = p != null ? FILE : bits > 0 ? "benchmark JVM flags" : UNKNOWN;
    if (bits == 0 && nat.isPresent() && !nat.get().runs().isEmpty()) {
      bits = nat.get().runs().stream().mapToInt(NativeBaseline.Run::vectorBits).max().getAsInt();
      from = "no width flag: the widest ISA of " + NativeBaseline.FILE + " on this CPU";
    }
    Path txt = dir.resolve("run-bench.txt");
    String profile = !Files.isRegularFile(txt) ? UNKNOWN : Files.readAllLines(txt).stream()
        .filter(l -> l.startsWith("profile: ")).map(l -> l.substring(9).trim()).findFirst()
        .orElse(UNKNOWN);
    return of(results, cpu, bits, from, profile);
  }

  private static RunRecord of(List<JmhResult> results, String cpu, int bits, String from,
      String profile) {
    Set<String> jdks = new LinkedHashSet<>();
    Set<String> flags = new LinkedHashSet<>();
    Set<String> settings = new LinkedHashSet<>();
    for (JmhResult r : results) {
      JmhResult.RunConfig c = r.run();
      jdks.add(c.jdkVersion() + " " + c.vmVersion());
      flags.add(String.join(" ", c.jvmArgs()));
      settings.add(c.forks() + " fork(s), " + c.warmupIterations() + " × " + c.warmupTime()
          + " warm-up, " + c.measurementIterations() + " × " + c.measurementTime());
    }
    return new RunRecord(cpu, bits, from, profile, joined(jdks), joined(flags), joined(settings));
  }

  /** The width the benchmark flags set: {@code -Dbptt.vectorBits=N}, else -XX:UseAVX; 0 if none. */
  static int flagBits(List<JmhResult> results) {
    List<String> args = results.stream().flatMap(r -> r.run().jvmArgs().stream()).toList();
    for (String a : args) {
      if (a.matches("-Dbptt\\.vectorBits=\\d{1,4}")) {
        return Integer.parseInt(a.substring(a.indexOf('=') + 1));
      }
    }
    return args.contains("-XX:UseAVX=2") ? 256 : args.contains("-XX:UseAVX=1") ? 128 : 0;
  }

  private static String joined(Set<String> values) {
    values.removeIf(String::isBlank);
    return values.isEmpty() ? UNKNOWN : String.join(" / ", values);
  }

  /** {@code 256 bits}, or unknown. */
  String vectorWidth() {
    return vectorBits > 0 ? vectorBits + " bits" : UNKNOWN;
  }

  /** One phrase per recorded difference, e.g. {@code CPU: A vs B}; empty when none is known. */
  public List<String> differences(RunRecord neu) {
    List<String> out = new ArrayList<>();
    differ(out, "CPU", cpu, neu.cpu);
    differ(out, "vector width", vectorWidth(), neu.vectorWidth());
    differ(out, "JDK", jdk, neu.jdk);
    differ(out, "profile", profile, neu.profile);
    differ(out, "JMH settings", settings, neu.settings);
    differ(out, "JVM flags", flags, neu.flags);
    return out;
  }

  private static void differ(List<String> out, String what, String a, String b) {
    if (changed(a, b)) {
      out.add(what + ": " + a + " vs " + b);
    }
  }

  /** Both recorded and not equal. */
  private static boolean changed(String a, String b) {
    return !a.equals(UNKNOWN) && !b.equals(UNKNOWN) && !a.equals(b);
  }

  /** Why timings of the two runs are not comparable at all (another CPU or vector width). */
  public Optional<String> incomparable(RunRecord neu) {
    return changed(cpu, neu.cpu) ? Optional.of("different CPU")
        : changed(vectorWidth(), neu.vectorWidth()) ? Optional.of("different vector width")
        : Optional.empty();
  }

  /** What else differs that a verdict should carry (JDK, flags, profile), or empty. */
  public Optional<String> qualifier(RunRecord neu) {
    List<String> q = new ArrayList<>();
    if (changed(jdk, neu.jdk)) {
      q.add("JDK differs");
    }
    if (changed(flags, neu.flags)) {
      q.add("flags differ");
    }
    if (changed(profile, neu.profile)) {
      q.add("profile differs");
    }
    return q.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", q));
  }
}
