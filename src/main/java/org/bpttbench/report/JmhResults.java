package org.bpttbench.report;

import com.google.gson.JsonArray;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's {@code -rf json} output into {@link JmhResult}s. */
public final class JmhResults {

  /** JMH's {@code -prof gc} metric for bytes allocated per operation. */
  public static final String ALLOC_NORM = "gc.alloc.rate.norm";

  private JmhResults() {}

  /** Parses a JMH JSON file; a missing or malformed file is a {@link IllegalArgumentException} naming it. */
  public static List<JmhResult> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file (expected a JMH JSON result, -rf json)");
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(JsonParser.parseReader(r), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
        | NumberFormatException e) {
      throw new IllegalArgumentException(file + ": not a JMH JSON result file (" + e.getMessage() + ")");
    }
  }

  static List<JmhResult> parse(JsonElement root, String name) {
    if (!root.isJsonArray()) {
      throw new IllegalArgumentException(name + ": not a JMH JSON result file (expected a JSON array)");
    }
    List<JmhResult> out = new ArrayList<>();
    JsonArray arr = root.getAsJsonArray();
    for (JsonElement e : arr) {
      if (!e.isJsonObject() || !e.getAsJsonObject().has("benchmark")
          || !e.getAsJsonObject().has("primaryMetric")) {
        throw new IllegalArgumentException(name + ": not a JMH JSON result file (an entry lacks"
            + " 'benchmark' or 'primaryMetric')");
      }
      out.add(one(e.getAsJsonObject()));
    }
    return out;
  }

  private static JmhResult one(JsonObject o) {
    Map<String, String> params = new LinkedHashMap<>();
    if (o.has("params") && o.get("params").isJsonObject()) {
      for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
        params.put(p.getKey(), p.getValue().getAsString());
      }
    }
    JsonObject pm = o.getAsJsonObject("primaryMetric");
    double allocScore = Double.NaN;
    double allocErr = Double.NaN;
    JsonObject sec = o.has("secondaryMetrics") && o.get("secondaryMetrics").isJsonObject()
        ? o.getAsJsonObject("secondaryMetrics") : new JsonObject();
    if (sec.has(ALLOC_NORM) && sec.get(ALLOC_NORM).isJsonObject()) {
      JsonObject a = sec.getAsJsonObject(ALLOC_NORM);
      allocScore = dbl(a, "score");
      allocErr = dbl(a, "scoreError");
    }
    List<String> jvmArgs = new ArrayList<>();
    if (o.has("jvmArgs") && o.get("jvmArgs").isJsonArray()) {
      o.getAsJsonArray("jvmArgs").forEach(a -> jvmArgs.add(a.getAsString()));
    }
    JmhResult.RunConfig run = new JmhResult.RunConfig(integer(o, "forks"),
        integer(o, "warmupIterations"), str(o, "warmupTime"), integer(o, "measurementIterations"),
        str(o, "measurementTime"), str(o, "jvm"), List.copyOf(jvmArgs), str(o, "jdkVersion"),
        str(o, "vmName"), str(o, "vmVersion"), str(o, "jmhVersion"));
    return new JmhResult(o.get("benchmark").getAsString(), str(o, "mode"), params,
        dbl(pm, "score"), dbl(pm, "scoreError"), str(pm, "scoreUnit"), allocScore, allocErr, run,
        raw(pm));
  }

  /** {@code rawData}: one array of iteration scores per fork, flattened; empty when absent. */
  private static double[] raw(JsonObject pm) {
    if (!pm.has("rawData") || !pm.get("rawData").isJsonArray()) {
      return new double[0];
    }
    List<Double> all = new ArrayList<>();
    for (JsonElement fork : pm.getAsJsonArray("rawData")) {
      if (fork.isJsonArray()) {
        fork.getAsJsonArray().forEach(v -> all.add(Double.parseDouble(v.getAsString().trim())));
      }
    }
    return all.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
  }

  /** A number; JMH writes NaN and infinities as strings ({@code "NaN"}). */
  private static double dbl(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return Double.NaN;
    }
    return Double.parseDouble(e.getAsString().trim());
  }

  private static int integer(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? -1 : e.getAsInt();
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }
}
