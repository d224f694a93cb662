package org.bpttbench.experiment;

import org.bpttbench.analysis.Clipping;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/** SGD from an exploding initialisation without and with clip_grad_norm_ (PyTorch semantics). */
public final class ClipExperiment {
  private ClipExperiment() {}

  public static ClipResult run(ClipConfig c, Kernels k) {
    Setup s = c.setup();
    int steps = s.steps();
    Model plain = s.model(CellKind.RNN, c.activation());
    Model clipped = s.model(CellKind.RNN, c.activation());
    float[] x = s.inputs(c.inputScale());
    int[] target = {c.target()};
    Bptt bp = new Bptt(plain, k, steps);
    Bptt bc = new Bptt(clipped, k, steps);
    int n = c.updates() + 1;
    double[] lossP = new double[n];
    double[] normP = new double[n];
    double[] lossC = new double[n];
    double[] before = new double[n];
    double[] after = new double[n];
    for (int u = 0; u < n; u++) {
      lossP[u] = bp.run(x, 0, steps, target, LossMode.FINAL);
      normP[u] = Clipping.totalNorm(k, bp.grads());
      lossC[u] = bc.run(x, 0, steps, target, LossMode.FINAL);
      before[u] = Clipping.clipGradNorm(k, bc.grads(), c.maxNorm(), false);
      after[u] = Clipping.totalNorm(k, bc.grads());
      if (u < c.updates()) {
        sgd(k, plain, bp.grads(), c.lr());
        sgd(k, clipped, bc.grads(), c.lr());
      }
    }
    return new ClipResult(c, k.name(), lossP, normP, lossC, before, after);
  }

  private static void sgd(Kernels k, Model p, Model g, double lr) {
    for (Tensor t : p.tensors()) {
      k.axpy((float) -lr, g.tensor(t.name()).data(), 0, t.data(), 0, t.size());
    }
  }
}
