package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient-norm curve stays exact far outside float32's range. With zero input and biases,
 * h stays 0, tanh' = 1, and dL_T/dh_t = (W_hhᵀ)^{T−t}·dL_T/dh_T exactly — computed here in double as
 * the reference. ρ = 0.2 over T = 100 reaches ~1e-70 (float32 autograd gives 0); ρ = 3 reaches
 * ~1e+47 (float32 gives ∞).
 */
class ExtremeGradientsTest {

  static java.util.stream.Stream<Arguments> cases() {
    java.util.stream.Stream.Builder<Arguments> b = java.util.stream.Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      b.add(Arguments.of(k, 0.2, InitScheme.GAUSS));
      b.add(Arguments.of(k, 3.0, InitScheme.GAUSS));
      b.add(Arguments.of(k, 0.2, InitScheme.ORTHOGONAL));
      b.add(Arguments.of(k, 3.0, InitScheme.ORTHOGONAL));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} rho={1} {2}")
  @MethodSource("cases")
  void curveMatchesDoublePrecisionReference(Kernels k, double rho, InitScheme init) {
    int h = 24;
    int steps = 100;
    Model m = Init.model(CellKind.RNN, Activation.TANH, 3, h, 5, init, rho, 7);
    java.util.Arrays.fill(m.biasIh.data(), 0f);
    java.util.Arrays.fill(m.biasHh.data(), 0f);
    float[] x = new float[steps * 3];
    Bptt bptt = new Bptt(m, k, steps);
    bptt.run(x, 0, steps, new int[] {1}, LossMode.FINAL);
    GradientCurve curve = new GradientCurve(k, steps, h);
    curve.compute(bptt);

    double[] g = new double[h];
    for (int i = 0; i < h; i++) {
      g[i] = bptt.stateGrad()[(steps - 1) * h + i];
    }
    float[] w = m.weightHh.data();
    for (int t = steps; t >= 1; t--) {
      double ref = Math.log10(norm(g));
      double got = curve.log10HiddenNorms()[t - 1];
      // float32 weights and arithmetic: relative error grows ~ (T−t)·few·1e-7 per step.
      assertEquals(ref, got, 1e-4 + 1e-5 * (steps - t), "t=" + t);
      g = transposeTimes(w, g, h);
    }
    double first = curve.log10HiddenNorms()[0];
    if (rho < 1) {
      assertTrue(first < -45, "beyond float's smallest value: " + first);
    } else {
      assertTrue(first > 39, "beyond float's largest value: " + first);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void floatAutogradWouldUnderflowWhereTheCurveDoesNot(Kernels k) {
    int h = 16;
    int steps = 100;
    Model m = Init.model(CellKind.RNN, Activation.TANH, 2, h, 3, InitScheme.ORTHOGONAL, 0.2, 3);
    java.util.Arrays.fill(m.biasIh.data(), 0f);
    java.util.Arrays.fill(m.biasHh.data(), 0f);
    Bptt bptt = new Bptt(m, k, steps);
    bptt.run(new float[steps * 2], 0, steps, new int[] {0}, LossMode.FINAL);
    assertEquals(0.0, k.norm2(bptt.stateGrad(), 0, h), "plain float32 BPTT underflows to 0");
    GradientCurve curve = new GradientCurve(k, steps, h);
    curve.compute(bptt);
    // Orthogonal W: every step scales the norm by exactly 0.2 (up to float rounding).
    double lagDecades = curve.log10HiddenNorms()[99] - curve.log10HiddenNorms()[0];
    assertEquals(99 * Math.log10(5), lagDecades, 1e-3);
  }

  static java.util.stream.Stream<Kernels> backends() {
    return KernelProvider.available().stream();
  }

  private static double[] transposeTimes(float[] w, double[] v, int n) {
    double[] out = new double[n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        out[c] += w[r * n + c] * v[r];
      }
    }
    return out;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d * d;
    }
    return Math.sqrt(s);
  }

}
