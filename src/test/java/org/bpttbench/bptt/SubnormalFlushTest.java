package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Bptt}'s flush of all-subnormal carried rows, against the same pass without it. At normal magnitudes nothing may change, bit for bit; in a long
 * vanishing sequence the rows that become all-subnormal are zero instead, and no carried row is
 * left entirely subnormal (the slow case on x86).
 */
class SubnormalFlushTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        b.add(Arguments.of(k, kind));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void normalMagnitudesAreUnchanged(Kernels k, CellKind kind) {
    int steps = 30;
    Model m = TestModels.random(kind, Activation.TANH, 5, 16, 4, 0.4f, 11);
    float[] x = TestModels.inputs(steps, 5, 12);
    for (LossMode mode : LossMode.values()) {
      int[] targets = TestModels.targets(mode == LossMode.FINAL ? 1 : steps, 4, 13);
      Bptt bptt = new Bptt(m, k, steps);
      bptt.run(x, 0, steps, targets, mode);
      Unflushed ref = new Unflushed(bptt, x, targets, mode);
      assertArrayEquals(ref.stateGrad, bptt.stateGrad(), kind + " " + mode + " state gradients");
      for (int i = 0; i < m.tensors().size(); i++) {
        assertArrayEquals(ref.grads.tensors().get(i).data(), bptt.grads().tensors().get(i).data(),
            kind + " " + mode + " " + Model.PARAMETER_NAMES.get(i));
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void longVanishingSequenceFlushesOnlyAllSubnormalRows(Kernels k, CellKind kind) {
    int steps = 512;
    int h = 64;
    Model m = TestModels.random(kind, Activation.TANH, h, h, 10, (float) (1 / Math.sqrt(h)), 21);
    float[] x = TestModels.inputs(steps, h, 22);
    int[] target = {3};
    Bptt bptt = new Bptt(m, k, steps);
    bptt.run(x, 0, steps, target, LossMode.FINAL);
    Unflushed ref = new Unflushed(bptt, x, target, LossMode.FINAL);
    int s = bptt.stateSize();
    float[] got = bptt.stateGrad();
    for (int t = 0; t < steps; t++) {
      float refMax = maxAbs(ref.stateGrad, t * s, s);
      float max = maxAbs(got, t * s, s);
      assertTrue(max == 0f || max >= Float.MIN_NORMAL, "row " + t + " left all-subnormal");
      if (max != 0f) {
        for (int i = t * s; i < (t + 1) * s; i++) {
          assertEquals(ref.stateGrad[i], got[i], 0f, "row " + t + " changed at " + i);
        }
      } else {
        assertTrue(refMax < Float.MIN_NORMAL, "row " + t + " zeroed at normal magnitude " + refMax);
      }
    }
  }

  private static float maxAbs(float[] v, int off, int n) {
    float m = 0f;
    for (int i = off; i < off + n; i++) {
      m = Math.max(m, Math.abs(v[i]));
    }
    return m;
  }

  /**
   * The same pass without the flush, on the states of the forward pass that {@code bptt} already
   * made ({@link Bptt#backward} with flush off): a second forward pass could differ in the last
   * bit, because the Vector API's tanh/exp round differently before and after C2 compiles them.
   */
  private static final class Unflushed {
    final float[] stateGrad;
    final Model grads;

    Unflushed(Bptt bptt, float[] x, int[] targets, LossMode mode) {
      float[] flushed = bptt.stateGrad().clone();
      Model flushedGrads = GradientChecks.copy(bptt.grads());
      bptt.backward(x, 0, targets, 0, mode, Reduction.SUM, false);
      stateGrad = bptt.stateGrad().clone();
      grads = GradientChecks.copy(bptt.grads());
      System.arraycopy(flushed, 0, bptt.stateGrad(), 0, flushed.length);
      for (int i = 0; i < grads.tensors().size(); i++) {
        float[] g = flushedGrads.tensors().get(i).data();
        System.arraycopy(g, 0, bptt.grads().tensors().get(i).data(), 0, g.length);
      }
    }
  }
}
