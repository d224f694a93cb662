package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The curve's ‖dL_T/dc_t‖ is the total derivative: perturbing c_t also moves h_t = o_t ⊙ tanh(c_t).
 * Checked by finite differences of the suffix run started from (o_t ⊙ tanh(c'), c'), with o_t
 * recomputed here in double from the parameters.
 */
class LstmTotalCellGradientTest {

  @Test
  void totalCellGradientMatchesFiniteDifferences() {
    int in = 3;
    int h = 7;
    int steps = 8;
    for (Kernels k : KernelProvider.available()) {
      Model m = TestModels.random(CellKind.LSTM, Activation.TANH, in, h, 4, 0.5f, 5);
      float[] x = TestModels.inputs(steps, in, 6);
      int[] target = {1};
      Bptt bptt = new Bptt(m, k, steps);
      bptt.run(x, 0, steps, target, LossMode.FINAL);
      float[] states = bptt.cell().states().clone();
      GradientCurve curve = new GradientCurve(k, steps, 2 * h);
      curve.compute(bptt);
      for (int t : new int[] {3, 6}) {
        double[] o = outputGate(m, x, states, t, in, h);
        float[] c = Arrays.copyOfRange(states, t * 2 * h + h, (t + 1) * 2 * h);
        Bptt suffix = new Bptt(m, k, steps - t);
        double sq = 0;
        for (int i = 0; i < h; i++) {
          double d = fd(suffix, x, t * in, steps - t, target, o, c, i);
          sq += d * d;
        }
        double fdNorm = Math.sqrt(sq);
        double curveNorm = curve.cellNorm(t);
        int tt = t;
        Kernels kk = k;
        assertTrue(Math.abs(fdNorm - curveNorm) <= 1e-3 + 1e-2 * fdNorm,
            () -> kk.name() + " t=" + tt + ": finite difference " + fdNorm + " vs curve " + curveNorm);
      }
    }
  }

  private static double fd(Bptt suffix, float[] x, int inOff, int steps, int[] target, double[] o,
                           float[] c, int i) {
    float eps = 1e-2f;
    double[] l = new double[2];
    for (int s = 0; s < 2; s++) {
      float[] state = new float[2 * c.length];
      for (int j = 0; j < c.length; j++) {
        float cj = c[j] + (j == i ? (s == 0 ? eps : -eps) : 0f);
        state[c.length + j] = cj;
        state[j] = (float) (o[j] * Math.tanh(cj));
      }
      suffix.setInitialState(state);
      l[s] = suffix.loss(x, inOff, steps, target, LossMode.FINAL);
    }
    return (l[0] - l[1]) / (2 * eps);
  }

  /** o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho), the fourth gate block. */
  private static double[] outputGate(Model m, float[] x, float[] states, int t, int in, int h) {
    double[] o = new double[h];
    float[] wih = m.weightIh.data();
    float[] whh = m.weightHh.data();
    for (int r = 0; r < h; r++) {
      int row = 3 * h + r;
      double z = m.biasIh.data()[row] + m.biasHh.data()[row];
      for (int j = 0; j < in; j++) {
        z += wih[row * in + j] * x[(t - 1) * in + j];
      }
      for (int j = 0; j < h; j++) {
        z += whh[row * h + j] * states[(t - 1) * 2 * h + j];
      }
      o[r] = 1 / (1 + Math.exp(-z));
    }
    return o;
  }
}
