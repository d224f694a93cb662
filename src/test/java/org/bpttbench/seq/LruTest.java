package org.bpttbench.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LRU's ring initialisation, its step Jacobian (the transpose of the backward step, singular
 * values |λ|) and the exact form of its gradient curve: with a final-step loss,
 * dL/dh_t = conj(λ)^{T−t} ⊙ dL/dh_T entry by entry, so |dL/dh_{t,i}| = |λ_i|^{T−t}·|dL/dh_{T,i}|.
 */
class LruTest {

  static List<Kernels> backends() {
    return KernelProvider.available();
  }

  @Test
  void ringInitialisationPlacesTheEigenvaluesOnTheRing() {
    double rMin = 0.9;
    double rMax = 0.999;
    double maxPhase = Math.PI / 10;
    List<Tensor> ps = Lru.ring(2, 8, 500, rMin, rMax, maxPhase, new Random(5));
    float[] nu = ps.get(2).data();
    float[] theta = ps.get(3).data();
    float[] gamma = ps.get(4).data();
    double lo = 1;
    double hi = 0;
    for (int i = 0; i < nu.length; i++) {
      double mod = Math.exp(-Math.exp(nu[i]));
      double phase = Math.exp(theta[i]);
      lo = Math.min(lo, mod);
      hi = Math.max(hi, mod);
      assertTrue(mod >= rMin - 1e-6 && mod <= rMax + 1e-6, "|λ| " + mod);
      assertTrue(phase >= 0 && phase <= maxPhase * (1 + 1e-6), "phase " + phase);
      assertEquals(Math.sqrt(1 - mod * mod), Math.exp(gamma[i]), 1e-4, "γ");
    }
    assertTrue(lo < 0.91 && hi > 0.99, "the ring is filled: " + lo + ".." + hi);
    assertThrows(IllegalArgumentException.class,
        () -> Lru.ring(2, 8, 4, 0.5, 1.5, 1, new Random(1)));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void jacobianIsTheBackwardStepAndItsSingularValuesAreTheModuli(Kernels k) {
    int batch = 2;
    int steps = 9;
    SequenceBptt bptt = SeqCases.bptt("lru", k, batch, steps, 11);
    Lru lru = (Lru) bptt.model();
    float[] x = SeqCases.inputs("lru", batch, steps, 12);
    int[] y = TestModels.targets(batch, SeqCases.CLASSES, 13);
    bptt.run(x, 0, batch, steps, y, 0, LossMode.FINAL, Reduction.MEAN);
    int n = lru.stateSize();
    int s = 2 * n;
    float[] jac = new float[s * s];
    lru.stepJacobian(jac, 0);
    double[] mod = lru.eigenvalueModuli();
    // J·Jᵀ = diag(|λ|², |λ|²)
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        double dot = 0;
        for (int c = 0; c < s; c++) {
          dot += (double) jac[i * s + c] * jac[j * s + c];
        }
        double want = i == j ? mod[i % n] * mod[i % n] : 0;
        assertEquals(want, dot, 1e-6, "J·Jᵀ[" + i + "][" + j + "]");
      }
    }
    float[] a = lru.stepGradients();
    for (int b = 0; b < batch; b++) {
      double[] last = new double[n];
      int rowT = ((steps - 1) * batch + b) * s;
      for (int i = 0; i < n; i++) {
        last[i] = Math.hypot(a[rowT + i], a[rowT + n + i]);
      }
      for (int t = 1; t < steps; t++) {
        int cur = ((t - 1) * batch + b) * s;
        int next = (t * batch + b) * s;
        for (int j = 0; j < s; j++) {   // dL/dh_t = Jᵀ·dL/dh_{t+1}
          double v = 0;
          for (int i = 0; i < s; i++) {
            v += (double) jac[i * s + j] * a[next + i];
          }
          assertEquals(v, a[cur + j], 1e-6 * (1 + Math.abs(v)), "Jᵀ·v at t=" + t);
        }
        for (int i = 0; i < n; i++) {
          double want = Math.pow(mod[i], steps - t) * last[i];
          double got = Math.hypot(a[cur + i], a[cur + n + i]);
          assertEquals(want, got, 1e-5 * (1 + want), "|dL/dh_" + t + "," + i + "|");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theClosedFormCurveIsTheSweepAndOutlivesFloat(Kernels k) {
    int batch = 2;
    int steps = 12;
    SequenceBptt bptt = SeqCases.bptt("lru", k, batch, steps, 31);
    Lru lru = (Lru) bptt.model();
    float[] x = SeqCases.inputs("lru", batch, steps, 32);
    int[] y = TestModels.targets(batch, SeqCases.CLASSES, 33);
    bptt.run(x, 0, batch, steps, y, 0, LossMode.FINAL, Reduction.MEAN);
    for (int b = 0; b < batch; b++) {
      double[] curve = lru.log10GradNormCurve(b);
      for (int t = 1; t <= steps; t++) {
        assertEquals(Math.log10(bptt.stepGradNorm(t, b)), curve[t - 1], 1e-5, "t=" + t);
      }
    }
    // |λ| ≤ 0.6 over 400 steps: the float32 sweep falls below 1e-38 and is flushed to zero; the
    // closed form keeps going, at a slope close to log10 max|λ| per step (that mode dominates;
    // the next-largest, within 0.1 of it on this ring, still moves the slope by ~1e-4)
    int longSteps = 400;
    java.util.List<Tensor> ps = Lru.ring(3, 5, 7, 0.5, 0.6, Math.PI, new Random(34));
    Tensor[] out = SequenceBptt.linearReadout(5, 4, new Random(35));
    SequenceBptt longRun = new SequenceBptt(new Lru(ps, k, 1, longSteps), out[0], out[1], k);
    longRun.run(TestModels.inputs(longSteps, 3, 36), 0, 1, longSteps, new int[] {1}, 0,
        LossMode.FINAL, Reduction.SUM);
    Lru l = (Lru) longRun.model();
    double[] curve = l.log10GradNormCurve(0);
    assertEquals(0.0, longRun.stepGradNorm(1, 0), "the float sweep underflowed");
    double maxMod = java.util.Arrays.stream(l.eigenvalueModuli()).max().orElseThrow();
    double slope = curve[1] - curve[0];
    assertTrue(Double.isFinite(curve[0]) && curve[0] < -80, "log10 at t=1: " + curve[0]);
    assertEquals(-Math.log10(maxMod), slope, 1e-3, "decades per step at the far end");
  }

  @Test
  void refusesParametersThatDoNotFit() {
    List<Tensor> ps = Lru.zeros(3, 4, 5);
    Kernels k = KernelProvider.forName("scalar");
    assertThrows(IllegalArgumentException.class, () -> new Lru(ps.subList(0, 9), k, 1, 2));
    List<Tensor> bad = new java.util.ArrayList<>(ps);
    bad.set(5, Tensor.zeros("B_re", 4, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Lru(bad, k, 1, 2));
    assertTrue(e.getMessage().contains("B_re"), e.getMessage());
  }
}
