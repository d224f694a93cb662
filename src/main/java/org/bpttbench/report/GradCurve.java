package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bpttbench.cli.UsageException;

/**
 * One gradient-norm curve written by {@code gradnorm --out DIR}: {@code DIR/gradnorm.csv}
 * ({@code t,grad_norm[,cell_grad_norm]}) and {@code DIR/summary.json}.
 *
 * @param name the directory name, e.g. {@code lstm}
 * @param summary the summary's top-level values as strings (empty if there is no summary.json)
 * @param t time steps
 * @param norm ‖dL_T/dh_t‖
 * @param cellNorm ‖dL_T/dc_t‖ for LSTM, else {@code null}
 */
public record GradCurve(String name, Map<String, String> summary, double[] t, double[] norm,
    double[] cellNorm) {

  public static final String CSV = "gradnorm.csv";
  public static final String SUMMARY = "summary.json";

  private static final List<String> ORDER = List.of("rnn", "gru", "lstm");

  /** Every curve under {@code dir}: its subdirectories with a gradnorm.csv (rnn, gru, lstm first). */
  public static List<GradCurve> readAll(Path dir) throws IOException {
    List<GradCurve> out = new ArrayList<>();
    if (Files.isRegularFile(dir.resolve(CSV))) {
      out.add(read(dir));
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> subs = s.filter(p -> Files.isRegularFile(p.resolve(CSV)))
          .sorted(Comparator.comparingInt((Path p) -> rank(p.getFileName().toString()))
              .thenComparing(p -> p.getFileName().toString()))
          .toList();
      for (Path p : subs) {
        out.add(read(p));
      }
    }
    return out;
  }

  private static int rank(String name) {
    int i = ORDER.indexOf(name);
    return i < 0 ? ORDER.size() : i;
  }

  /** Reads one curve directory; malformed files are {@link UsageException}s naming the file. */
  public static GradCurve read(Path dir) throws IOException {
    Path csv = dir.resolve(CSV);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().startsWith("t,")) {
      throw new UsageException(csv + ": expected a header line 't,grad_norm[,cell_grad_norm]'");
    }
    int cols = lines.get(0).split(",").length;
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 2) {
        throw new UsageException(csv + " line " + (i + 1) + ": expected at least 2 columns");
      }
      double[] row = new double[Math.min(cols, 3)];
      for (int c = 0; c < row.length && c < f.length; c++) {
        try {
          row[c] = Double.parseDouble(f[c].trim());
        } catch (NumberFormatException e) {
          throw new UsageException(csv + " line " + (i + 1) + ": '" + f[c] + "' is not a number");
        }
      }
      rows.add(row);
    }
    double[] t = new double[rows.size()];
    double[] n = new double[rows.size()];
    double[] c = cols >= 3 ? new double[rows.size()] : null;
    for (int i = 0; i < rows.size(); i++) {
      t[i] = rows.get(i)[0];
      n[i] = rows.get(i)[1];
      if (c != null) {
        c[i] = rows.get(i)[2];
      }
    }
    return new GradCurve(dir.getFileName().toString(), summary(dir.resolve(SUMMARY)), t, n, c);
  }

  private static Map<String, String> summary(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement root = JsonParser.parseReader(r);
      if (!root.isJsonObject()) {
        throw new UsageException(file + ": expected a JSON object");
      }
      for (Map.Entry<String, JsonElement> e : ((JsonObject) root).entrySet()) {
        JsonElement v = e.getValue();
        out.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
      }
    } catch (JsonParseException e) {
      throw new UsageException(file + ": not valid JSON (" + e.getMessage() + ")");
    }
    return out;
  }

  /** A summary value, or "—". */
  public String get(String key) {
    return summary.getOrDefault(key, "—");
  }
}
