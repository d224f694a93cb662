package org.bpttbench.report;

/** Time units as JMH prints them. */
final class Units {

  private Units() {}

  /** Factor turning a score in {@code unit} (e.g. {@code us/op}) into ns/op; NaN if not a time per op. */
  static double nanosFactor(String unit) {
    if (unit == null || !unit.endsWith("/op")) {
      return Double.NaN;
    }
    switch (unit.substring(0, unit.length() - 3)) {
      case "ns":
        return 1;
      case "us":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      default:
        return Double.NaN;
    }
  }
}
