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
    Torch torch = Torch.read(file);
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonObject> e : torch.entries().entrySet()) {
      if (TrainSection.isTrainKey(e.getKey()) || StackSection.isStackKey(e.getKey())) {
        continue;
      }
      JmhResult simd = javaResult(e.getKey(), "simd", results);
      JmhResult scalar = javaResult(e.getKey(), "scalar", results);
      rows.add(List.of(e.getKey(), millis(e.getValue()).format(), javaMillis(simd),
          javaMillis(scalar), torch.javaSpeedup(e.getKey(), results).map(r -> r.format("×"))
              .orElse("—")));
    }
    StringBuilder sb = new StringBuilder("## PyTorch reference\n\n");
    if (rows.isEmpty()) {
      return sb.append("_").append(file.getFileName()).append(" has no timing entries._\n\n")
          .toString();
    }
    sb.append(torch.allocatorLine()).append(torch.capabilityLine()).append("\n\n");
    sb.append("Forward + backward of `nn.RNN/GRU/LSTM` + read-out on the final step +"
        + " cross-entropy, CPU, one thread, batch 1, T = 50, input size = hidden"
        + " (`benchmarks/pytorch_bench.py`: median of its repetitions with an approximate 95 %"
        + " interval), beside the same workload in Java (`BpttBench.bptt`, seqLen = 50). `curve_*`"
        + " rows time the per-step gradient-norm curve: PyTorch unrolls the cell with"
        + " `retain_grad`, Java runs `CurveBench.gradnormCurve`. Java faster = PyTorch / Java SIMD"
        + " (> 1: Java is faster), its interval from both sides. Measured one after the other on"
        + " the same machine.\n\n");
    sb.append(Tables.markdown(List.of("workload", "PyTorch ms", "Java SIMD ms", "Java scalar ms",
        "Java SIMD faster by"), rows));
    if (torch.entries().keySet().stream().anyMatch(StackSection::isStackKey)) {
      sb.append("\nThe `num_layers` entries (`stack_*`) stand beside `StackBench` in \"")
          .append(StackSection.TITLE).append("\" when the run has it.\n");
    }
    if (torch.meta().has("torch")) {
      sb.append("\nPyTorch ").append(torch.meta().get("torch").getAsString()).append(", ")
          .append(torch.meta().has("threads") ? torch.meta().get("threads").getAsString() : "?")
          .append(" thread(s).\n");
    }
    return sb.append('\n').toString();
  }

  /** One line for a run without PyTorch. */
  static String absent(String why) {
    return "## PyTorch reference\n\n_Not measured: " + why + "._\n\n";
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
