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
import org.bpttbench.cli.UsageException;

/**
 * The optional PyTorch reference table, from the JSON object {@code benchmarks/pytorch_bench.py}
 * prints: entries {@code <cell>_h<hidden>_T<T>} with {@code median_ms}, {@code iqr_ms},
 * {@code reps}, and {@code meta}.
 */
final class PyTorchSection {

  private PyTorchSection() {}

  static String markdown(Path file) throws IOException {
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new UsageException(file + ": expected the JSON object pytorch_bench.py prints");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new UsageException(file + ": not valid JSON (" + e.getMessage() + ")");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      if (!e.getValue().isJsonObject() || !e.getValue().getAsJsonObject().has("median_ms")) {
        continue;
      }
      JsonObject o = e.getValue().getAsJsonObject();
      rows.add(List.of(e.getKey(), Units.num(o.get("median_ms").getAsDouble()),
          o.has("iqr_ms") ? Units.num(o.get("iqr_ms").getAsDouble()) : "—",
          o.has("reps") ? o.get("reps").getAsString() : "—"));
    }
    StringBuilder sb = new StringBuilder("## PyTorch reference\n\n");
    if (rows.isEmpty()) {
      return sb.append("_").append(file.getFileName()).append(" has no timing entries._\n\n")
          .toString();
    }
    sb.append("Forward + backward of `nn.RNN/GRU/LSTM` + read-out + cross-entropy, CPU, batch 1, as"
        + " measured by `benchmarks/pytorch_bench.py` (its own workload: compare orders of"
        + " magnitude, not digits, with the BPTT tables above).\n\n");
    sb.append(Tables.markdown(List.of("workload", "median ms", "IQR ms", "reps"), rows));
    if (root.has("meta")) {
      sb.append("\nmeta: `").append(root.get("meta").toString()).append("`\n");
    }
    return sb.append('\n').toString();
  }
}
