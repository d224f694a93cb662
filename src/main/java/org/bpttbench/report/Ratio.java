package org.bpttbench.report;

/**
 * A ratio {@code a/b} of two measurements with JMH errors, and the range that honours both errors:
 * {@code lo = (a - ea) / (b + eb)}, {@code hi = (a + ea) / (b - eb)} ({@code +inf} when
 * {@code b - eb <= 0}); {@code lo} is clamped at 0 since both quantities are positive. Unknown
 * errors (NaN) make the range unknown.
 */
public record Ratio(double value, double lo, double hi) {

  public static Ratio of(double a, double ea, double b, double eb) {
    double value = a / b;
    if (Double.isNaN(ea) || Double.isNaN(eb)) {
      return new Ratio(value, Double.NaN, Double.NaN);
    }
    double lo = Math.max(0, (a - ea) / (b + eb));
    double hi = b - eb <= 0 ? Double.POSITIVE_INFINITY : (a + ea) / (b - eb);
    return new Ratio(value, lo, hi);
  }

  /**
   * SIMD-over-scalar speedup from two times per operation ({@code s} scalar, {@code v} SIMD):
   * {@code s/v}, {@code lo = (s - es)/(v + ev)}, {@code hi = (s + es)/(v - ev)}.
   */
  public static Ratio speedupFromTimes(double s, double es, double v, double ev) {
    return of(s, es, v, ev);
  }

  /** Speedup from two throughputs (higher is better): {@code v/s} with the same rule. */
  public static Ratio speedupFromThroughputs(double s, double es, double v, double ev) {
    return of(v, ev, s, es);
  }

  /** Whether the intervals {@code [a ± ea]} and {@code [b ± eb]} are disjoint (a real change). */
  public static boolean outsideNoise(double a, double ea, double b, double eb) {
    return !Double.isNaN(ea) && !Double.isNaN(eb) && Math.abs(a - b) > ea + eb;
  }

  public boolean rangeKnown() {
    return !Double.isNaN(lo) && !Double.isNaN(hi);
  }

  /** {@code 2.31× [2.10–2.55]}. */
  @Override
  public String toString() {
    String v = Numbers.brief(value) + "×";
    return rangeKnown() ? v + " [" + Numbers.brief(lo) + "–" + Numbers.brief(hi) + "]" : v + " [range n/a]";
  }
}
