package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lesson's experiments ({@code sweep}, {@code saturation}, {@code jacobian},
 * {@code clip}) as run by run-bench.sh into {@code experiments/<name>/}: each one's figures and its
 * summary.json flattened into a table, exactly as the experiment wrote it.
 */
final class ExperimentSection {
  private static final List<String> ORDER = List.of("sweep", "saturation", "jacobian", "clip");

  private ExperimentSection() {}

  /**
   * Markdown for every {@code <dir>/<name>/summary.json}. Image links assume {@code dir} sits in
   * the report directory, as run-bench.sh puts it ({@code experiments/}).
   */
  static String markdown(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return "";
    }
    StringBuilder md = new StringBuilder("## The lesson's experiments\n\n");
    md.append("Each ran as `./run-bench.sh <name> --out DIR` with its defaults (see `--help`;"
        + " `experiments --quick` shortens them); gradient norms are exact beyond float range."
        + " The curves experiment is the gradient-norm section above.\n\n");
    List<Path> runs;
    try (Stream<Path> s = Files.list(dir)) {
      runs = s.filter(p -> Files.isRegularFile(p.resolve("summary.json"))
              && !List.of("curves", "learn").contains(p.getFileName().toString()))
          .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
          .collect(Collectors.toList());
    }
    for (Path run : runs) {
      String name = run.getFileName().toString();
      md.append("### ").append(name).append("\n\n");
      try (Stream<Path> s = Files.list(run)) {
        for (Path png : s.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
          String rel = dir.getFileName() + "/" + name + "/" + png.getFileName();
          md.append("![").append(name).append(": ").append(png.getFileName()).append("](")
              .append(rel).append(")\n\n");
        }
      }
      JsonObject summary = Json.read(run.resolve("summary.json")).getAsJsonObject();
      md.append("| key | value |\n|---|---|\n");
      flatten("", summary, md);
      md.append('\n');
    }
    return md.toString();
  }

  private static int rank(Path p) {
    int i = ORDER.indexOf(p.getFileName().toString());
    return i < 0 ? ORDER.size() : i;
  }

  private static void flatten(String prefix, JsonElement e, StringBuilder md) {
    if (e.isJsonObject()) {
      for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
        flatten(prefix.isEmpty() ? kv.getKey() : prefix + "." + kv.getKey(), kv.getValue(), md);
      }
      return;
    }
    String value = e.isJsonNull() ? "—" : e.isJsonPrimitive() ? e.getAsJsonPrimitive().getAsString()
        : e.toString();
    md.append("| ").append(prefix).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }
}
