package org.bpttbench.experiment;

/**
 * A model's recurrent spectrum and gradient flow at one moment (initialisation or after
 * training).
 *
 * @param eigenReal eigenvalues of each H×H gate block of weight_hh (real parts; block g of the
 *     PyTorch stack: rnn one, gru r|z|n, lstm i|f|g|o); the lru's one block is its λ; attention
 *     has none
 * @param eigenImag their imaginary parts
 * @param radius the spectral radius of each block
 * @param gradCurve ‖dL_T/dh_t‖ / ‖dL_T/dh_T‖ (attention: ‖dL_T/dx_t‖ / ‖dL_T/dx_T‖) for t = 1..T (index t−1), each norm the mean over the
 *     probe sequences of that sequence's own gradient
 * @param gradRatioKey the same ratio at each probe sequence's key step (h_{T−k} for agreement, the
 *     first marked step for adding)
 */
public record LearnSnapshot(double[][] eigenReal, double[][] eigenImag, double[] radius,
                            double[] gradCurve, double gradRatioKey) {

  /** The largest spectral radius over the gate blocks; NaN for a model without one (attention). */
  public double maxRadius() {
    if (radius.length == 0) {
      return Double.NaN;
    }
    double r = 0;
    for (double v : radius) {
      r = Math.max(r, v);
    }
    return r;
  }
}
