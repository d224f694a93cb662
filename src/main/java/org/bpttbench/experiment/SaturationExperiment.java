package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.kernel.Kernels;

/** How much gradient survives 10 and 30 steps as a growing input saturates a tanh RNN. */
public final class SaturationExperiment {
  private SaturationExperiment() {}

  public static SaturationResult run(SaturationConfig c, Kernels k) {
    Setup s = c.setup();
    int hidden = s.hidden();
    int steps = s.steps();
    Bptt bptt = new Bptt(s.model(CellKind.RNN, Activation.TANH), k, steps);
    List<SaturationResult.Point> points = new ArrayList<>();
    for (double scale : c.scales()) {
      bptt.run(s.inputs(scale), 0, steps, new int[] {c.target()}, LossMode.FINAL);
      float[] st = bptt.cell().states();
      long saturated = 0;
      double deriv = 0;
      for (int j = hidden; j < (steps + 1) * hidden; j++) {
        saturated += Math.abs(st[j]) > c.threshold() ? 1 : 0;
        deriv += 1 - (double) st[j] * st[j];
      }
      double n = (double) steps * hidden;
      double[] ratio = GradnormExperiment.lagRatios(GradnormExperiment.curve(bptt, k));
      points.add(new SaturationResult.Point(scale, saturated / n, deriv / n,
          ratio[SaturationConfig.SHORT_LAG], ratio[SaturationConfig.LONG_LAG]));
    }
    return new SaturationResult(c, k.name(), points);
  }
}
