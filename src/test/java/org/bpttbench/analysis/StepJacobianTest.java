package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Each step Jacobian against central finite differences of one step of the real cell.
 *
 * <p>Tolerance: the step is computed in float32 (rounding ≈ 6e-8 per entry of O(1) size), so with
 * ε = 1e-2 the quotient carries ≈ 1e-5 of rounding noise and O(ε²) ≈ 1e-4·|f'''| of truncation error;
 * |fd − J| ≤ 3e-4 + 1e-2·|J| is far below a real bug (a missing term is O(1e-2) or more). relu uses
 * ε = 1e-3 and skips rows whose pre-activation is within reach of the kink at 0.
 */
class StepJacobianTest {
  private static final int H = 7;
  private static final int I = 4;

  @Test
  void rnnTanh() {
    for (Kernels k : KernelProvider.available()) {
      check(k, CellKind.RNN, Activation.TANH, 11);
    }
  }

  @Test
  void rnnRelu() {
    for (Kernels k : KernelProvider.available()) {
      check(k, CellKind.RNN, Activation.RELU, 12);
    }
  }

  @Test
  void gru() {
    for (Kernels k : KernelProvider.available()) {
      assumeTrue(AnalysisFixtures.cellAvailable(CellKind.GRU, k), "gru cell not registered yet");
      check(k, CellKind.GRU, Activation.TANH, 13);
    }
  }

  @Test
  void lstm() {
    for (Kernels k : KernelProvider.available()) {
      assumeTrue(AnalysisFixtures.cellAvailable(CellKind.LSTM, k), "lstm cell not registered yet");
      check(k, CellKind.LSTM, Activation.TANH, 14);
    }
  }

  private static void check(Kernels k, CellKind kind, Activation act, long seed) {
    Model m = TestModels.random(kind, act, I, H, 3, 0.6f, seed);
    StepJacobian sj = new StepJacobian(m, k);
    int d = sj.size();
    float[] prev = TestModels.inputs(1, d, seed + 1);
    for (int i = 0; i < d; i++) {
      prev[i] *= 0.7f;
    }
    float[] x = TestModels.inputs(1, I, seed + 2);
    float[] jac = new float[d * d];
    sj.compute(prev, 0, x, 0, jac, 0);

    boolean relu = act == Activation.RELU && kind == CellKind.RNN;
    float eps = relu ? 1e-3f : 1e-2f;
    boolean[] skipRow = new boolean[d];
    if (relu) {
      double[] a = preactivation(m, prev, x);
      for (int i = 0; i < d; i++) {
        double reach = 0;
        for (int j = 0; j < H; j++) {
          reach += Math.abs(m.weightHh.data()[i * H + j]) * eps;
        }
        skipRow[i] = Math.abs(a[i]) <= 2 * reach;
      }
    }
    RecurrentCell cell = Cells.create(m, k, 1);
    int checked = 0;
    for (int j = 0; j < d; j++) {
      float[] plus = step(cell, prev, j, eps, x, d);
      float[] minus = step(cell, prev, j, -eps, x, d);
      for (int i = 0; i < d; i++) {
        if (skipRow[i]) {
          continue;
        }
        double fd = (plus[i] - (double) minus[i]) / (2 * eps);
        double an = jac[i * d + j];
        int ii = i;
        int jj = j;
        assertTrue(Math.abs(fd - an) <= 3e-4 + 1e-2 * Math.abs(an), () -> k.name() + " "
            + kind.id() + " J[" + ii + "][" + jj + "]: finite difference " + fd + " vs " + an);
        checked++;
      }
    }
    assertTrue(checked >= d * d / 2, "too few entries checked: " + checked);
  }

  private static float[] step(RecurrentCell cell, float[] prev, int j, float delta, float[] x,
                              int d) {
    float[] s = cell.states();
    System.arraycopy(prev, 0, s, 0, d);
    s[j] += delta;
    cell.forward(x, 0, 1);
    return java.util.Arrays.copyOfRange(cell.states(), d, 2 * d);
  }

  private static double[] preactivation(Model m, float[] h, float[] x) {
    double[] a = new double[H];
    for (int i = 0; i < H; i++) {
      double s = m.biasIh.data()[i] + m.biasHh.data()[i];
      for (int j = 0; j < I; j++) {
        s += m.weightIh.data()[i * I + j] * (double) x[j];
      }
      for (int j = 0; j < H; j++) {
        s += m.weightHh.data()[i * H + j] * (double) h[j];
      }
      a[i] = s;
    }
    return a;
  }
}
