package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import org.bpttbench.analysis.DecayFit;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;

/** {@link GradnormExperiment} for the LRU and causal attention: forward, L_T, full backward. */
public final class SequenceGradnormExperiment {
  private SequenceGradnormExperiment() {}

  public static SequenceGradnormResult run(SequenceGradnormConfig c, Kernels k) {
    int steps = c.steps();
    SequenceSpec spec = c.spec();
    SequenceBptt b = new SequenceBptt(spec.model(c.parameters(), k, 1, steps), c.outWeight(),
        c.outBias(), k);
    double loss = b.run(c.inputs(), 0, 1, steps, new int[] {c.target()}, 0, LossMode.FINAL,
        Reduction.MEAN);
    double[] log10;
    double[] moduli = null;
    if (b.model() instanceof Lru lru) {
      log10 = lru.log10GradNormCurve(0);
      moduli = lru.eigenvalueModuli();
    } else {
      log10 = new double[steps];
      for (int t = 1; t <= steps; t++) {
        log10[t - 1] = Math.log10(b.stepGradNorm(t, 0));
      }
    }
    String init = c.setup() == null ? "from " + c.source() : CurvesExperiment.initName(spec);
    CurveSeries curve = new CurveSeries(spec.kind().id(), spec.kind() == SequenceKind.LRU
        ? CurveSeries.STATE : CurveSeries.INPUT, init, loss, log10, DecayFit.ofLog10(log10));
    List<Tensor> grads = new ArrayList<>();
    boolean finite = true;
    for (Tensor g : b.gradients()) {
      grads.add(new Tensor(g.name(), g.shape(), g.data().clone()));
      for (float v : g.data()) {
        finite &= Float.isFinite(v);
      }
    }
    return new SequenceGradnormResult(c, k.name(), loss, curve, grads, finite, moduli);
  }
}
