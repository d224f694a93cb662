package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * Central finite differences against BPTT, for any cell and backend.
 *
 * <p>Tolerance: the loss is computed in float32 (rounding ≈ 1e-7·|L|), so with step ε = 1e-2 the
 * difference quotient carries ≈ 1e-7/ε = 1e-5 of rounding noise and O(ε²·|f'''|) ≈ 1e-5 of
 * truncation error for these smooth, O(1)-scaled models. We accept |fd − bptt| ≤ 5e-4 + 1e-2·|bptt|,
 * which is far below the size of any real bug (a wrong term changes entries by O(1e-2) or more).
 *
 * <p>relu is not differentiable at 0: an entry whose ±ε perturbation moves a pre-activation across
 * 0 has no meaningful finite difference. For relu models we use ε = 1e-3 and skip entries whose
 * one-sided quotients disagree (a kink was crossed), asserting that at most 10% are skipped.
 */
public final class GradientChecks {
  static final float EPS = 1e-2f;
  static final float RELU_EPS = 1e-3f;

  private GradientChecks() {}

  public static boolean close(double fd, double an) {
    return Math.abs(fd - an) <= 5e-4 + 1e-2 * Math.abs(an);
  }

  /** Every entry of every parameter tensor. */
  public static void checkParameters(Model m, Kernels k, float[] x, int steps, int[] targets,
                                     LossMode mode) {
    Bptt bptt = new Bptt(m, k, steps);
    bptt.run(x, 0, steps, targets, mode);
    checkParameters(m, k.name() + " " + m.kind.id(), copy(bptt.grads()),
        () -> bptt.loss(x, 0, steps, targets, mode));
  }

  /**
   * Every entry of every parameter tensor of {@code m}: the central difference of {@code loss}
   * (which must read m's current values) against {@code analytic}, the gradient at m.
   */
  public static void checkParameters(Model m, String label, Model analytic, DoubleSupplier loss) {
    float eps = eps(m);
    double f0 = loss.getAsDouble();
    Skips skips = new Skips(m);
    for (Tensor t : m.tensors()) {
      float[] p = t.data();
      float[] g = analytic.tensor(t.name()).data();
      for (int i = 0; i < p.length; i++) {
        float orig = p[i];
        p[i] = orig + eps;
        double plus = loss.getAsDouble();
        p[i] = orig - eps;
        double minus = loss.getAsDouble();
        p[i] = orig;
        if (skips.kinked(f0, plus, minus, eps)) {
          continue;
        }
        double fd = (plus - minus) / (2 * eps);
        String where = label + " " + t.name() + "["
            + Arrays.toString(unravel(i, t.shape())) + "]";
        double an = g[i];
        assertTrue(close(fd, an), () -> where + ": finite difference " + fd + " vs bptt " + an);
      }
    }
    skips.assertFew();
  }

  /**
   * dL/d(state_t) for several t: the suffix of the sequence from step t+1 started from state_t is
   * the same function of state_t, so perturbing its initial state gives the finite difference.
   */
  public static void checkStateGradients(Model m, Kernels k, float[] x, int steps, int[] targets,
                                         LossMode mode, int... ts) {
    Bptt full = new Bptt(m, k, steps);
    full.run(x, 0, steps, targets, mode);
    int s = full.stateSize();
    float[] dState = full.stateGrad().clone();
    float[] states = full.cell().states().clone();
    int in = m.inputSize;
    float eps = eps(m);
    Skips skips = new Skips(m);
    for (int t : ts) {
      int rest = steps - t;
      float[] state = Arrays.copyOfRange(states, t * s, (t + 1) * s);
      if (rest == 0) {
        continue;
      }
      int[] suffixTargets = mode == LossMode.FINAL ? targets
          : Arrays.copyOfRange(targets, t, steps);
      Bptt suffix = new Bptt(m, k, rest);
      // Direct loss term at step t itself is not part of the suffix; add it analytically below.
      suffix.setInitialState(state);
      double f0 = suffix.loss(x, t * in, rest, suffixTargets, mode);
      for (int i = 0; i < s; i++) {
        float orig = state[i];
        state[i] = orig + eps;
        suffix.setInitialState(state);
        double plus = suffix.loss(x, t * in, rest, suffixTargets, mode);
        state[i] = orig - eps;
        suffix.setInitialState(state);
        double minus = suffix.loss(x, t * in, rest, suffixTargets, mode);
        state[i] = orig;
        if (skips.kinked(f0, plus, minus, eps)) {
          continue;
        }
        double fd = (plus - minus) / (2 * eps);
        double an = dState[(t - 1) * s + i] - directTerm(m, k, states, t, s, i, targets, mode);
        int tt = t;
        int ii = i;
        assertTrue(close(fd, an), () -> k.name() + " " + m.kind.id() + " dL/dstate_" + tt
            + "[" + ii + "]: finite difference " + fd + " vs bptt " + an);
      }
    }
    skips.assertFew();
  }

  private static float eps(Model m) {
    return m.kind == CellKind.RNN && m.activation == Activation.RELU ? RELU_EPS : EPS;
  }

  /** Counts entries skipped because a relu kink lies within ±ε. */
  private static final class Skips {
    private final boolean relu;
    private int checked;
    private int skipped;

    Skips(Model m) {
      relu = m.kind == CellKind.RNN && m.activation == Activation.RELU;
    }

    boolean kinked(double f0, double plus, double minus, float eps) {
      checked++;
      double forward = (plus - f0) / eps;
      double backward = (f0 - minus) / eps;
      boolean kink = relu && Math.abs(forward - backward) > 2e-3 + 2e-2 * Math.abs(forward);
      if (kink) {
        skipped++;
      }
      return kink;
    }

    void assertFew() {
      assertTrue(skipped * 10 <= checked, () -> skipped + " of " + checked
          + " entries skipped at relu kinks: too many for a meaningful check");
    }
  }

  /** For ALL_STEPS, the read-out loss at step t contributes to dL/dh_t directly. */
  private static double directTerm(Model m, Kernels k, float[] states, int t, int s, int i,
                                   int[] targets, LossMode mode) {
    if (mode == LossMode.FINAL || i >= m.hiddenSize) {
      return 0;
    }
    Readout r = new Readout(m, k, 1);
    float[] dh = new float[m.hiddenSize];
    r.backward(states, t * s, s, 1, new int[] {targets[t - 1]}, 0, 1f, dh, 0, m.zerosLike());
    return dh[i];
  }

  public static Model copy(Model g) {
    Model c = g.zerosLike();
    for (Tensor t : g.tensors()) {
      System.arraycopy(t.data(), 0, c.tensor(t.name()).data(), 0, t.size());
    }
    return c;
  }

  static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }
}
