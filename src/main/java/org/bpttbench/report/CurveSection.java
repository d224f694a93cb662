package org.bpttbench.report;

import org.bpttbench.output.CurvesFiles;

import org.bpttbench.output.Json;

import org.bpttbench.output.Numbers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gradient-norm section, read from the curves experiment's output ({@code experiments/curves/}
 * as {@link CurvesFiles} writes it): one row per cell with its decay. The figure is that
 * experiment's {@code curves.png}, copied as {@code gradnorm.png}, not drawn again.
 */
final class CurveSection {

  static final String FIGURE = "gradnorm.png";
  private static final List<String> KEYS = List.of("hidden", "steps", "backend", "init", "rho");

  private CurveSection() {}

  /** The curves experiment's directory under {@code experiments}, or null if it has none. */
  static Path find(Path experiments) {
    Path dir = experiments == null ? null : experiments.resolve("curves");
    return dir != null && Files.isRegularFile(dir.resolve(CurvesFiles.CSV)) ? dir : null;
  }

  /** Copies the figure and its CSV into {@code out} as gradnorm.png/.csv; false without curves. */
  static boolean copyFigure(Path curves, Path out) throws IOException {
    if (curves == null || !Files.isRegularFile(curves.resolve(CurvesFiles.PNG))) {
      return false;
    }
    Files.copy(curves.resolve(CurvesFiles.PNG), out.resolve(FIGURE),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(curves.resolve(CurvesFiles.CSV), out.resolve("gradnorm.csv"),
        StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  /** Long decimals shortened to 4 significant digits; integers and words unchanged. */
  static String number(String v) {
    if (!v.matches("-?[0-9]*\\.[0-9]{5,}([eE][-+]?[0-9]+)?")) {
      return v;
    }
    double d = Double.parseDouble(v);
    return d == 0 || Double.isInfinite(d) ? v : Numbers.brief(d);
  }

  static String markdown(Path experiments, Path curves, boolean plotted) throws IOException {
    StringBuilder sb = new StringBuilder("## Gradient-norm curves\n\n");
    if (curves == null) {
      return sb.append("_No ").append(CurvesFiles.CSV).append(" under ")
          .append(experiments == null ? "--experiments (not given)" : experiments + "/curves")
          .append(": run `experiments --out DIR` and pass `report --experiments DIR`._\n\n")
          .toString();
    }
    if (plotted) {
      sb.append("![gradient norm vs t](").append(FIGURE).append(")\n\n");
    }
    sb.append("‖dL_T/dh_t‖ for t = 1..T, from the `curves` experiment; the decay in decades"
        + " (factors of 10) per 10 steps back in time is `decades_per_10_steps_measured` of its"
        + " summary.json (positive = the gradient shrinks going back in time).\n\n");
    checkCsv(curves.resolve(CurvesFiles.CSV));
    JsonObject summary = Files.isRegularFile(curves.resolve(CurvesFiles.SUMMARY))
        ? Json.read(curves.resolve(CurvesFiles.SUMMARY)).getAsJsonObject() : new JsonObject();
    JsonObject cells = summary.has("cells") ? summary.getAsJsonObject("cells") : new JsonObject();
    List<String> headers = new ArrayList<>(List.of("cell"));
    headers.addAll(KEYS);
    headers.addAll(List.of("loss", "seed", "decades per 10 steps", "‖g‖ at t=1", "‖g‖ at t=T"));
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : cells.entrySet()) {
      JsonObject cell = e.getValue().getAsJsonObject();
      List<String> row = new ArrayList<>(List.of(e.getKey()));
      KEYS.forEach(k -> row.add(get(summary, k)));
      row.add(get(cell, "loss"));
      row.add(get(summary, "seed"));
      row.add(get(cell, "decades_per_10_steps_measured"));
      row.add(number(get(cell, "grad_norm_at_1")));
      row.add(number(get(cell, "grad_norm_at_T")));
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return sb.append("_").append(curves.resolve(CurvesFiles.SUMMARY))
          .append(" lists no cells._\n\n").toString();
    }
    return sb.append(Tables.markdown(headers, rows)).append('\n').toString();
  }

  private static String get(JsonObject o, String key) {
    JsonElement v = o.get(key);
    return v == null || v.isJsonNull() ? "—" : number(v.getAsString());
  }

  /** Refuses a curves.csv without its header or with a value that is not a number. */
  private static void checkCsv(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith("t,")) {
      throw new IllegalArgumentException(csv + ": expected a header line 't,rnn,gru,lstm'");
    }
    for (int i = 1; i < lines.size(); i++) {
      for (String f : lines.get(i).split(",", -1)) {
        try {
          Double.parseDouble(f.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(csv + " line " + (i + 1) + ": '" + f
              + "' is not a number");
        }
      }
    }
  }
}
