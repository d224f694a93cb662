package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional PyTorch reference table, from the JSON object {@code benchmarks/pytorch_bench.py}
 * prints: entries {@code <cell>_h<hidden>_T<T>} with {@code median_ms}, {@code iqr_ms},
 * {@code reps}, and {@code meta}.
 */
final class PyTorchSection {

  private PyTorchSection() {}

  private static final Pattern KEY = Pattern.compile("(curve_)?(rnn|gru|lstm)_h(\\d+)_T(\\d+)");

  /** The table, with the same workload's Java time (BpttBench/CurveBench) and the ratio. */
  static String markdown(Path file, List<JmhResult> results) throws IOException {
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(file + ": expected the JSON object pytorch_bench.py prints");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      if (!e.getValue().isJsonObject() || !e.getValue().getAsJsonObject().has("median_ms")) {
        continue;
      }
      JsonObject o = e.getValue().getAsJsonObject();
      double torchMs = o.get("median_ms").getAsDouble();
      JmhResult simd = javaResult(e.getKey(), "simd", results);
      JmhResult scalar = javaResult(e.getKey(), "scalar", results);
      rows.add(List.of(e.getKey(), Numbers.brief(torchMs),
          o.has("iqr_ms") ? Numbers.brief(o.get("iqr_ms").getAsDouble()) : "—",
          millis(simd), millis(scalar),
          simd == null ? "—" : Numbers.brief(torchMs / (simd.nanosPerOp() / 1e6)) + "×"));
    }
    StringBuilder sb = new StringBuilder("## PyTorch reference\n\n");
    if (rows.isEmpty()) {
      return sb.append("_").append(file.getFileName()).append(" has no timing entries._\n\n")
          .toString();
    }
    sb.append("Forward + backward of `nn.RNN/GRU/LSTM` + read-out on the final step +"
        + " cross-entropy, CPU, one thread, batch 1, T = 50, input size = hidden"
        + " (`benchmarks/pytorch_bench.py`, median of its repetitions), beside the same workload"
        + " in Java (`BpttBench.bptt`, seqLen = 50; JMH mean ± 99.9% error). `curve_*` rows time"
        + " the per-step gradient-norm curve: PyTorch unrolls the cell with `retain_grad`, Java"
        + " runs `CurveBench.gradnormCurve` (BPTT + the exact curve). Ratio = PyTorch / Java SIMD"
        + " (> 1: Java is faster). Measured one after the other on the same machine.\n\n");
    sb.append(Tables.markdown(List.of("workload", "PyTorch median ms", "IQR ms",
        "Java simd ms", "Java scalar ms", "PyTorch / Java simd"), rows));
    if (root.has("meta")) {
      sb.append("\nmeta: `").append(root.get("meta").toString()).append("`\n");
    }
    return sb.append('\n').toString();
  }

  /** One line for a run without PyTorch. */
  static String absent(String why) {
    return "## PyTorch reference\n\n_Not measured: " + why + "._\n\n";
  }

  private static String millis(JmhResult r) {
    return r == null ? "—" : Numbers.withError(r.nanosPerOp() / 1e6, r.error() * r.nanosPerOp()
        / r.score() / 1e6);
  }

  private static JmhResult javaResult(String key, String backend, List<JmhResult> results) {
    Matcher m = KEY.matcher(key);
    if (!m.matches()) {
      return null;
    }
    String bench = m.group(1) != null ? "CurveBench.gradnormCurve" : "BpttBench.bptt";
    for (JmhResult r : results) {
      if (r.benchmark().endsWith(bench) && r.lowerIsBetter()
          && m.group(2).equals(r.param("cell")) && backend.equals(r.param("backend"))
          && m.group(3).equals(r.param("hidden")) && m.group(4).equals(r.param("seqLen"))) {
        return r;
      }
    }
    return null;
  }
}
