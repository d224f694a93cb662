package org.bpttbench.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The fit {@code y = c · x^k} by least squares on {@code (ln x, ln y)} with Commons Math's
 * {@link SimpleRegression}: the growth exponent {@code k} and the R² of the log–log fit; with raw
 * iterations per point, a bootstrap interval for {@code k}.
 */
public record PowerFit(double exponent, double prefactor, double rSquared, int points) {

  /** Bootstrap resamples for {@link #exponentInterval}. */
  static final int RESAMPLES = 1000;

  /** The fit, or empty with fewer than two distinct positive points. */
  public static Optional<PowerFit> fit(double[] x, double[] y) {
    SimpleRegression reg = new SimpleRegression(true);
    int n = 0;
    double firstX = Double.NaN;
    boolean distinct = false;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        reg.addData(Math.log(x[i]), Math.log(y[i]));
        if (n == 0) {
          firstX = x[i];
        } else if (x[i] != firstX) {
          distinct = true;
        }
        n++;
      }
    }
    if (n < 2 || !distinct) {
      return Optional.empty();
    }
    double r2 = n == 2 ? 1.0 : reg.getRSquare();
    return Optional.of(new PowerFit(reg.getSlope(), Math.exp(reg.getIntercept()), r2, n));
  }

  /**
   * The exponent of the fit through the medians of {@code raw} (one array of iteration times per
   * x) with a 95 % percentile-bootstrap interval: each resample redraws every point's iterations
   * with replacement (fixed seed, so a report is reproducible). It holds the measurement noise,
   * not the misfit of a power law.
   */
  public static Optional<Estimate> exponentInterval(double[] x, List<double[]> raw) {
    double[] med = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      med[i] = Estimate.median(raw.get(i)).value();
    }
    Optional<PowerFit> point = fit(x, med);
    if (point.isEmpty() || raw.stream().anyMatch(r -> r.length < 2)) {
      return point.map(p -> new Estimate(p.exponent(), Double.NaN, Double.NaN, 0, Double.NaN));
    }
    Random rnd = new Random(42);
    double[] ks = new double[RESAMPLES];
    double[] y = new double[x.length];
    for (int b = 0; b < RESAMPLES; b++) {
      for (int i = 0; i < x.length; i++) {
        double[] r = raw.get(i);
        double[] draw = new double[r.length];
        for (int j = 0; j < r.length; j++) {
          draw[j] = r[rnd.nextInt(r.length)];
        }
        y[i] = Estimate.median(draw).value();
      }
      ks[b] = fit(x, y).map(PowerFit::exponent).orElse(Double.NaN);
    }
    Arrays.sort(ks);
    return Optional.of(new Estimate(point.get().exponent(), ks[(int) (0.025 * RESAMPLES)],
        ks[(int) (0.975 * RESAMPLES) - 1], raw.get(0).length, 0.95));
  }
}
