package org.bpttbench.report;

import java.util.Optional;
import org.bpttbench.cell.CellKind;

/**
 * How much work one operation of a known benchmark does, to turn ns/op into a rate: GFLOP/s for
 * matrix kernels (gemv, gemvT, ger: 2h²; gemm: 2h³, GemmShapeBench's 2·m·n·k; RecurrenceBench's recurrence: 4Gh²·seqLen,
 * G = the cell's gate blocks), elements per ns for tanh/sigmoid (h). Bias adds are not counted.
 */
public record Work(double amount, String rateUnit) {

  public static Optional<Work> of(JmhResult r) {
    if (r.method().equals("gemm") && r.param("shape") != null) { // GemmShapeBench: 2·m·n·k
      return Peers.GemmShape.of(r.param("shape")).map(s -> new Work(s.flops(), "GFLOP/s"));
    }
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
      case "recurrence":
        return recurrence(r.param("cell"), r.intParam("seqLen"), hh);
      case "tanh":
      case "sigmoid":
        return Optional.of(new Work(hh, "elem/ns"));
      default:
        return Optional.empty();
    }
  }

  /** RecurrenceBench: per step a gemv and a gemvT on the G·h × h weight_hh, 2Gh² each. */
  private static Optional<Work> recurrence(String cell, int seqLen, double hh) {
    if (cell == null || seqLen <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Work(4.0 * CellKind.fromId(cell).gates * hh * hh * seqLen, "GFLOP/s"));
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
