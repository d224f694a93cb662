package org.bpttbench.experiment;

import org.bpttbench.analysis.DecayFit;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * The loss, the exact curve log10 ‖dL_T/dh_t‖ of the last layer (forward direction; t = 1..T at
 * index t−1) with its fitted decay, every layer's curve and every parameter gradient.
 *
 * @param log10CellNorms log10 ‖dL_T/dc_t‖ for LSTM, else null
 * @param layerNorms ‖dL_T/dh_t‖ of layer l in direction d (0 forward, 1 reverse) at position t,
 *     {@code [l][d][t−1]}, from the float32 pass (0 where it flushed or underflowed)
 * @param gradientsFinite whether every parameter gradient is finite in float32
 */
public record GradnormResult(GradnormConfig config, String backend, double loss,
                             double[] log10Norms, double[] log10CellNorms, DecayFit fit,
                             double[][][] layerNorms, Model grads, boolean gradientsFinite) {

  public CellKind cell() {
    return config.model().kind;
  }

  public int steps() {
    return log10Norms.length;
  }

  /** log10 ‖dL_T/dh_t‖, t = 1..T. */
  public double log10Norm(int t) {
    return log10Norms[t - 1];
  }
}
