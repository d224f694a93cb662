package org.bpttbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bpttbench.output.Numbers;

/**
 * Every GEMM of the run beside OpenBLAS: {@code GemmBench}'s squares (as {@code sqD}) and
 * {@code GemmShapeBench}'s shapes (squares up to 512 and the products of one LSTM training update),
 * the SIMD backend's time and GFLOP/s with its share of the FMA peak, OpenBLAS's sgemm (numpy,
 * one thread, {@code openblas.json}) at the same shape, and SIMD/OpenBLAS = OpenBLAS time / SIMD
 * time (above 1: SIMD faster), as the native baseline stands beside gemv.
 */
final class GemmSection {

  static final String TITLE = "GEMM against OpenBLAS";

  private GemmSection() {}

  /** One shape: the SIMD result of each benchmark that timed it (GemmBench, GemmShapeBench). */
  record Row(Peers.GemmShape shape, String bench, Optional<JmhResult> simd) {}

  /** SIMD GEMM rows by shape, plus OpenBLAS-only shapes, squares first, then by batch and kind. */
  static List<Row> rows(List<JmhResult> results, Optional<Peers.OpenBlas> blas) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (JmhResult r : results) {
      if (!"simd".equals(r.param("backend")) || !r.lowerIsBetter()) {
        continue;
      }
      String name = r.shortName().equals("GemmBench.gemm") ? "sq" + r.param("hidden")
          : r.shortName().equals("GemmShapeBench.gemm") ? r.param("shape") : null;
      Optional<Peers.GemmShape> s = name == null ? Optional.empty() : Peers.GemmShape.of(name);
      s.ifPresent(shape -> out.put(name + " " + r.className(),
          new Row(shape, r.className(), Optional.of(r))));
    }
    blas.ifPresent(b -> b.gemms().keySet().forEach(name -> {
      boolean timed = out.values().stream().anyMatch(row -> row.shape().name().equals(name));
      if (!timed) {
        Peers.GemmShape.of(name).ifPresent(s -> out.put(name, new Row(s, "—", Optional.empty())));
      }
    }));
    List<Row> rows = new ArrayList<>(out.values());
    rows.sort(Comparator.comparingInt((Row r) -> r.shape().name().startsWith("sq") ? 0 : 1)
        .thenComparingInt(r -> r.shape().name().startsWith("sq") ? r.shape().m()
            : Integer.parseInt(r.shape().name().substring(r.shape().name().indexOf("_b") + 2)))
        .thenComparingInt(r -> Peers.GemmShape.KINDS.indexOf(r.shape().name()
            .replaceAll("_b\\d+$", "").replaceAll("\\d+$", "")))
        .thenComparing(Row::bench));
    return rows;
  }

  /** OpenBLAS time / SIMD time for one row, when both were timed. */
  static Optional<Estimate> ratio(Row row, Optional<Peers.OpenBlas> blas) {
    Optional<Peers.OpenBlas.Gemm> g = blas.flatMap(b -> b.gemm(row.shape().name()));
    return g.isEmpty() || row.simd().isEmpty() ? Optional.empty()
        : Optional.of(Estimate.ratio(g.get().millis().times(1e6),
            row.simd().get().estimateNanos()));
  }

  static String markdown(List<JmhResult> results, Optional<MachineLimit> limit, Peers peers) {
    Optional<Peers.OpenBlas> blas = peers.openblas();
    List<Row> rows = rows(results, blas);
    if (rows.stream().allMatch(r -> r.simd().isEmpty())) {
      return ""; // no GEMM benchmark in this run: the kernels section says so
    }
    StringBuilder sb = new StringBuilder("## ").append(TITLE).append("\n\n");
    sb.append("C = op(A)·op(B), float32, one thread: `GemmBench` squares (`sqD`: D × D × D) and"
        + " `GemmShapeBench` (squares up to 512 and the products of one LSTM training update at"
        + " H = 128, T = 50, batch B: `step` the recurrent product of one step, B × 4H × H, NT;"
        + " `carry` the carried gradient, B × H × 4H, NN; `inproj` the input projection of all"
        + " steps, B·T × 4H × H, NT; `wgrad` a weight gradient over all steps, 4H × H × B·T, TN)."
        + " Shape m × n × k; 2·m·n·k FLOPs. SIMD: median [95 % interval].");
    if (blas.isPresent()) {
      sb.append(" OpenBLAS: numpy's `matmul` at the same shape and transpositions, ")
          .append(blas.get().describe()).append(" (`benchmarks/openblas_bench.py`: median of its"
              + " repetitions, approximate 95 % interval from their spread). SIMD/OpenBLAS ="
              + " OpenBLAS time / SIMD time: above 1, SIMD is faster.\n\n");
    } else {
      sb.append("\n\n").append(Peers.OPENBLAS_ABSENT).append("\n\n");
    }
    List<String> headers = new ArrayList<>(List.of("shape", "m × n × k", "benchmark",
        "SIMD µs", "SIMD GFLOP/s"));
    if (blas.isPresent()) {
      headers.addAll(List.of("OpenBLAS µs", "OpenBLAS GFLOP/s", "SIMD/OpenBLAS"));
    }
    List<List<String>> table = new ArrayList<>();
    for (Row row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.shape().name(), row.shape().describe(),
          row.bench()));
      cells.add(row.simd().map(r -> r.estimateNanos().times(1e-3).format()).orElse("—"));
      cells.add(row.simd().map(r -> rate(row.shape().flops(), r.estimateNanos(), limit))
          .orElse("—"));
      blas.ifPresent(b -> {
        Optional<Peers.OpenBlas.Gemm> g = b.gemm(row.shape().name());
        cells.add(g.map(x -> x.millis().times(1e3).format()).orElse("—"));
        cells.add(g.map(x -> rate(row.shape().flops(), x.millis().times(1e6), limit))
            .orElse("—"));
        cells.add(ratio(row, blas).map(e -> e.format("×")).orElse("—"));
      });
      table.add(cells);
    }
    sb.append(Tables.markdown(headers, table));
    limit.ifPresent(m -> {
      sb.append("\nShares are of the FMA peak ").append(m.peakLabel()).append('.');
      boolean over = rows.stream().anyMatch(r -> r.simd().map(j -> j.estimateNanos().value())
          .map(ns -> gflops(r, ns) > m.peakGflops()).orElse(false)
          || blas.flatMap(b -> b.gemm(r.shape().name())).map(g -> r.shape().flops()
              / (g.medianMs() * 1e6) > m.peakGflops()).orElse(false));
      if (over) {
        sb.append(" A share above 100 % means this run's peak is too low (a short or disturbed"
            + " `PeakBench`), not that a GEMM beat the machine.");
      }
      sb.append('\n');
    });
    return sb.append('\n').toString();
  }

  private static double gflops(Row r, double nanos) {
    return r.shape().flops() / nanos;
  }

  private static String rate(double flops, Estimate nanos, Optional<MachineLimit> limit) {
    Estimate g = nanos.inverse().times(flops);
    return g.format() + limit.map(m -> ", " + m.share(g.value())).orElse("");
  }

  /** The Answers line: SIMD/OpenBLAS per square size, and the worst and best training shape. */
  static Optional<String> answer(List<JmhResult> results, Peers peers) {
    Optional<Peers.OpenBlas> blas = peers.openblas();
    if (blas.isEmpty()) {
      return Optional.empty();
    }
    List<String> squares = new ArrayList<>();
    Row worst = null;
    Row best = null;
    for (Row row : rows(results, blas)) {
      Optional<Estimate> q = ratio(row, blas);
      if (q.isEmpty()) {
        continue;
      }
      if (row.shape().name().startsWith("sq")) {
        String s = "d = " + row.shape().m() + " " + q.get().format("×");
        if (squares.stream().noneMatch(x -> x.startsWith("d = " + row.shape().m() + " "))) {
          squares.add(s);
        }
      } else {
        if (worst == null || q.get().value() < ratio(worst, blas).get().value()) {
          worst = row;
        }
        if (best == null || q.get().value() > ratio(best, blas).get().value()) {
          best = row;
        }
      }
    }
    List<String> parts = new ArrayList<>(squares);
    if (worst != null) {
      parts.add("training shapes " + (worst == best ? worst.shape().name() + " "
          + ratio(worst, blas).get().format("×") : "from " + worst.shape().name() + " "
          + Numbers.brief(ratio(worst, blas).get().value()) + "× to " + best.shape().name()
          + " " + Numbers.brief(ratio(best, blas).get().value()) + "×"));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts)
        + " (OpenBLAS core " + blas.get().core() + ", one thread)");
  }
}
