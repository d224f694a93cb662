package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bpttbench.output.Json;

/**
 * The optional PyTorch reference table, from the JSON object {@code benchmarks/pytorch_bench.py}
 * prints: entries {@code <cell>_h<hidden>_T<T>} with {@code median_ms}, {@code iqr_ms},
 * {@code reps} (and {@code times_ms} when it keeps every repetition), and {@code meta} with the
 * allocator settings it ran under. The {@code train_*} and {@code stack_*} entries have their own
 * tables ({@link TrainSection}, {@link StackSection}).
 */
final class PyTorchSection {

  private PyTorchSection() {}

  private static final Pattern KEY = Pattern.compile("(curve_)?(" + String.join("|", BpttSection.CELLS)
      + ")_h(\\d+)_T(\\d+)");

  /** The parsed file: its timing entries and meta. */
  record Torch(Map<String, JsonObject> entries, JsonObject meta) {

    static Torch read(Path file) throws IOException {
      JsonElement e = Json.read(file);
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(file + ": expected the JSON object pytorch_bench.py"
            + " prints");
      }
      Map<String, JsonObject> entries = new java.util.LinkedHashMap<>();
      e.getAsJsonObject().entrySet().stream().filter(kv -> kv.getValue().isJsonObject()
              && kv.getValue().getAsJsonObject().has("median_ms"))
          .forEach(kv -> entries.put(kv.getKey(), kv.getValue().getAsJsonObject()));
      JsonObject root = e.getAsJsonObject();
      return new Torch(entries, root.has("meta") && root.get("meta").isJsonObject()
          ? root.getAsJsonObject("meta") : new JsonObject());
    }

    /** PyTorch / Java SIMD for one entry: how many times faster Java is. */
    Optional<Estimate> javaSpeedup(String key, List<JmhResult> results) {
      JsonObject o = entries.get(key);
      JmhResult simd = javaResult(key, "simd", results);
      return o == null || simd == null ? Optional.empty()
          : Optional.of(Estimate.ratio(millis(o).times(1e6), simd.estimateNanos()));
    }

    /** One line on the allocator PyTorch ran with, from meta.allocator. */
    String allocatorLine() {
      JsonObject a = meta.has("allocator") && meta.get("allocator").isJsonObject()
          ? meta.getAsJsonObject("allocator") : null;
      if (a == null) {
        return "The allocator settings PyTorch ran with were not recorded (an older"
            + " pytorch_bench.py): at H ≥ 512 glibc's default malloc can make its backward pass"
            + " about 2× slower, so large-H ratios may be inflated.";
      }
      String malloc = a.has("malloc") ? a.get("malloc").getAsString() : "unknown";
      String tunables = a.has("GLIBC_TUNABLES") && !a.get("GLIBC_TUNABLES").isJsonNull()
          ? a.get("GLIBC_TUNABLES").getAsString() : "unset";
      return malloc.equals("tuned")
          ? "PyTorch ran with glibc malloc tuned (`GLIBC_TUNABLES=" + tunables + "`), so that"
              + " its large buffers are not returned to the kernel and faulted in again every"
              + " pass: what is compared is the arithmetic, not page faults."
          : "PyTorch ran with glibc's **default** malloc (GLIBC_TUNABLES " + tunables + "): its"
              + " backward pass at H ≥ 512 is then dominated by page faults, so large-H ratios"
              + " overstate Java's lead.";
    }

    /** " Its own kernels dispatched to AVX2 …" from meta.cpuCapability, or "" when unrecorded. */
    String capabilityLine() {
      if (!meta.has("cpuCapability") || meta.get("cpuCapability").isJsonNull()) {
        return "";
      }
      JsonElement forced = meta.get("ATEN_CPU_CAPABILITY");
      return " Its own kernels dispatched to " + meta.get("cpuCapability").getAsString()
          + (forced == null || forced.isJsonNull() ? ""
              : " (`ATEN_CPU_CAPABILITY=" + forced.getAsString() + "`)") + ".";
    }
  }

  /**
   * PyTorch's time as an estimate in ms: the median of {@code times_ms} with its order-statistic
   * interval when present, else the median ± 1.96 · 1.2533 · (IQR / 1.349) / √reps (the normal
   * approximation of the median's standard error).
   */
  static Estimate millis(JsonObject o) {
    if (o.has("times_ms") && o.get("times_ms").isJsonArray()) {
      List<Double> ts = new ArrayList<>();
      o.getAsJsonArray("times_ms").forEach(t -> ts.add(t.getAsDouble()));
      return Estimate.median(ts.stream().mapToDouble(Double::doubleValue).toArray());
    }
    double median = o.get("median_ms").getAsDouble();
    if (!o.has("iqr_ms") || !o.has("reps")) {
      return Estimate.fromError(median, Double.NaN);
    }
    int reps = o.get("reps").getAsInt();
    double half = 1.96 * 1.2533 * o.get("iqr_ms").getAsDouble() / 1.349 / Math.sqrt(reps);
    return half < median ? new Estimate(median, median - half, median + half, reps, 0.95)
        : Estimate.fromError(median, Double.NaN);
  }

  /** The table, with the same workload's Java time (BpttBench/CurveBench) and the ratio. */
  static String markdown(Path file, List<JmhResult> results) throws IOException {
    return markdown(Optional.of(Torch.read(file)), "", Optional.empty(), results);
  }

  /**
   * The BPTT workloads of PyTorch ({@code torch}, or {@code why} it was not measured) and of
   * oneDNN's RNN primitives ({@code onednn}: its {@code <cell>_h<H>_T50} entries, forward-training
   * + backward alone) beside the same workload in Java; an absent peer is one line and no columns.
   */
  static String markdown(Optional<Torch> torch, String why, Optional<Peers.OneDnn> onednn,
      List<JmhResult> results) {
    StringBuilder sb = new StringBuilder("## PyTorch reference\n\n");
    List<String> keys = new ArrayList<>();
    torch.ifPresent(t -> t.entries().keySet().stream().filter(k -> !TrainSection.isTrainKey(k)
        && !StackSection.isStackKey(k)).forEach(keys::add));
    onednn.ifPresent(o -> o.results().forEach((k, e) -> {
      if ("bptt".equals(e.bench()) && !keys.contains(k)) {
        keys.add(k);
      }
    }));
    if (torch.isEmpty()) {
      sb.append("_PyTorch not measured: ").append(why).append("._\n\n");
    }
    if (onednn.isEmpty()) {
      sb.append(Peers.ONEDNN_ABSENT).append("\n\n");
    }
    if (keys.isEmpty()) {
      return torch.isEmpty() ? sb.toString()
          : sb.append("_pytorch.json has no timing entries._\n\n").toString();
    }
    torch.ifPresent(t -> sb.append(t.allocatorLine()).append(t.capabilityLine()).append("\n\n"));
    sb.append("Forward + backward over T = 50 steps, batch 1, input size = hidden, one thread,"
        + " beside the same workload in Java (`BpttBench.bptt`, seqLen = 50). Measured one after"
        + " the other on the same machine; \"faster by\" = peer time / Java SIMD time (> 1: Java"
        + " is faster), its interval from both sides.");
    if (torch.isPresent()) {
      sb.append(" PyTorch: `nn.RNN/GRU/LSTM` + read-out on the final step + cross-entropy"
          + " (`benchmarks/pytorch_bench.py`: median of its repetitions with an approximate 95 %"
          + " interval). `curve_*` rows time the per-step gradient-norm curve: PyTorch unrolls"
          + " the cell with `retain_grad`, Java runs `CurveBench.gradnormCurve`.");
    }
    onednn.ifPresent(o -> sb.append(" oneDNN: its RNN primitive's forward-training + backward"
        + " alone (vanilla RNN with tanh, `lbr_gru` = PyTorch's GRU, LSTM; the read-out and loss"
        + " are not in it, the weights reordered into oneDNN's layout once outside the timing;"
        + " `benchmarks/native/run-onednn.sh`, median [95 % interval] of its repetitions), ")
        .append(o.describe()).append('.'));
    sb.append("\n\n");
    List<String> headers = new ArrayList<>(List.of("workload"));
    torch.ifPresent(t -> headers.add("PyTorch ms"));
    onednn.ifPresent(o -> headers.add("oneDNN ms"));
    headers.addAll(List.of("Java SIMD ms", "Java scalar ms"));
    torch.ifPresent(t -> headers.add("Java SIMD faster by"));
    onednn.ifPresent(o -> headers.add("Java SIMD vs oneDNN"));
    List<List<String>> rows = new ArrayList<>();
    for (String key : keys) {
      JmhResult simd = javaResult(key, "simd", results);
      JmhResult scalar = javaResult(key, "scalar", results);
      Optional<JsonObject> py = torch.map(t -> t.entries().get(key));
      Optional<Peers.OneDnn.Entry> dnn = onednn.flatMap(o -> o.entry(key));
      List<String> row = new ArrayList<>(List.of(key));
      torch.ifPresent(t -> row.add(py.map(o -> millis(o).format()).orElse("—")));
      onednn.ifPresent(o -> row.add(dnn.map(e -> e.millis().format()).orElse("—")));
      row.add(javaMillis(simd));
      row.add(javaMillis(scalar));
      torch.ifPresent(t -> row.add(t.javaSpeedup(key, results).map(r -> r.format("×"))
          .orElse("—")));
      onednn.ifPresent(o -> row.add(oneDnnSpeedup(o, key, results).map(r -> r.format("×"))
          .orElse("—")));
      rows.add(row);
    }
    sb.append(Tables.markdown(headers, rows));
    if (torch.isPresent() && torch.get().entries().keySet().stream()
        .anyMatch(StackSection::isStackKey)) {
      sb.append("\nThe `num_layers` entries (`stack_*`) stand beside `StackBench` in \"")
          .append(StackSection.TITLE).append("\" when the run has it.\n");
    }
    torch.filter(t -> t.meta().has("torch")).ifPresent(t -> sb.append("\nPyTorch ")
        .append(t.meta().get("torch").getAsString()).append(", ")
        .append(t.meta().has("threads") ? t.meta().get("threads").getAsString() : "?")
        .append(" thread(s).\n"));
    return sb.append('\n').toString();
  }

  /** oneDNN / Java SIMD for one BPTT workload: how many times faster Java is. */
  static Optional<Estimate> oneDnnSpeedup(Peers.OneDnn o, String key, List<JmhResult> results) {
    JmhResult simd = javaResult(key, "simd", results);
    return simd == null ? Optional.empty() : o.entry(key).map(e -> Estimate.ratio(
        e.millis().times(1e6), simd.estimateNanos()));
  }

  private static String javaMillis(JmhResult r) {
    return r == null ? "—" : r.estimateNanos().times(1e-6).format();
  }

  static JmhResult javaResult(String key, String backend, List<JmhResult> results) {
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
