package org.bpttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bpttbench.output.Numbers;

/**
 * Sections built from benchmark results: kernels, cell steps, other benchmarks (generic) and
 * allocation per operation. Every benchmark with a {@code backend} parameter gets a
 * scalar-versus-SIMD table; a missing section is one line saying so.
 */
final class BenchSections {

  static final Predicate<String> KERNEL =
      c -> c.equals("KernelBench") || c.equals("GemmBench") || c.equals("ActivationBench");
  static final Predicate<String> CELL = c -> c.equals("CellBench");
  static final Predicate<String> BPTT = c -> c.equals("BpttBench");
  static final Predicate<String> RECURRENCE = c -> c.equals("RecurrenceBench");
  static final Predicate<String> TRAIN = c -> c.equals("TrainBench");
  static final Predicate<String> STACK = c -> c.equals("StackBench");
  static final Predicate<String> SEQ = c -> c.equals("SeqBench");
  /** Shown in {@link GemmSection} beside OpenBLAS. */
  static final Predicate<String> GEMM_SHAPE = c -> c.equals("GemmShapeBench");

  private BenchSections() {}

  /** Results grouped by {@code Class.method}, sorted by name. */
  static Map<String, List<JmhResult>> byBenchmark(List<JmhResult> results,
      Predicate<String> classFilter) {
    Map<String, List<JmhResult>> out = new TreeMap<>();
    for (JmhResult r : results) {
      if (classFilter.test(r.className())) {
        out.computeIfAbsent(r.shortName(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  /**
   * The machine limit and the kernel tables, with the native columns of {@code nat} and its
   * placement table.
   */
  static String kernels(List<JmhResult> results, Optional<MachineLimit> limit,
      NativeBaseline.Choice nat) {
    String limitSection = limit.map(MachineLimit::markdown).orElse("");
    String nativeNote = nat.run().map(n -> " gemv and gemvT also show the best native C kernel"
        + " (" + n.isa() + " build, " + n.compiler() + " " + n.flags() + "; the faster of a plain"
        + " loop and intrinsics, data 64-byte aligned): native runs have no interval, so it is the"
        + " median over the repetitions with the best in brackets, and SIMD/native = native median"
        + " / SIMD median (above 1: SIMD faster). The native code with its data placed as Java's:"
        + " [" + NativePlacement.TITLE + "](#native-code-at-javas-data-placement).")
        .orElse(" " + nat.why());
    return limitSection + section("Kernels: scalar vs SIMD", byBenchmark(results, KERNEL), limit,
        nat.run(), "Times per call: median [95 % interval] over all iterations; speedup = scalar"
            + " time / SIMD time, its interval from both sides (SIMD/netlib likewise). GFLOP/s"
            + " counts 2h² per gemv/gemvT/ger and 2h³ per gemm; tanh/sigmoid are given in"
            + " elements per ns." + nativeNote,
        "No kernel benchmarks (KernelBench, ActivationBench, GemmBench) in this run.")
        + NativePlacement.markdown(results, nat.run());
  }

  static String cells(List<JmhResult> results) {
    return section("Cell steps", byBenchmark(results, CELL),
        Optional.empty(), Optional.empty(), "One forward or backward time step of a cell.",
        "No cell-step benchmarks (CellBench) in this run.");
  }

  static String others(List<JmhResult> results) {
    Map<String, List<JmhResult>> rest =
        byBenchmark(results, KERNEL.or(CELL).or(BPTT).or(RECURRENCE).or(TRAIN).or(STACK)
            .or(SEQ).or(GEMM_SHAPE).negate());
    if (rest.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("## Other benchmarks\n\n");
    rest.forEach((name, rs) -> {
      sb.append("### ").append(name).append("\n\n");
      sb.append(rs.stream().anyMatch(r -> r.param(BackendTable.BACKEND) != null)
          ? BackendTable.markdown(rs) : generic(rs)).append('\n');
    });
    return sb.toString();
  }

  /** A table of parameters and score for benchmarks without a backend parameter. */
  static String generic(List<JmhResult> rs) {
    List<String> keys = BackendTable.keyNames(rs);
    List<String> headers = new ArrayList<>(keys);
    headers.add("mode");
    headers.add("median [95 % interval]");
    headers.add("unit");
    List<List<String>> rows = new ArrayList<>();
    for (JmhResult r : rs) {
      List<String> row = new ArrayList<>();
      keys.forEach(k -> row.add(r.params().getOrDefault(k, "-")));
      row.add(r.mode());
      row.add(r.estimate().format());
      row.add(r.unit());
      rows.add(row);
    }
    rows.sort((a, b) -> Tables.compareLists(a, b));
    return Tables.markdown(headers, rows);
  }

  static String allocation(List<JmhResult> results) {
    StringBuilder sb = new StringBuilder("## Allocation per operation\n\n");
    if (results.stream().allMatch(r -> Double.isNaN(r.allocBytesPerOp()))) {
      return sb.append("_No `").append(JmhResults.ALLOC_NORM)
          .append("` in the results (the run did not use `-prof gc`)._\n\n").toString();
    }
    sb.append("`").append(JmhResults.ALLOC_NORM).append("` from `-prof gc`: bytes allocated per"
        + " operation. Steady-state kernels should show ≈ 0 (no vector boxing).\n\n");
    List<List<String>> rows = new ArrayList<>();
    List<JmhResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> {
      int c = a.shortName().compareTo(b.shortName());
      return c != 0 ? c : Tables.compareLists(new ArrayList<>(a.params().values()),
          new ArrayList<>(b.params().values()));
    });
    for (JmhResult r : sorted) {
      rows.add(List.of(r.shortName(), r.paramString(),
          Numbers.withError(r.allocBytesPerOp(), r.allocError())));
    }
    return sb.append(Tables.markdown(List.of("benchmark", "params", "B/op"), rows)).append('\n')
        .toString();
  }

  private static String section(String title, Map<String, List<JmhResult>> groups,
      Optional<MachineLimit> limit, Optional<NativeBaseline.Run> nat, String intro,
      String missing) {
    StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
    if (groups.isEmpty()) {
      return sb.append('_').append(missing).append("_\n\n").toString();
    }
    sb.append(intro).append("\n\n");
    Map<String, List<JmhResult>> ordered = new LinkedHashMap<>(groups);
    ordered.forEach((name, rs) -> sb.append("### ").append(name).append("\n\n")
        .append(BackendTable.markdown(rs, limit, nat)).append('\n'));
    return sb.toString();
  }
}
