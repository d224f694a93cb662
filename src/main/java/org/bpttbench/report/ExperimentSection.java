package org.bpttbench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bpttbench.output.Json;
import org.bpttbench.output.Numbers;

/**
 * The lesson's experiments ({@code sweep}, {@code saturation}, {@code jacobian}, {@code clip}) as
 * run by run-bench.sh into {@code experiments/<name>/}: each one's figures, its settings in one
 * line, and a table per list or group of its summary.json (one row per run or cell), numbers to
 * four significant digits. The full data stays in the CSV files and summary.json. The
 * {@code curves} experiment is the gradient-norm section; {@code learn} and {@code learn-adding}
 * have their own section.
 */
final class ExperimentSection {
  private static final List<String> ORDER = List.of("sweep", "saturation", "jacobian", "clip");
  private static final Set<String> OWN_SECTION = Set.of("curves", "learn",
      Experiments.LEARN_ADDING);

  private ExperimentSection() {}

  /**
   * Markdown for every {@code <dir>/<name>/summary.json}. Image links assume {@code dir} sits in
   * the report directory, as run-bench.sh puts it ({@code experiments/}).
   */
  static String markdown(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return "";
    }
    StringBuilder md = new StringBuilder(Prose.get("experiments"));
    List<Path> runs;
    try (Stream<Path> s = Files.list(dir)) {
      runs = s.filter(p -> Files.isRegularFile(p.resolve("summary.json"))
              && !OWN_SECTION.contains(p.getFileName().toString()))
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
      md.append(tables(Json.read(run.resolve("summary.json")).getAsJsonObject()));
    }
    return md.toString();
  }

  /** Settings line, notes, then one table per array of objects or object of objects. */
  static String tables(JsonObject summary) {
    List<String> settings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    StringBuilder tables = new StringBuilder();
    for (Map.Entry<String, JsonElement> e : summary.entrySet()) {
      JsonElement v = e.getValue();
      if (v.isJsonArray() && objects(v.getAsJsonArray())) {
        tables.append("**").append(e.getKey()).append("**\n\n")
            .append(table(List.of(), v.getAsJsonArray())).append('\n');
      } else if (v.isJsonObject()) {
        JsonArray rows = new JsonArray();
        List<String> names = new ArrayList<>();
        v.getAsJsonObject().entrySet().forEach(kv -> {
          names.add(kv.getKey());
          rows.add(kv.getValue().isJsonObject() ? kv.getValue() : wrap(kv.getValue()));
        });
        tables.append("**").append(e.getKey()).append("**\n\n").append(table(names, rows))
            .append('\n');
      } else {
        String text = cell(v);
        (text.length() > 40 ? notes : settings).add(e.getKey() + (text.length() > 40 ? ": " : " = ")
            + text);
      }
    }
    StringBuilder md = new StringBuilder();
    if (!settings.isEmpty()) {
      md.append("Settings: ").append(String.join(", ", settings)).append(".\n\n");
    }
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    if (!notes.isEmpty()) {
      md.append('\n');
    }
    return md.append(tables).toString();
  }

  private static boolean objects(JsonArray a) {
    return a.size() > 0 && a.get(0).isJsonObject();
  }

  private static JsonObject wrap(JsonElement v) {
    JsonObject o = new JsonObject();
    o.add("value", v);
    return o;
  }

  /** Rows = the objects of {@code rows} (named by {@code names} when given), columns = their keys. */
  private static String table(List<String> names, JsonArray rows) {
    Set<String> keys = new LinkedHashSet<>();
    rows.forEach(r -> keys.addAll(r.getAsJsonObject().keySet()));
    List<String> headers = new ArrayList<>();
    if (!names.isEmpty()) {
      headers.add("");
    }
    headers.addAll(keys);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.get(i).getAsJsonObject();
      List<String> row = new ArrayList<>();
      if (!names.isEmpty()) {
        row.add(names.get(i));
      }
      keys.forEach(k -> row.add(r.has(k) ? cell(r.get(k)) : "—"));
      out.add(row);
    }
    return Tables.markdown(headers, out);
  }

  /** A value for a table cell: numbers (also numbers written as strings) to four digits. */
  static String cell(JsonElement v) {
    if (v == null || v.isJsonNull()) {
      return "—";
    }
    if (!v.isJsonPrimitive()) {
      return v.isJsonArray() ? v.getAsJsonArray().size() + " values (in summary.json)" : "(object)";
    }
    String s = v.getAsString();
    if (s.matches("(?i)-?(inf|infinity|nan)")) {
      return "not finite";
    }
    if (s.matches("-?[0-9.]+([eE][-+]?[0-9]+)?") && !s.matches("-?[0-9]+")) {
      return Numbers.brief(Double.parseDouble(s));
    }
    return s.equals("nan") || s.equals("NaN") ? "not finite" : s;
  }

  private static int rank(Path p) {
    int i = ORDER.indexOf(p.getFileName().toString());
    return i < 0 ? ORDER.size() : i;
  }
}
