package org.bpttbench.output;

import java.util.Locale;

/**
 * The one number format of every output. Files (CSV, JSON, the gradient curves) get {@link #full}:
 * ten significant digits in scientific notation, also for values known only by their log10 far
 * outside double's range ({@link #fullLog10}). People (REPORT.md, chart legends, the console) get
 * {@link #brief}: about four significant digits.
 */
public final class Numbers {
  private Numbers() {}

  /** {@code 3.141592654e-70}, {@code -2.500000000e+00}, {@code 0}, {@code inf}, {@code -inf}, {@code nan}. */
  public static String full(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return Double.isNaN(v) ? "nan" : v == 0 ? "0" : v > 0 ? "inf" : "-inf";
    }
    return (v < 0 ? "-" : "") + fullLog10(Math.log10(Math.abs(v)));
  }

  /** A positive number given as its log10: as {@link #full}, exact beyond double's range; −∞ is 0. */
  public static String fullLog10(double log10) {
    if (Double.isNaN(log10)) {
      return "nan";
    }
    if (Double.isInfinite(log10)) {
      return log10 > 0 ? "inf" : "0";
    }
    long e = (long) Math.floor(log10);
    double m = Math.pow(10, log10 - e);
    String mantissa = String.format(Locale.ROOT, "%.9f", m);
    if (mantissa.startsWith("10")) {
      e++;
      mantissa = String.format(Locale.ROOT, "%.9f", m / 10);
    }
    return mantissa + "e" + (e < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(e));
  }

  /** About four significant digits: {@code 0.5000}, {@code 12.35}, {@code 2000}, {@code 1.234e-05}; n/a for NaN. */
  public static String brief(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    String format = a != 0 && (a >= 1e7 || a < 1e-3) ? "%.3e"
        : a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, v);
  }

  /** As {@link #brief} for a value given as its log10 (0 and inf outside double's range). */
  public static String briefLog10(double log10) {
    double v = Math.pow(10, log10);
    return Double.isFinite(v) && v != 0 || Double.isNaN(log10) ? brief(v) : fullLog10(log10);
  }

  /** {@code score ± error}, the error shown as "?" when unknown. */
  public static String withError(double score, double error) {
    return brief(score) + " ± " + (Double.isNaN(error) ? "?" : brief(error));
  }

  /** Reads what {@link #full} (or Java) writes: also {@code nan}, {@code inf}, {@code -inf}. */
  public static double parse(String v) {
    String t = v.trim();
    return switch (t) {
      case "nan", "NaN" -> Double.NaN;
      case "inf", "+inf", "Infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(t);
    };
  }
}
