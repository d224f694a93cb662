package org.bpttbench.report;

import java.util.Optional;

/**
 * How much work one operation of a known benchmark does, to turn ns/op into a rate: GFLOP/s for
 * matrix kernels (gemv, gemvT, ger: 2h²; gemm: 2h³), elements per ns for tanh/sigmoid (h).
 */
public record Work(double amount, String rateUnit) {

  public static Optional<Work> of(JmhResult r) {
    int h = r.intParam("hidden");
    if (h <= 0) {
      return Optional.empty();
    }
    double hh = h;
    switch (r.method()) {
      case "gemv":
      case "gemvT":
      case "ger":
        return Optional.of(new Work(2 * hh * hh, "GFLOP/s"));
      case "gemm":
        return Optional.of(new Work(2 * hh * hh * hh, "GFLOP/s"));
      case "tanh":
      case "sigmoid":
        return Optional.of(new Work(hh, "elem/ns"));
      default:
        return Optional.empty();
    }
  }

  /** The rate for {@code nanos} per operation (FLOP per ns is GFLOP/s). */
  public double rate(double nanos) {
    return amount / nanos;
  }

  /** The rate with its interval, from a time per operation in ns. */
  public Estimate rate(Estimate nanos) {
    return nanos.inverse().times(amount);
  }
}
