package org.bpttbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark combinations that failed, read from JMH's console log ({@code jmh.log} beside the JSON):
 * JMH leaves them out of the JSON, so without this the report would silently miss them.
 */
final class JmhFailures {

  /** One failed combination and the first line of its exception. */
  record Failure(String benchmark, String params, String reason) {}

  private JmhFailures() {}

  static List<Failure> read(Path log) throws IOException {
    List<Failure> out = new ArrayList<>();
    if (log == null || !Files.isRegularFile(log)) {
      return out;
    }
    Map<String, Failure> unique = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    String bench = "?";
    String params = "";
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("# Benchmark: ")) {
        bench = l.substring("# Benchmark: ".length()).replace("org.bpttbench.bench.", "");
        params = "";
      } else if (l.startsWith("# Parameters: ")) {
        params = l.substring("# Parameters: ".length());
      } else if (l.contains("<failure>")) {
        String reason = "";
        for (int j = i + 1; j < lines.size() && j < i + 5; j++) {
          if (!lines.get(j).isBlank()) {
            reason = lines.get(j).trim().replaceFirst("^[a-z][\\w.]*\\.([A-Z]\\w*)", "$1");
            break;
          }
        }
        unique.putIfAbsent(bench + params, new Failure(bench, params, reason));
      }
    }
    out.addAll(unique.values());
    return out;
  }

  static String markdown(List<Failure> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    List<List<String>> rows = new ArrayList<>();
    for (Failure f : failures) {
      String reason = f.reason().length() > 160 ? f.reason().substring(0, 157) + "..."
          : f.reason();
      rows.add(List.of(f.benchmark(), f.params(), "`" + reason.replace("`", "'") + "`"));
    }
    return "## Failed benchmarks\n\n" + failures.size() + " benchmark combination(s) failed and"
        + " are missing from every table below (details in `jmh.log`).\n\n"
        + Tables.markdown(List.of("benchmark", "parameters", "error"), rows) + "\n";
  }
}
