package org.bpttbench.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The machine's limits as measured in the same run by {@code PeakBench}: the single-core FMA peak
 * ({@code fmaPeak}: 2 · lanes · 12 chains · 1024 rounds FLOPs per op) and the streaming read
 * bandwidth ({@code stream}: 32 MiB read per op). Kernel rates are shown as a share of the peak.
 */
public record MachineLimit(double peakGflops, double peakLo, double peakHi, double streamGbs) {

  static final double FMA_FLOPS_PER_LANE = 2.0 * 12 * 1024;
  static final double STREAM_BYTES = 32.0 * 1024 * 1024;

  /** From the PeakBench results, given the float lanes of the benchmark JVM's preferred species. */
  public static Optional<MachineLimit> of(List<JmhResult> results, OptionalInt lanes) {
    if (lanes.isEmpty()) {
      return Optional.empty();
    }
    JmhResult fma = find(results, "fmaPeak");
    if (fma == null) {
      return Optional.empty();
    }
    double flops = FMA_FLOPS_PER_LANE * lanes.getAsInt();
    double ns = fma.nanosPerOp();
    double err = Double.isNaN(fma.error()) ? 0 : fma.error() * ns / fma.score();
    JmhResult stream = find(results, "stream");
    double gbs = stream == null ? Double.NaN : STREAM_BYTES / stream.nanosPerOp();
    return Optional.of(new MachineLimit(flops / ns, flops / (ns + err),
        err < ns ? flops / (ns - err) : Double.POSITIVE_INFINITY, gbs));
  }

  /** {@code rate} as a percentage of the FMA peak. */
  public String share(double gflops) {
    return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * gflops / peakGflops);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("## Machine limit\n\n");
    sb.append("Measured in this run by `PeakBench` on one core: `fmaPeak` keeps 12 independent FMA"
        + " chains of the preferred vector species busy; `stream` reads a 32 MiB array. Kernel"
        + " GFLOP/s below are also given as a share of this FMA peak.\n\n");
    sb.append("| limit | value |\n| --- | ---: |\n");
    sb.append(String.format(java.util.Locale.ROOT, "| FMA peak (float32, one core) | %s GFLOP/s"
        + " [%s–%s] |%n", Numbers.brief(peakGflops), Numbers.brief(peakLo), Numbers.brief(peakHi)));
    if (!Double.isNaN(streamGbs)) {
      sb.append("| streaming read bandwidth | ").append(Numbers.brief(streamGbs)).append(" GB/s |\n");
    }
    return sb.append('\n').toString();
  }

  private static JmhResult find(List<JmhResult> results, String method) {
    return results.stream().filter(r -> r.benchmark().endsWith("PeakBench." + method)
        && r.lowerIsBetter()).findFirst().orElse(null);
  }
}
