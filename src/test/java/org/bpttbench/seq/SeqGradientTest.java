package org.bpttbench.seq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.bpttbench.bptt.GradientChecks;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LRU's and attention's gradients of the batch-mean loss against central finite differences,
 * for every entry of every parameter (the read-out's included), both losses (final step, every
 * step), batch 1 and 3, and the regression read-out's squared error, on every backend. Step and tolerance as {@link GradientChecks}: ε = 1e-2,
 * |fd − analytic| ≤ 5e-4 + 1e-2·|analytic| (float32 loss rounding ≈ 1e-7/ε = 1e-5, truncation
 * O(ε²·f''') for these smooth models; the LRU's λ = exp(−exp(ν) + i·exp(θ)) has
 * |∂³/∂θ³| ≲ (1 + φ)³ with the phase φ ≤ π, so ε²·f'''/6 ≲ 1e-3 relative, inside the 1e-2).
 */
class SeqGradientTest {
  static final float EPS = 1e-2f;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String m : SeqCases.MODELS) {
        for (LossMode mode : LossMode.values()) {
          for (int batch : new int[] {1, 3}) {
            b.add(Arguments.of(k, m, mode, batch));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2} B={3}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(Kernels k, String model, LossMode mode, int batch) {
    int steps = 5;
    SequenceBptt bptt = SeqCases.bptt(model, k, batch, steps, 41);
    float[] x = SeqCases.inputs(model, batch, steps, 42);
    int[] y = TestModels.targets(mode == LossMode.FINAL ? batch : batch * steps,
        SeqCases.CLASSES, 43);
    bptt.run(x, 0, batch, steps, y, 0, mode, Reduction.MEAN);
    var analytic = SeqFixtures.copy(bptt.gradients());
    int checked = 0;
    for (int p = 0; p < analytic.size(); p++) {
      Tensor t = bptt.parameters().get(p);
      float[] v = t.data();
      float[] g = analytic.get(p).data();
      for (int i = 0; i < v.length; i++) {
        float orig = v[i];
        v[i] = orig + EPS;
        double plus = bptt.loss(x, 0, batch, steps, y, 0, mode, Reduction.MEAN);
        v[i] = orig - EPS;
        double minus = bptt.loss(x, 0, batch, steps, y, 0, mode, Reduction.MEAN);
        v[i] = orig;
        double fd = (plus - minus) / (2 * EPS);
        double an = g[i];
        int ii = i;
        assertTrue(GradientChecks.close(fd, an), () -> k.name() + " " + model + " " + mode
            + " B=" + batch + " " + t.name() + "[" + ii + "]: finite difference " + fd
            + " vs analytic " + an);
        checked++;
      }
    }
    assertTrue(checked > 100, "checked " + checked);
    assertTrue(Arrays.stream(bptt.gradients().toArray(new Tensor[0]))
        .allMatch(t -> norm(t.data()) > 0), "every parameter has a non-zero gradient");
  }

  /** The regression read-out (one output, the final step's mean squared error), B = 3. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.bpttbench.seq.SeqCases#withBackends")
  void squaredErrorGradientsMatchFiniteDifferences(Kernels k, String model) {
    int batch = 3;
    int steps = 4;
    java.util.List<Tensor> ps = SeqCases.parameters(model, 51);
    SequenceModel m = SeqCases.model(model, ps, k, batch, steps);
    Tensor[] out = SequenceBptt.linearReadout(m.outputSize(), 1, new java.util.Random(52));
    SequenceBptt bptt = new SequenceBptt(m, out[0], out[1], k);
    float[] x = SeqCases.inputs(model, batch, steps, 53);
    float[] values = {0.5f, -1f, 2f};
    bptt.runMse(x, 0, batch, steps, values, 0);
    var analytic = SeqFixtures.copy(bptt.gradients());
    for (int p = 0; p < analytic.size(); p++) {
      float[] v = bptt.parameters().get(p).data();
      float[] g = analytic.get(p).data();
      String name = analytic.get(p).name();
      for (int i = 0; i < v.length; i++) {
        float orig = v[i];
        v[i] = orig + EPS;
        double plus = bptt.mse(x, 0, batch, steps, values, 0);
        v[i] = orig - EPS;
        double minus = bptt.mse(x, 0, batch, steps, values, 0);
        v[i] = orig;
        double fd = (plus - minus) / (2 * EPS);
        double an = g[i];
        int ii = i;
        assertTrue(GradientChecks.close(fd, an), () -> k.name() + " " + model + " mse " + name
            + "[" + ii + "]: finite difference " + fd + " vs analytic " + an);
      }
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f * f;
    }
    return Math.sqrt(s);
  }
}
