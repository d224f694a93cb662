package org.bpttbench.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bpttbench.output.Numbers;

/**
 * The machine's limits: the single-core FMA peak as measured in the same run by {@code PeakBench}
 * ({@code fmaPeak}: 2 · lanes · 12 chains · 1024 rounds FLOPs per op) and by the native baseline's
 * 12-chain C loop at the JVM's vector width, and the streaming read bandwidth ({@code stream}: 32
 * MiB read per op). Kernel rates are shown as a share of the larger of the two peaks, named.
 *
 * @param javaPeak PeakBench's FMA peak in GFLOP/s, empty when it did not run
 * @param nativeRun the native build at the JVM's vector width, when it measured a peak
 * @param streamGbs the read bandwidth in GB/s, empty when {@code stream} did not run
 */
public record MachineLimit(Optional<Estimate> javaPeak, Optional<NativeBaseline.Run> nativeRun,
                           Optional<Estimate> streamGbs) {

  static final double FMA_FLOPS_PER_LANE = 2.0 * 12 * 1024;
  static final double STREAM_BYTES = 32.0 * 1024 * 1024;

  /** From the PeakBench results, given the float lanes of the benchmark JVM's preferred species. */
  public static Optional<MachineLimit> of(List<JmhResult> results, OptionalInt lanes) {
    return of(results, lanes, Optional.empty());
  }

  /** As {@link #of(List, OptionalInt)}, with the native build at the JVM's vector width. */
  public static Optional<MachineLimit> of(List<JmhResult> results, OptionalInt lanes,
      Optional<NativeBaseline.Run> nativeRun) {
    JmhResult fma = lanes.isEmpty() ? null : find(results, "fmaPeak");
    Optional<Estimate> java = Optional.ofNullable(fma).map(f -> f.estimateNanos().inverse()
        .times(FMA_FLOPS_PER_LANE * lanes.getAsInt()));
    Optional<NativeBaseline.Run> nat = nativeRun.filter(r -> Double.isFinite(r.peakGflops()));
    if (java.isEmpty() && nat.isEmpty()) {
      return Optional.empty();
    }
    JmhResult stream = find(results, "stream");
    return Optional.of(new MachineLimit(java, nat, Optional.ofNullable(stream)
        .map(s -> s.estimateNanos().inverse().times(STREAM_BYTES))));
  }


  /** Whether the native loop's peak is the larger one, so the one the shares use. */
  public boolean usesNative() {
    return nativeRun.isPresent()
        && (javaPeak.isEmpty() || nativeRun.get().peakGflops() > javaPeak.get().value());
  }

  /** The FMA peak the shares use: the larger of the Java and native ones, in GFLOP/s. */
  public double peakGflops() {
    return usesNative() ? nativeRun.get().peakGflops() : javaPeak.get().value();
  }

  /** {@code 79.71 GFLOP/s (native C, avx2 …)}: the peak used and where it came from. */
  public String peakLabel() {
    return usesNative()
        ? Numbers.brief(peakGflops()) + " GFLOP/s, " + nativeRun.get().describe()
        : javaPeak.get().format() + " GFLOP/s, Java `PeakBench.fmaPeak`";
  }

  /** {@code rate} as a percentage of the FMA peak: {@code 43 % of peak}. */
  public String share(double gflops) {
    return String.format(java.util.Locale.ROOT, "%.0f %% of peak", 100 * gflops / peakGflops());
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("## Machine limit\n\n");
    sb.append("Measured in this run on one core: `PeakBench.fmaPeak` keeps 12 independent FMA"
        + " chains of the preferred vector species busy in Java, the native baseline does the"
        + " same in C at the JVM's vector width (median over its repetitions, best in brackets),"
        + " and `stream` reads a 32 MiB array. Kernel GFLOP/s below are also given as a share of"
        + " the larger FMA peak.\n\n");
    sb.append("| limit | value |\n| --- | ---: |\n");
    javaPeak.ifPresent(p -> sb.append("| FMA peak, Java `PeakBench.fmaPeak` (float32, one core) | ")
        .append(p.format()).append(" GFLOP/s |\n"));
    nativeRun.ifPresent(r -> sb.append("| FMA peak, ").append(r.describe()).append(" | ")
        .append(Numbers.brief(r.peakGflops())).append(" [best ")
        .append(Numbers.brief(r.peakGflopsBest())).append("] GFLOP/s |\n"));
    sb.append("| **FMA peak used for the shares** | ").append(peakLabel()).append(" |\n");
    streamGbs.ifPresent(s -> sb.append("| streaming read bandwidth | ").append(s.format())
        .append(" GB/s |\n"));
    return sb.append('\n').toString();
  }

  private static JmhResult find(List<JmhResult> results, String method) {
    return results.stream().filter(r -> r.benchmark().endsWith("PeakBench." + method)
        && r.lowerIsBetter()).findFirst().orElse(null);
  }
}
