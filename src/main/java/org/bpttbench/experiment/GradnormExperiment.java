package org.bpttbench.experiment;

import java.util.Arrays;
import org.bpttbench.analysis.DecayFit;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientCurve;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/** Forward over the sequence, L_T at the final step, full BPTT and the exact gradient-norm curve. */
public final class GradnormExperiment {
  private GradnormExperiment() {}

  public static GradnormResult run(GradnormConfig c, Kernels k) {
    int steps = c.steps();
    Bptt bptt = new Bptt(c.model(), k, steps);
    double loss = bptt.run(c.inputs(), 0, steps, new int[] {c.target()}, LossMode.FINAL);
    GradientCurve gc = new GradientCurve(k, steps, bptt.stateSize());
    gc.compute(bptt);
    double[] log10 = Arrays.copyOf(gc.log10HiddenNorms(), steps);
    double[] log10Cells = c.model().kind == CellKind.LSTM
        ? Arrays.copyOf(gc.log10CellNorms(), steps) : null;
    return new GradnormResult(c, k.name(), loss, log10, log10Cells, DecayFit.ofLog10(log10),
        layerNorms(bptt, c.model()), bptt.grads(), allFinite(bptt.grads()));
  }

  /** ‖dL/dh_t‖ of every layer and direction at every position, from the float32 pass. */
  private static double[][][] layerNorms(Bptt bptt, Model m) {
    int steps = bptt.steps();
    double[][][] norms = new double[m.numLayers][m.directions()][steps];
    for (int l = 0; l < m.numLayers; l++) {
      for (int d = 0; d < m.directions(); d++) {
        for (int t = 1; t <= steps; t++) {
          norms[l][d][t - 1] = bptt.layerHiddenGradNorm(l, d, t, 0);
        }
      }
    }
    return norms;
  }

  /** log10 ‖dL_T/dh_t‖, t = 1..T, of the last {@link Bptt#run} (exact beyond float range). */
  static double[] curve(Bptt bptt, Kernels k) {
    GradientCurve gc = new GradientCurve(k, bptt.steps(), bptt.stateSize());
    gc.compute(bptt);
    return Arrays.copyOf(gc.log10HiddenNorms(), bptt.steps());
  }

  /** log10 of ‖dL_T/dh_{T−k}‖ / ‖dL_T/dh_T‖ for the lag k = 0..T−1. */
  static double[] lagRatios(double[] log10Norms) {
    int steps = log10Norms.length;
    double[] ratio = new double[steps];
    for (int lag = 0; lag < steps; lag++) {
      ratio[lag] = log10Norms[steps - 1 - lag] - log10Norms[steps - 1];
    }
    return ratio;
  }

  private static boolean allFinite(Model grads) {
    for (Tensor t : grads.tensors()) {
      for (float v : t.data()) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
