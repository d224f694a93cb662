package org.bpttbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run was measured on, as {@code compare} needs it: the CPU and vector species from the
 * "Machine and run" table of the run's REPORT.md, the profile, and the benchmark JDK, JVM flags and
 * JMH settings from its JMH results. Anything not recorded is "unknown".
 */
public record RunRecord(String cpu, String vector, String profile, String jdk, String flags,
    String settings) {

  static final String UNKNOWN = "unknown";

  /** From {@code reportMd} (may be missing) and the run's results. */
  public static RunRecord of(Path reportMd, List<JmhResult> results) {
    List<String> lines = List.of();
    try {
      if (reportMd != null && Files.isRegularFile(reportMd)) {
        lines = Files.readAllLines(reportMd, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      lines = List.of();
    }
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
    return new RunRecord(row(lines, "CPU"), row(lines, "Vector species"), row(lines, "Profile"),
        joined(jdks), joined(flags), joined(settings));
  }

  /** The value of the machine table row whose first cell starts with {@code what}. */
  private static String row(List<String> lines, String what) {
    for (String l : lines) {
      if (l.startsWith("| " + what)) {
        String[] cells = l.split("(?<!\\\\)\\|");
        if (cells.length >= 3) {
          return cells[2].trim().replace("`", "");
        }
      }
    }
    return UNKNOWN;
  }

  private static String joined(Set<String> values) {
    values.removeIf(String::isBlank);
    return values.isEmpty() ? UNKNOWN : String.join(" / ", values);
  }

  /** The species' bit width, e.g. {@code 256 bits}, from the recorded species line. */
  String vectorWidth() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bits").matcher(vector);
    return m.find() ? m.group(1) + " bits" : vector;
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
    if (changed(cpu, neu.cpu)) {
      return Optional.of("different CPU");
    }
    if (changed(vectorWidth(), neu.vectorWidth())) {
      return Optional.of("different vector width");
    }
    return Optional.empty();
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
