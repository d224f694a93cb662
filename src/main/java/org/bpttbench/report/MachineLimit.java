package org.bpttbench.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The machine's limits as measured in the same run by {@code PeakBench}: the single-core FMA peak
 * ({@code fmaPeak}: 2 · lanes · 12 chains · 1024 rounds FLOPs per op) and the streaming read
 * bandwidth ({@code stream}: 32 MiB read per op), each a median with its interval. Kernel rates
 * are shown as a share of the peak.
 *
 * @param peakGflops the FMA peak in GFLOP/s
 * @param streamGbs the read bandwidth in GB/s, empty when {@code stream} did not run
 */
public record MachineLimit(Estimate peakGflops, Optional<Estimate> streamGbs) {

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
    Estimate peak = fma.estimateNanos().inverse().times(FMA_FLOPS_PER_LANE * lanes.getAsInt());
    JmhResult stream = find(results, "stream");
    return Optional.of(new MachineLimit(peak, Optional.ofNullable(stream)
        .map(s -> s.estimateNanos().inverse().times(STREAM_BYTES))));
  }

  /** {@code rate} as a percentage of the FMA peak: {@code 43 % of peak}. */
  public String share(double gflops) {
    return String.format(java.util.Locale.ROOT, "%.0f %% of peak", 100 * gflops / peakGflops.value());
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("## Machine limit\n\n");
    sb.append("Measured in this run by `PeakBench` on one core: `fmaPeak` keeps 12 independent FMA"
        + " chains of the preferred vector species busy; `stream` reads a 32 MiB array. Kernel"
        + " GFLOP/s below are also given as a share of this FMA peak (a Java loop: a native one"
        + " may reach more).\n\n");
    sb.append("| limit | value |\n| --- | ---: |\n");
    sb.append("| FMA peak (float32, one core) | ").append(peakGflops.format()).append(" GFLOP/s |\n");
    streamGbs.ifPresent(s -> sb.append("| streaming read bandwidth | ").append(s.format())
        .append(" GB/s |\n"));
    return sb.append('\n').toString();
  }

  private static JmhResult find(List<JmhResult> results, String method) {
    return results.stream().filter(r -> r.benchmark().endsWith("PeakBench." + method)
        && r.lowerIsBetter()).findFirst().orElse(null);
  }
}
