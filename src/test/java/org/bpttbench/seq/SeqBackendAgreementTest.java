package org.bpttbench.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scalar and SIMD agree on the loss, every gradient and the per-step gradients, at sizes that
 * exercise the vector loops' tails (H, N, E no multiple of a vector length, T = 37 so the T×T
 * score GEMMs have tails too), batch 4; and a batch of B gives, sequence by sequence, what B runs
 * of one sequence give.
 *
 * <p>Tolerance per array |scalar − simd| ≤ 1e-4·max|scalar| + 1e-12, as
 * {@link org.bpttbench.bptt.CellBackendAgreementTest}: the backends differ only in the order of
 * float32 sums (≈ 2n·u relative for n terms, u = 6e-8; the longest sums are the GEMMs over
 * B·T = 148 rows, ≤ 2e-5) and the LRU's recurrence is contracting (|λ| &lt; 1).
 */
class SeqBackendAgreementTest {

  static List<String> models() {
    return SeqCases.MODELS;
  }

  @ParameterizedTest
  @MethodSource("models")
  void scalarAndSimdAgree(String model) {
    assumeTrue(KernelProvider.simdAvailable(), KernelProvider::simdUnavailableReason);
    int batch = 4;
    int steps = 37;
    SequenceBptt a = SeqCases.bptt(model, KernelProvider.forName("scalar"), batch, steps, 71);
    SequenceBptt b = SeqCases.bptt(model, KernelProvider.forName("simd"), batch, steps, 71);
    float[] x = SeqCases.inputs(model, batch, steps, 72);
    int[] y = TestModels.targets(batch * steps, SeqCases.CLASSES, 73);
    double la = a.run(x, 0, batch, steps, y, 0, LossMode.ALL_STEPS, Reduction.MEAN);
    double lb = b.run(x, 0, batch, steps, y, 0, LossMode.ALL_STEPS, Reduction.MEAN);
    assertAgree(model + " loss", new float[] {(float) la}, new float[] {(float) lb});
    for (int i = 0; i < a.gradients().size(); i++) {
      Tensor t = a.gradients().get(i);
      assertAgree(model + " grad " + t.name(), t.data(), b.gradients().get(i).data());
    }
    int n = batch * steps * a.model().stepGradientSize();
    assertAgree(model + " per-step gradient", Arrays.copyOf(a.model().stepGradients(), n),
        Arrays.copyOf(b.model().stepGradients(), n));
  }

  @ParameterizedTest
  @MethodSource("models")
  void aBatchIsItsSequences(String model) {
    for (Kernels k : KernelProvider.available()) {
      int batch = 3;
      int steps = 7;
      int in = SeqCases.inputSize(model);
      SequenceBptt all = SeqCases.bptt(model, k, batch, steps, 81);
      SequenceBptt one = SeqCases.bptt(model, k, 1, steps, 81);
      float[] x = SeqCases.inputs(model, batch, steps, 82);
      int[] y = TestModels.targets(batch, SeqCases.CLASSES, 83);
      double sum = all.run(x, 0, batch, steps, y, 0, LossMode.FINAL, Reduction.SUM);
      float[][] grads = new float[all.gradients().size()][];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = all.gradients().get(i).data().clone();
      }
      double[] norms = new double[batch * steps];
      for (int t = 1; t <= steps; t++) {
        for (int s = 0; s < batch; s++) {
          norms[(t - 1) * batch + s] = all.stepGradNorm(t, s);
        }
      }
      double sumOne = 0;
      float[][] gradSum = new float[grads.length][];
      for (int s = 0; s < batch; s++) {
        float[] xs = new float[steps * in];
        for (int t = 0; t < steps; t++) {
          System.arraycopy(x, (t * batch + s) * in, xs, t * in, in);
        }
        sumOne += one.run(xs, 0, 1, steps, new int[] {y[s]}, 0, LossMode.FINAL, Reduction.SUM);
        for (int t = 1; t <= steps; t++) {
          double want = norms[(t - 1) * batch + s];
          double got = one.stepGradNorm(t, 0);
          assertTrue(Math.abs(want - got) <= 1e-5 * (1 + want),
              model + " " + k.name() + " seq " + s + " t=" + t + ": " + got + " vs " + want);
        }
        for (int i = 0; i < grads.length; i++) {
          float[] g = one.gradients().get(i).data();
          gradSum[i] = gradSum[i] == null ? new float[g.length] : gradSum[i];
          for (int j = 0; j < g.length; j++) {
            gradSum[i][j] += g[j];
          }
        }
      }
      assertEquals(sumOne, sum, 1e-5 * (1 + Math.abs(sum)), model + " " + k.name() + " loss");
      for (int i = 0; i < grads.length; i++) {
        assertAgree(model + " " + k.name() + " batched grad " + all.gradients().get(i).name(),
            gradSum[i], grads[i]);
      }
    }
  }

  static void assertAgree(String what, float[] ref, float[] other) {
    assertEquals(ref.length, other.length, what + ": length");
    double scale = 0;
    for (float v : ref) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tol = 1e-4 * scale + 1e-12;
    for (int i = 0; i < ref.length; i++) {
      int ii = i;
      assertTrue(Math.abs(ref[i] - other[i]) <= tol,
          () -> what + "[" + ii + "]: " + ref[ii] + " vs " + other[ii] + " (tol " + tol + ")");
    }
  }
}
