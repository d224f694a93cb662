package org.bpttbench.report;

import java.util.Arrays;
import java.util.Locale;
import org.bpttbench.output.Chart;
import org.bpttbench.output.Numbers;

/**
 * A measured value with an interval that means something. From raw iterations: the median and
 * the distribution-free interval for it between two order statistics (the narrowest whose
 * confidence is at least 95 %; for fewer than 6 values [min, max], whose coverage 1 − 2·0.5ⁿ is
 * lower, and no interval from one value). An interval from JMH's mean ± error is its 99.9 % one.
 * A ratio of two estimates takes its bounds from both sides ({@code a.lo / b.hi},
 * {@code a.hi / b.lo}), so it is finite whenever both are; a sum or difference likewise. An
 * estimate whose interval reaches further than ±25 % of its value is {@link #noisy}.
 *
 * @param coverage the interval's confidence (0.95 for a 95 % interval); NaN when unknown
 */
public record Estimate(double value, double lo, double hi, int n, double coverage) {

  /** Relative half-width above which a value is reported as noisy. */
  public static final double NOISY = 0.25;

  /** The median of {@code xs} and its order-statistic interval. */
  public static Estimate median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    if (n < 2) {
      return new Estimate(n == 1 ? s[0] : Double.NaN, Double.NaN, Double.NaN, n, Double.NaN);
    }
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    // Largest k with P(Binomial(n, 1/2) <= k - 1) <= 2.5 %: [x(k), x(n+1-k)] covers the median.
    int k = 1;
    while (k + 1 <= (n + 1) / 2 && binomialCdf(n, k) <= 0.025) {
      k++;
    }
    return new Estimate(median, s[k - 1], s[n - k], n, 1 - 2 * binomialCdf(n, k - 1));
  }

  /** JMH's mean ± error; an unknown error or one reaching zero gives an unknown interval. */
  public static Estimate fromError(double score, double error) {
    if (Double.isNaN(error) || score - error <= 0) {
      return new Estimate(score, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    return new Estimate(score, score - error, score + error, 0, 0.999);
  }

  /** {@code a / b} with bounds from both sides; unknown when either interval is. */
  public static Estimate ratio(Estimate a, Estimate b) {
    double value = a.value / b.value;
    if (b.lo <= 0) {
      return new Estimate(value, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    return combined(value, a.lo / b.hi, a.hi / b.lo, a, b);
  }

  /** {@code a + b}: [a.lo + b.lo, a.hi + b.hi]; unknown when either interval is. */
  public static Estimate sum(Estimate a, Estimate b) {
    return combined(a.value + b.value, a.lo + b.lo, a.hi + b.hi, a, b);
  }

  /** {@code a − b} with bounds from both sides: [a.lo − b.hi, a.hi − b.lo]. */
  public static Estimate difference(Estimate a, Estimate b) {
    return combined(a.value - b.value, a.lo - b.hi, a.hi - b.lo, a, b);
  }

  /** Both intervals cover (independent runs) with the product of their coverages. */
  private static Estimate combined(double value, double lo, double hi, Estimate a, Estimate b) {
    if (!a.known() || !b.known()) {
      return new Estimate(value, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    return new Estimate(value, lo, hi, Math.min(a.n, b.n), a.coverage * b.coverage);
  }

  /** P(Binomial(n, 1/2) ≤ j). */
  static double binomialCdf(int n, int j) {
    double sum = 0;
    double term = Math.pow(0.5, n);
    for (int i = 0; i <= j; i++) {
      sum += term;
      term = term * (n - i) / (i + 1);
    }
    return sum;
  }

  /** The estimate scaled by {@code f} (a unit change). */
  public Estimate times(double f) {
    return new Estimate(value * f, lo * f, hi * f, n, coverage);
  }

  /** {@code 1 / this}, its bounds swapped: a time becomes a rate. */
  public Estimate inverse() {
    return new Estimate(1 / value, 1 / hi, 1 / lo, n, coverage);
  }

  public boolean known() {
    return Double.isFinite(lo) && Double.isFinite(hi);
  }

  /** How far the interval reaches from the value, as a share of it (NaN when unknown). */
  public double relativeHalfWidth() {
    return known() ? Math.max(value - lo, hi - value) / Math.abs(value) : Double.NaN;
  }

  /** Unknown interval, or wider than ±25 % of the value. */
  public boolean noisy() {
    return !known() || relativeHalfWidth() > NOISY;
  }

  /** {@code 12.35 [12.10–12.60]}, or {@code 12.35 (noisy, ±40 %)}, never "inf". */
  public String format() {
    return format("");
  }

  /** As {@link #format()} with a suffix after the value, e.g. "×". */
  public String format(String suffix) {
    String v = Numbers.brief(value) + suffix;
    if (!known()) {
      return v + " (no interval)";
    }
    if (noisy()) {
      return v + String.format(Locale.ROOT, " (noisy, ±%.0f %%)", 100 * relativeHalfWidth());
    }
    return v + " [" + Numbers.brief(lo) + "–" + Numbers.brief(hi) + "]";
  }

  /** A chart series of estimates: their values, with their intervals as error bars. */
  static Chart.Series series(String name, double[] x, java.util.Collection<Estimate> es,
      int colour, Chart.Style style) {
    return new Chart.Series(name, x, es.stream().mapToDouble(Estimate::value).toArray(), colour,
        style, es.stream().mapToDouble(Estimate::lo).toArray(),
        es.stream().mapToDouble(Estimate::hi).toArray());
  }
}
