package org.bpttbench.experiment;

import org.bpttbench.analysis.DecayFit;

/**
 * One series of the headline figure: a model's exact curve log10 ‖dL_T/d·_t‖, t = 1..T (index
 * t − 1), with its fitted decay. The cells and the LRU plot the gradient of the state h_t,
 * attention (which has no state) the gradient of its input x_t.
 *
 * @param model the model's id: {@code rnn}, {@code gru}, {@code lstm}, {@code lru}, {@code attention}
 * @param gradient what the norm is of: {@link #STATE} or {@link #INPUT}
 * @param init how the model was initialised, as the summary names it
 */
public record CurveSeries(String model, String gradient, String init, double loss,
                          double[] log10Norms, DecayFit fit) {

  /** ‖dL_T/dh_t‖: the cells and the LRU. */
  public static final String STATE = "h_t";
  /** ‖dL_T/dx_t‖: attention. */
  public static final String INPUT = "x_t";

  /** A cell's curve from its gradnorm run. */
  static CurveSeries of(GradnormResult g, String init) {
    return new CurveSeries(g.cell().id(), STATE, init, g.loss(), g.log10Norms(), g.fit());
  }

  public int steps() {
    return log10Norms.length;
  }

  /** log10 of the norm at t (1-based). */
  public double log10Norm(int t) {
    return log10Norms[t - 1];
  }

  /** The legend and table label: the id, with "‖dL_T/dx_t‖" for a series of the input. */
  public String label() {
    return gradient.equals(STATE) ? model : model + " (||dL_T/dx_t||)";
  }
}
