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

  /** A number with about 4 significant digits, or "n/a". */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e7 || a < 1e-3)) {
      return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
    if (a >= 1000) {
      return String.format(java.util.Locale.ROOT, "%.0f", v);
    }
    if (a >= 100) {
      return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
    if (a >= 10) {
      return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  /** {@code score ± error}, the error shown as "?" when unknown. */
  static String withError(double score, double error) {
    return num(score) + " ± " + (Double.isNaN(error) ? "?" : num(error));
  }
}
