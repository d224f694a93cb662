package org.bpttbench.report;

import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The fit {@code y = c · x^k} by least squares on {@code (ln x, ln y)} with Commons Math's
 * {@link SimpleRegression}: the growth exponent {@code k} and the R² of the log–log fit.
 */
public record PowerFit(double exponent, double prefactor, double rSquared, int points) {

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
}
