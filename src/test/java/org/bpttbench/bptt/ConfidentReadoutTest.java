package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * A right and confident model: out_weight and out_bias scaled up until the loss of the predicted
 * class is 1e-3 … 1e-12 (and 1e-20, which rounds to exactly 0 as log-sum-exp minus the logit). The
 * loss, the read-out gradients, dL/dh_T and the whole gradient-norm curve are checked against a
 * double-precision reference built from the same float forward trace: the softmax in double, then
 * v_{t−1} = J_tᵀ·v_t with the cell's own step Jacobians, summed in double.
 *
 * <p>Tolerance, relative: the float logits carry up to H roundings of ulp(|l|) each (the logits reach
 * ≈ 100 here, so up to ≈ 2.5e-4), which moves exp(l_j − l_target), and with it every gradient, by
 * as much relative; 1e-5 more covers the curve's float rounding per step over 30 steps. Forming p_target − 1 in float is off by 100% in the target's gradient once the loss
 * is below ≈ 6e-8. Entries below float's normal range (1.2e-38; the unlikely classes' p_j reach
 * 1e-45 here) have only absolute precision, hence the floor of 1e-40.
 */
class ConfidentReadoutTest {
  private static final int I = 5;
  private static final int H = 33;
  private static final int V = 3;
  private static final int T = 30;

  @Test
  void confidentRightAnswersKeepTheirGradient() {
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        for (double loss : new double[] {1e-3, 1e-6, 1e-8, 1e-10, 1e-12, 1e-20}) {
          check(k, kind, loss);
        }
      }
    }
  }

  private static void check(Kernels k, CellKind kind, double wantLoss) {
    Model m = TestModels.random(kind, Activation.TANH, I, H, V, 0.5f, 40 + kind.ordinal());
    float[] x = TestModels.inputs(T, I, 41);
    Bptt bptt = new Bptt(m, k, T);
    bptt.run(x, 0, T, new int[] {0}, LossMode.FINAL);
    int s = bptt.stateSize();
    float[] hT = java.util.Arrays.copyOfRange(bptt.cell().states(), T * s, T * s + H);
    double[] z = logits(m, hT);
    int target = argmax(z);
    double gap = Double.POSITIVE_INFINITY;
    for (int j = 0; j < V; j++) {
      gap = j == target ? gap : Math.min(gap, z[target] - z[j]);
    }
    scale(m, (float) (Math.log((V - 1) / wantLoss) / gap));

    double loss = bptt.run(x, 0, T, new int[] {target}, LossMode.FINAL);
    String what = k.name() + " " + kind.id() + " loss " + wantLoss;
    double[] l = logits(m, hT);
    double[] g = new double[V];
    double refLoss = Math.log1p(softmaxGradient(l, target, g));
    double maxLogit = 0;
    for (double lj : l) {
      maxLogit = Math.max(maxLogit, Math.abs(lj));
    }
    double tol = 1e-5 + H * Math.ulp((float) maxLogit);
    assertTrue(refLoss >= wantLoss / 10 && refLoss <= wantLoss * 10, what + ": reached " + refLoss);
    assertClose(refLoss, loss, tol, what + " loss");
    for (int j = 0; j < V; j++) {
      assertClose(g[j], bptt.grads().outBias.data()[j], tol, what + " grad_out_bias[" + j + "]");
      for (int i = 0; i < H; i += 8) {
        assertClose(g[j] * hT[i], bptt.grads().outWeight.data()[j * H + i], tol,
            what + " grad_out_weight[" + j + "][" + i + "]");
      }
    }
    double[] v = new double[s];
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < V; j++) {
        v[i] += g[j] * m.outWeight.data()[j * H + i];
      }
    }
    GradientCurve curve = new GradientCurve(k, T, s);
    curve.compute(bptt);
    RecurrentCell cell = bptt.cell();
    float[] jac = new float[s * s];
    for (int t = T; t >= 1; t--) {
      assertClose(norm(v, H), curve.hiddenNorm(t), tol, what + " ||dL/dh_" + t + "||");
      cell.stepJacobian(t, jac, 0);
      double[] prev = new double[s];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++) {
          prev[j] += v[i] * jac[i * s + j];
        }
      }
      v = prev;
    }
  }

  /** Writes dL/dlogits into g (p_j, and −Σ_{j≠target} p_j for the target); returns Σ_{j≠target} e^{l_j − l_target}. */
  private static double softmaxGradient(double[] l, int target, double[] g) {
    double rest = 0;
    for (int j = 0; j < l.length; j++) {
      rest += j == target ? 0 : Math.exp(l[j] - l[target]);
    }
    double others = 0;
    for (int j = 0; j < l.length; j++) {
      if (j != target) {
        g[j] = Math.exp(l[j] - l[target]) / (1 + rest);
        others += g[j];
      }
    }
    g[target] = -others;
    return rest;
  }

  private static double[] logits(Model m, float[] h) {
    double[] z = new double[V];
    for (int j = 0; j < V; j++) {
      z[j] = m.outBias.data()[j];
      for (int i = 0; i < H; i++) {
        z[j] += (double) m.outWeight.data()[j * H + i] * h[i];
      }
    }
    return z;
  }

  private static int argmax(double[] z) {
    int best = 0;
    for (int j = 1; j < z.length; j++) {
      best = z[j] > z[best] ? j : best;
    }
    return best;
  }

  private static void scale(Model m, float c) {
    for (float[] a : new float[][] {m.outWeight.data(), m.outBias.data()}) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= c;
      }
    }
  }

  private static double norm(double[] v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i] * v[i];
    }
    return Math.sqrt(s);
  }

  private static void assertClose(double want, double got, double tol, String what) {
    assertTrue(Math.abs(got - want) <= tol * Math.abs(want) + 1e-40,
        () -> what + ": " + got + ", double reference " + want);
  }
}
