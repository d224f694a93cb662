package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lesson's structural claim: a gated cell whose gate holds the state open carries the gradient
 * back along an additive path without decay, while a vanilla RNN multiplies it by W_hh each step.
 */
class AdditivePathTest {
  private static final int IN = 3;
  private static final int H = 16;
  private static final int V = 4;

  static List<Kernels> backends() {
    return KernelProvider.available();
  }

  /** f ≈ 1, i ≈ 0: dL/dc_{t−1} = f ⊙ (dL/dc_t + …) with the h path negligible (small weights). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void lstmWithOpenForgetGateKeepsDlDc(Kernels k) {
    Model m = TestModels.random(CellKind.LSTM, Activation.TANH, IN, H, V, 0.01f, 51);
    float[] bIh = m.biasIh.data();
    Arrays.fill(bIh, 0, H, -20f);     // b_ii: input gate closed
    Arrays.fill(bIh, H, 2 * H, 20f);  // b_if: forget gate open
    // The loss reads h_51, so dL/dc_51 = 0 (c_51 reaches it only through h_51, inside step 51);
    // dL/dc_50 is the first carried value and dL/dc_1 is 49 steps further back.
    Bptt b = run(m, k, 51);
    double ratio = norm(k, b, 1, H) / norm(k, b, 50, H);
    assertTrue(ratio >= 0.9 && ratio <= 1.1, "‖dL/dc_1‖/‖dL/dc_50‖ = " + ratio);
  }

  /** PyTorch's z ≈ 1 (the lesson's z ≈ 0): h_t ≈ h_{t−1}, dL/dh_{t−1} ≈ z ⊙ dL/dh_t. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void gruWithUpdateGateClosedKeepsDlDh(Kernels k) {
    Model m = TestModels.random(CellKind.GRU, Activation.TANH, IN, H, V, 0.01f, 52);
    Arrays.fill(m.biasIh.data(), H, 2 * H, 20f);  // b_iz
    Bptt b = run(m, k, 51);
    double ratio = norm(k, b, 1, 0) / norm(k, b, 51, 0);
    assertTrue(ratio >= 0.9 && ratio <= 1.1, "‖dL/dh_1‖/‖dL/dh_51‖ = " + ratio);
  }

  /**
   * The lesson's drills: W_hh = a·I, zero input and biases keep h_t = 0, so tanh' = 1 and
   * dL/dh_t = (a·I)ᵀ·dL/dh_{t+1} exactly: the norm changes by a^20 over 20 steps.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void vanillaRnnScalesByWhhPerStep(Kernels k) {
    assertRatio(k, 0.7f, 7.979e-4);
    assertRatio(k, 1.5f, 3325.26);
  }

  private static void assertRatio(Kernels k, float a, double expected) {
    assertEquals(Math.pow(a, 20), expected, 1e-3 * expected, "the drill's number");
    Model m = TestModels.random(CellKind.RNN, Activation.TANH, IN, H, V, 0.5f, 53);
    Arrays.fill(m.weightIh.data(), 0f);
    Arrays.fill(m.biasIh.data(), 0f);
    Arrays.fill(m.biasHh.data(), 0f);
    Arrays.fill(m.weightHh.data(), 0f);
    for (int i = 0; i < H; i++) {
      m.weightHh.data()[i * H + i] = a;
    }
    int steps = 30;
    Bptt b = new Bptt(m, k, steps);
    b.run(new float[steps * IN], 0, steps, new int[] {1}, LossMode.FINAL);
    for (int t = 1; t + 20 <= steps; t++) {
      double ratio = norm(k, b, t, 0) / norm(k, b, t + 20, 0);
      int tt = t;
      assertEquals(expected, ratio, 1e-3 * expected,
          () -> "a=" + a + ": ‖dL/dh_" + tt + "‖/‖dL/dh_" + (tt + 20) + "‖");
    }
  }

  private static Bptt run(Model m, Kernels k, int steps) {
    Bptt b = new Bptt(m, k, steps);
    b.run(TestModels.inputs(steps, IN, 54), 0, steps, new int[] {1}, LossMode.FINAL);
    return b;
  }

  /** ‖part of dL/dstate_t‖: h at offset 0, c (LSTM) at offset H. */
  private static double norm(Kernels k, Bptt b, int t, int off) {
    return k.norm2(b.stateGrad(), (t - 1) * b.stateSize() + off, H);
  }
}
