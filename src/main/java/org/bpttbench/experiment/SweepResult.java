package org.bpttbench.experiment;

import java.util.List;
import org.bpttbench.cell.Activation;

/** Every run of the sweep, in the order activation, regime, ρ. */
public record SweepResult(SweepConfig config, String backend, List<Run> runs) {

  /** The input regimes, named by what they are rather than by what they do to the units. */
  public enum Regime {
    SMALL_INPUT("small-input"),
    LARGE_INPUT("large-input");

    public final String id;

    Regime(String id) {
      this.id = id;
    }
  }

  /**
   * One run.
   *
   * @param radius the measured spectral radius ρ(W_hh)
   * @param sigmaMax the largest singular value of W_hh
   * @param log10Ratio log10 ‖dL_T/dh_{T−k}‖ / ‖dL_T/dh_T‖ for the lag k = 0..T−1
   * @param meanDerivative the mean of φ'(z) over t = 1..T and all units: 1 − h² for tanh, the
   *     share of units with h > 0 for relu
   * @param maxAbsH the largest |h| of the trajectory
   */
  public record Run(Activation activation, Regime regime, double rho, double radius,
                    double sigmaMax, double[] log10Ratio, double meanDerivative, double maxAbsH,
                    int target) {

    /**
     * log10 of the prediction ρ^k at lag k, or NaN where there is none. Only tanh has one: with
     * tanh'(0) = 1 a small input keeps every step Jacobian ≈ W_hh. relu has no linear regime:
     * diag(1[h &gt; 0])·W_hh drops the directions of the units that are off at every step.
     */
    public double log10Prediction(int lag) {
      return activation == Activation.TANH ? lag * Math.log10(radius) : Double.NaN;
    }

    /** log10 σ_max(W_hh)^k: an upper bound for both activations (|φ'| ≤ 1). */
    public double log10Bound(int lag) {
      return lag * Math.log10(sigmaMax);
    }
  }
}
