package org.bpttbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bpttbench.output.Json;
import org.bpttbench.output.Numbers;

/**
 * The native C baseline that {@code benchmarks/native/run-native.sh} writes as {@code native.json}
 * beside the JMH JSON (schema in benchmarks/README.md, "Native baseline"): per build, the FMA peak
 * of 12 chains and the sgemv/sgemvT times of a plain and an intrinsics kernel at each data
 * placement. Native times have no interval: the median over the repetitions, and the best one as
 * a note.
 *
 * @param cpu the CPU model the baseline ran on
 * @param runs one per build, the machine's widest ISA first
 */
public record NativeBaseline(String cpu, List<Run> runs) {

  public static final String FILE = "native.json";

  /** Every array starts on a 64-byte boundary; kernel entries without a placement have it. */
  public static final String ALIGNED = "aligned64";

  /** Every array starts 16 bytes past a 64-byte boundary, as a float[] Java code gets. */
  public static final String OFFSET16 = "offset16";

  /** Why there is no native column when the file is missing. */
  static final String ABSENT = "No native baseline: no `" + FILE + "` beside `jmh-result.json`"
      + " (no C compiler when the suite ran, or `benchmarks/native/run-native.sh` was not run).";

  /**
   * One build.
   *
   * @param vectorBits width of its intrinsics kernels and peak (0 when scalar)
   * @param peakGflops median FMA peak, NaN when the build has no intrinsics
   */
  public record Run(String isa, int vectorBits, String compiler, String flags, double peakGflops,
                    double peakGflopsBest, List<Kernel> kernels) {

    /** The faster implementation (by median) of {@code kernel} at size {@code d}, aligned. */
    public Optional<Kernel> best(String kernel, int d) {
      return best(kernel, d, ALIGNED);
    }

    /** As {@link #best(String, int)} at {@code placement}. */
    public Optional<Kernel> best(String kernel, int d, String placement) {
      return kernels.stream().filter(k -> k.kernel().equals(kernel) && k.d() == d
              && k.placement().equals(placement))
          .min(Comparator.comparingDouble(Kernel::nsPerCall));
    }

    /** The sizes {@code kernel} was timed at {@code placement}, ascending. */
    public List<Integer> sizes(String kernel, String placement) {
      return kernels.stream().filter(k -> k.kernel().equals(kernel)
          && k.placement().equals(placement)).map(Kernel::d).distinct().sorted().toList();
    }

    /** {@code native C, avx2 (12 FMA chains)}: where a peak came from. */
    public String describe() {
      return "native C, " + isa + " (" + compiler + ", 12 FMA chains)";
    }
  }

  /** One (kernel, impl, d, placement): ns per call, median and best over the repetitions. */
  public record Kernel(String kernel, String impl, int d, String placement, double nsPerCall,
                       double nsPerCallBest) {

    /** GFLOP/s of the median (2d² FLOPs per call, as KernelBench counts). */
    public double gflops() {
      return 2.0 * d * d / nsPerCall;
    }

    /** SIMD/native, this median over {@code simd}'s: {@code 0.748×} (above 1: SIMD faster). */
    public String against(JmhResult simd) {
      return Numbers.brief(nsPerCall / simd.estimateNanos().value()) + "×";
    }

    /** {@code 4003 [best 3243] intrinsics}. */
    public String format() {
      return Numbers.brief(nsPerCall) + " [best " + Numbers.brief(nsPerCallBest) + "] " + impl;
    }
  }

  /** Reads {@code file}; empty when it does not exist. */
  public static Optional<NativeBaseline> read(Path file) throws IOException {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonObject o = Json.read(file).getAsJsonObject();
    if (!o.has("schema") || o.get("schema").getAsInt() != 1 || !o.has("runs")) {
      throw new IllegalArgumentException(file + ": expected native.json schema 1 with \"runs\"");
    }
    List<Run> runs = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("runs")) {
      JsonObject r = e.getAsJsonObject();
      List<Kernel> kernels = new ArrayList<>();
      for (JsonElement k : r.getAsJsonArray("kernels")) {
        JsonObject ko = k.getAsJsonObject();
        kernels.add(new Kernel(ko.get("kernel").getAsString(), ko.get("impl").getAsString(),
            ko.get("d").getAsInt(),
            ko.has("placement") ? ko.get("placement").getAsString() : ALIGNED,
            ko.get("nsPerCall").getAsDouble(),
            ko.get("nsPerCallBest").getAsDouble()));
      }
      JsonObject peak = r.has("peak") && r.get("peak").isJsonObject()
          ? r.getAsJsonObject("peak") : null;
      runs.add(new Run(r.get("isa").getAsString(), r.get("vectorBits").getAsInt(),
          r.get("compiler").getAsString(), r.get("flags").getAsString(),
          peak == null ? Double.NaN : peak.get("gflops").getAsDouble(),
          peak == null ? Double.NaN : peak.get("gflopsBest").getAsDouble(), List.copyOf(kernels)));
    }
    return Optional.of(new NativeBaseline(o.has("cpu") ? o.get("cpu").getAsString()
        : RunRecord.UNKNOWN, List.copyOf(runs)));
  }

  /** The build whose vector width matches the benchmark JVM's. */
  public Optional<Run> run(int vectorBits) {
    return runs.stream().filter(r -> r.vectorBits() == vectorBits).findFirst();
  }

  /**
   * The native run beside a JMH run of vector width {@code vectorBits}, or the one line saying
   * why there is none.
   */
  public record Choice(Optional<Run> run, String why) {

    static Choice of(Optional<NativeBaseline> baseline, int vectorBits) {
      if (baseline.isEmpty()) {
        return new Choice(Optional.empty(), ABSENT);
      }
      Optional<Run> run = baseline.get().run(vectorBits);
      return new Choice(run, run.isPresent() ? "" : "No native baseline at the JVM's vector width ("
          + vectorBits + " bits): `" + FILE + "` has only " + baseline.get().runs().stream()
              .map(r -> r.isa() + " (" + r.vectorBits() + " bits)").toList() + ".");
    }
  }

}
