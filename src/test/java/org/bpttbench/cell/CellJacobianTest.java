package org.bpttbench.cell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Each cell's {@link RecurrentCell#stepJacobian} against its own {@link RecurrentCell#backwardStep}:
 * for random v, vᵀ·J_t (summed here in double) must equal the vector–Jacobian product backwardStep
 * computes, at every step of a forward trace and for every sequence of a batch (B = 1, the gemv
 * path, and B = 3, the GEMM path), for every cell kind and backend.
 *
 * <p>Tolerance: both sides are float32 sums of the same d products in different orders (and the
 * LSTM's h rows pass through the c rows), so each entry differs by a few float roundings of
 * Σ_i |v_i·J_ij|; 1e-5 of that sum is about a hundred ulps, while a wrong or missing term is of
 * the size of the sum itself.
 */
class CellJacobianTest {
  private static final int I = 4;
  private static final int H = 9;
  private static final int T = 6;

  @Test
  void jacobianIsTheTransposeOfBackwardStep() {
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        for (int batch : new int[] {1, 3}) {
          check(k, kind, Activation.TANH, batch);
        }
      }
      check(k, CellKind.RNN, Activation.RELU, 1);
      check(k, CellKind.RNN, Activation.RELU, 3);
    }
  }

  private static void check(Kernels k, CellKind kind, Activation act, int batch) {
    Model m = TestModels.random(kind, act, I, H, 3, 0.6f, 17 + kind.ordinal());
    RecurrentCell cell = Cells.create(m, k, batch, T);
    cell.forward(TestModels.inputs(T * batch, I, 5), 0, batch, T);
    int d = cell.stateSize();
    float[] jac = new float[d * d];
    float[] v = new float[batch * d];
    float[] vjp = new float[batch * d];
    Random rnd = new Random(3);
    for (int t = T; t >= 1; t--) {
      for (int trial = 0; trial < 3; trial++) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextGaussian();
        }
        cell.backwardStep(t, v, 0, vjp, 0);
        for (int b = 0; b < batch; b++) {
          cell.stepJacobian(t, b, jac, 0);
          for (int j = 0; j < d; j++) {
            double sum = 0;
            double abs = 0;
            for (int i = 0; i < d; i++) {
              sum += (double) v[b * d + i] * jac[i * d + j];
              abs += Math.abs((double) v[b * d + i] * jac[i * d + j]);
            }
            double want = sum;
            float got = vjp[b * d + j];
            String where = k.name() + " " + kind.id() + "/" + act.id() + " B=" + batch + " seq "
                + b + " t=" + t + " column " + j;
            assertTrue(Math.abs(got - want) <= 1e-5 * abs + 1e-30,
                () -> where + ": vᵀJ " + want + " vs backwardStep " + got);
          }
        }
      }
    }
  }
}
