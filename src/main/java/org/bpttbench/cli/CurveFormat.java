package org.bpttbench.cli;

import java.util.Locale;

/** Prints a number given as log10 of its magnitude, beyond double's range if need be. */
public final class CurveFormat {
  private CurveFormat() {}

  /** {@code 3.141592654e-70}; {@code 0} for −∞; {@code inf}; {@code nan}. */
  public static String log10ToString(double log10) {
    if (Double.isNaN(log10)) {
      return "nan";
    }
    if (log10 == Double.NEGATIVE_INFINITY) {
      return "0";
    }
    if (log10 == Double.POSITIVE_INFINITY) {
      return "inf";
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
}
