package org.bpttbench.experiment;

/**
 * The LRU's decay against its spectrum, for the lesson's claim that a linear state update with a
 * controlled spectrum is the modern mitigation: the curves experiment's LRU (same sizes and seed)
 * initialised on one ring and run over a long sequence ({@link #steps}), where the exact curve's
 * decay over the 10 steps furthest from the loss (lags T − 11 … T − 1) is dominated by the largest
 * |λ|, once on the standard normal input × {@code inputScale} and once on ten times that input.
 *
 * @param ring the ring's name ({@code reference} or {@code long-range})
 * @param maxModulus max |λ_i| ({@link org.bpttbench.seq.Lru#eigenvalueModuli})
 * @param minModulus min |λ_i|
 * @param farDecay log10‖dL_T/dh_11‖ − log10‖dL_T/dh_1‖ negated: decades lost over those 10 steps
 * @param farDecayScaled the same on the input × 10
 */
public record LruSpectrum(String ring, double maxModulus, double minModulus, int steps,
                          double inputScale, double farDecay, double farDecayScaled) {

  /** −10·log10 max|λ|: the decay per 10 steps of the slowest mode, what the spectrum predicts. */
  public double predictedDecay() {
    return -10 * Math.log10(maxModulus);
  }

  /** −10·log10 min|λ|: the fastest any mode can decay (the spectrum's other bound). */
  public double fastestDecay() {
    return -10 * Math.log10(minModulus);
  }
}
