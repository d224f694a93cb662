package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.bpttbench.output.Json;

/**
 * The peer libraries timed beside the JMH run, read into records from the files the suite writes
 * next to {@code jmh-result.json}: oneDNN's RNN primitives ({@code onednn.json},
 * {@code benchmarks/native/run-onednn.sh}) and OpenBLAS's sgemm through numpy
 * ({@code openblas.json}, {@code benchmarks/run-openblas.sh}); schemas in benchmarks/README.md. A
 * peer that did not run is empty, with the one line the report prints instead.
 */
record Peers(Optional<OneDnn> onednn, Optional<OpenBlas> openblas) {

  static final String ONEDNN_FILE = "onednn.json";
  static final String OPENBLAS_FILE = "openblas.json";

  static final String ONEDNN_ABSENT = "No oneDNN: no `" + ONEDNN_FILE + "` beside"
      + " `jmh-result.json` (no C++ compiler or no oneDNN headers when the suite ran, Debian:"
      + " `apt-get install libdnnl-dev`; or `benchmarks/native/run-onednn.sh` was not run).";
  static final String OPENBLAS_ABSENT = "No OpenBLAS: no `" + OPENBLAS_FILE + "` beside"
      + " `jmh-result.json` (no python with numpy on OpenBLAS when the suite ran, Debian:"
      + " `apt-get install python3-numpy libopenblas0-pthread`; or `benchmarks/run-openblas.sh`"
      + " was not run).";

  /** Neither peer. */
  static Peers none() {
    return new Peers(Optional.empty(), Optional.empty());
  }

  /** The peers in {@code dir} (the directory of jmh-result.json); none when {@code dir} is null. */
  static Peers read(Path dir) throws IOException {
    if (dir == null) {
      return none();
    }
    return new Peers(OneDnn.read(dir.resolve(ONEDNN_FILE)),
        OpenBlas.read(dir.resolve(OPENBLAS_FILE)));
  }

  /**
   * A time in ms from a peer's repetitions: the median of {@code times} with its order-statistic
   * interval when there are any, else the median ± 1.96 · 1.2533 · (IQR / 1.349) / √reps (as
   * PyTorch's entries without their times).
   */
  static Estimate millis(double median, double iqr, int reps, double[] times) {
    if (times != null && times.length > 0) {
      return Estimate.median(times);
    }
    if (!(iqr >= 0) || reps <= 0) {
      return Estimate.fromError(median, Double.NaN);
    }
    double half = 1.96 * 1.2533 * iqr / 1.349 / Math.sqrt(reps);
    return half < median ? new Estimate(median, median - half, median + half, reps, 0.95)
        : Estimate.fromError(median, Double.NaN);
  }

  /** onednn.json (schema 1). */
  record OneDnn(int schema, Library onednn, String cpu, String compiler, String flags,
                @SerializedName("ftzDaz") boolean ftzDaz, Map<String, Entry> results,
                Threads threads) {

    /** dnnl_version() and get_effective_cpu_isa(). */
    record Library(String version, @SerializedName("cpuRuntime") String cpuRuntime,
                   @SerializedName("effectiveIsa") String effectiveIsa) {}

    record Threads(@SerializedName("ompMaxThreads") int ompMaxThreads,
                   @SerializedName("processThreads") int processThreads) {}

    /**
     * One shape: forward-training + backward of one layer over T steps, in ms per call.
     *
     * @param bench {@code bptt} (BpttBench's shapes) or {@code train} (TrainBench's)
     * @param implFwd the forward primitive's implementation ({@code impl_info_str()})
     */
    record Entry(String bench, String cell, String algorithm, int batch, int hidden,
                 String implFwd, String implBwd, double medianMs, double iqrMs, int reps,
                 double[] timesMs) {

      /** The time per call in ms with its interval. */
      Estimate millis() {
        return Peers.millis(medianMs, iqrMs, reps, timesMs);
      }
    }

    static Optional<OneDnn> read(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      OneDnn o = Json.read(file, OneDnn.class);
      if (o == null || o.schema() != 1 || o.results() == null || o.onednn() == null) {
        throw new IllegalArgumentException(file + ": expected onednn.json schema 1 with"
            + " \"onednn\" and \"results\"");
      }
      return Optional.of(o);
    }

    /** The entry of a pytorch.json-style key ({@code lstm_h128_T50}, {@code train_…}). */
    Optional<Entry> entry(String key) {
      return Optional.ofNullable(results.get(key));
    }

    /** The implementations oneDNN picked over all shapes, e.g. {@code forward ref, backward ref}. */
    String implementations() {
      TreeSet<String> fwd = new TreeSet<>();
      TreeSet<String> bwd = new TreeSet<>();
      results.values().forEach(e -> {
        fwd.add(String.valueOf(e.implFwd()));
        bwd.add(String.valueOf(e.implBwd()));
      });
      return "forward " + String.join(" / ", fwd) + ", backward " + String.join(" / ", bwd);
    }

    /** The one line naming the library, its ISA, threads and the implementations it picked. */
    String describe() {
      return "oneDNN " + onednn.version() + " (effective ISA `" + onednn.effectiveIsa() + "`, "
          + onednn.cpuRuntime() + " runtime, " + (threads == null ? "?" : threads.processThreads())
          + " thread(s)" + (ftzDaz ? ", FTZ/DAZ on" : "") + "; implementation picked: "
          + implementations() + "; `onednn-verbose.log` has the layouts)";
    }
  }

  /**
   * openblas.json: numpy's matmul on OpenBLAS, one thread, per GemmShapeBench shape.
   *
   * @param gemms by shape name ({@code sq256}, {@code step_b32}: the key without {@code gemm_})
   */
  record OpenBlas(Map<String, Gemm> gemms, String numpy, String config, String core,
                  String coretype, String threads) {

    /** One shape: ms per call (median, interquartile range over {@code reps}), GFLOP/s of it. */
    record Gemm(double medianMs, double iqrMs, int reps, double[] timesMs, double gflops) {

      Estimate millis() {
        return Peers.millis(medianMs, iqrMs, reps, timesMs);
      }
    }

    static Optional<OpenBlas> read(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      JsonElement e = Json.read(file);
      if (!e.isJsonObject() || !e.getAsJsonObject().has("meta")) {
        throw new IllegalArgumentException(file + ": expected the JSON object openblas_bench.py"
            + " prints (gemm_<shape> entries and \"meta\")");
      }
      Map<String, Gemm> gemms = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
        if (kv.getKey().startsWith("gemm_") && kv.getValue().isJsonObject()) {
          JsonObject g = kv.getValue().getAsJsonObject();
          gemms.put(kv.getKey().substring(5), new Gemm(g.get("median_ms").getAsDouble(),
              number(g, "iqr_ms"), g.has("reps") ? g.get("reps").getAsInt() : 0,
              g.has("times_ms") ? doubles(g.getAsJsonArray("times_ms")) : null,
              number(g, "gflops")));
        }
      }
      JsonObject m = e.getAsJsonObject().getAsJsonObject("meta");
      return Optional.of(new OpenBlas(Map.copyOf(gemms), text(m, "numpy"), text(m, "blas"),
          text(m, "core"), text(m, "OPENBLAS_CORETYPE"), text(m, "OPENBLAS_NUM_THREADS")));
    }

    Optional<Gemm> gemm(String shape) {
      return Optional.ofNullable(gemms.get(shape));
    }

    /** {@code OpenBLAS 0.3.21 … (core SkylakeX, OPENBLAS_CORETYPE=…), numpy 1.24.2, 1 thread}. */
    String describe() {
      return "`" + config + "` through numpy " + numpy + ", core **" + core + "**"
          + (coretype == null ? "" : " (`OPENBLAS_CORETYPE=" + coretype + "`)")
          + ", `OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads) + "`";
    }

    private static String text(JsonObject o, String key) {
      return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    private static double number(JsonObject o, String key) {
      return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN;
    }
  }

  /** The GEMM shapes of GemmShapeBench and openblas_bench.py, and GemmBench's squares. */
  private static double[] doubles(com.google.gson.JsonArray a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsDouble();
    }
    return v;
  }

  record GemmShape(String name, boolean transA, boolean transB, int m, int n, int k) {

    /** {@code sqD}, or {@code step|carry|inproj|wgrad_bB} (LSTM, H = 128, T = 50). */
    static Optional<GemmShape> of(String name) {
      int gh = 4 * 128;
      int h = 128;
      try {
        if (name.startsWith("sq")) {
          int d = Integer.parseInt(name.substring(2));
          return Optional.of(new GemmShape(name, false, false, d, d, d));
        }
        int b = Integer.parseInt(name.substring(name.indexOf("_b") + 2));
        return Optional.ofNullable(switch (name.substring(0, name.indexOf('_'))) {
          case "step" -> new GemmShape(name, false, true, b, gh, h);
          case "carry" -> new GemmShape(name, false, false, b, h, gh);
          case "inproj" -> new GemmShape(name, false, true, b * 50, gh, h);
          case "wgrad" -> new GemmShape(name, true, false, gh, h, b * 50);
          default -> null;
        });
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    double flops() {
      return 2.0 * m * n * k;
    }

    /** {@code 32 × 512 × 128, NT}. */
    String describe() {
      return m + " × " + n + " × " + k + ", " + (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    /** Shapes in report order: squares by size, then the training shapes by batch and kind. */
    static final List<String> KINDS = List.of("sq", "step", "carry", "inproj", "wgrad");
  }
}
