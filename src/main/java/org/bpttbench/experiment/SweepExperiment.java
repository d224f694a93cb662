package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Readout;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.experiment.SweepResult.Regime;
import org.bpttbench.experiment.SweepResult.Run;
import org.bpttbench.kernel.Kernels;

/** The gradient ratio against the lag over spectral radii, activations and input regimes. */
public final class SweepExperiment {
  private SweepExperiment() {}

  public static SweepResult run(SweepConfig c, Kernels k) {
    List<Run> runs = new ArrayList<>();
    for (Activation act : Activation.values()) {
      for (Regime regime : Regime.values()) {
        float[] x = c.setup().inputs(regime == Regime.SMALL_INPUT ? c.smallScale()
            : c.largeScale());
        for (double rho : c.rhos()) {
          runs.add(measure(k, c.setup().withRho(rho), act, regime, c.target(), x));
        }
      }
    }
    return new SweepResult(c, k.name(), runs);
  }

  static Run measure(Kernels k, Setup s, Activation act, Regime regime, int target, float[] x) {
    Model m = s.model(CellKind.RNN, act);
    Arrays.fill(m.biasIh.data(), 0f);
    Arrays.fill(m.biasHh.data(), 0f);
    int hidden = s.hidden();
    int steps = s.steps();
    Bptt bptt = new Bptt(m, k, steps);
    int cls = target >= 0 ? target : leastLikely(bptt, m, k, x, steps);
    bptt.run(x, 0, steps, new int[] {cls}, LossMode.FINAL);
    double[] ratio = GradnormExperiment.lagRatios(GradnormExperiment.curve(bptt, k));
    float[] st = bptt.cell().states();
    double deriv = 0;
    for (int j = hidden; j < (steps + 1) * hidden; j++) {
      deriv += act == Activation.TANH ? 1 - (double) st[j] * st[j] : st[j] > 0 ? 1 : 0;
    }
    return new Run(act, regime, s.rho(), Spectra.spectralRadius(m.weightHh.data(), 0, hidden),
        Spectra.spectralNorm(m.weightHh.data(), 0, hidden), ratio,
        deriv / ((double) steps * hidden), k.maxAbs(st, hidden, steps * hidden), cls);
  }

  /**
   * The least likely class at T: its loss gradient W_outᵀ(p − e_K) cannot vanish through a
   * saturated softmax (with the most likely class, exploding states give p = e_K and 0/0 ratios).
   */
  private static int leastLikely(Bptt bptt, Model m, Kernels k, float[] x, int steps) {
    bptt.loss(x, 0, steps, new int[] {0}, LossMode.FINAL);
    Readout r = new Readout(m, k, 1);
    int cls = 0;
    double worst = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < m.classes; c++) {
      double l = r.loss(bptt.cell().states(), steps * m.hiddenSize, c);
      if (l > worst) {
        worst = l;
        cls = c;
      }
    }
    return cls;
  }
}
