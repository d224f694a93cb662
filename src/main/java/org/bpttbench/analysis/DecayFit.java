package org.bpttbench.analysis;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The decay of a gradient-norm curve ‖dL_T/dh_t‖, t = 1..T, in decades per 10 steps: a least-squares
 * line through log10‖dL_T/dh_t‖ against t, slope × 10. Positive means the gradient shrinks as it
 * travels back in time (the lesson: ≈ 3 for a vanilla RNN, ≈ 1 for a GRU).
 */
public final class DecayFit {
  public final double decadesPer10Steps;
  public final double rSquared;
  public final int points;

  private DecayFit(double decadesPer10Steps, double rSquared, int points) {
    this.decadesPer10Steps = decadesPer10Steps;
    this.rSquared = rSquared;
    this.points = points;
  }

  /** Fits {@code log10Norms[t-1]} (log10 of the norm at t; non-finite entries are left out). */
  public static DecayFit ofLog10(double[] log10Norms) {
    SimpleRegression reg = new SimpleRegression();
    for (int t = 1; t <= log10Norms.length; t++) {
      double y = log10Norms[t - 1];
      if (Double.isFinite(y)) {
        reg.addData(t, y);
      }
    }
    if (reg.getN() < 2) {
      return new DecayFit(Double.NaN, Double.NaN, (int) reg.getN());
    }
    return new DecayFit(10 * reg.getSlope(), reg.getRSquare(), (int) reg.getN());
  }
}
