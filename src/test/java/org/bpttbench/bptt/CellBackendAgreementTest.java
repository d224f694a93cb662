package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scalar and SIMD backends give the same loss, dL/d(state_t) and parameter gradients for every cell.
 *
 * <p>Tolerance, per array: |scalar − simd| ≤ 1e-4·max|scalar| + 1e-12. The backends differ only in
 * the order of float32 sums (lane-wise partial sums, FMA) and possibly by a few ulps in tanh/σ.
 * A reordered sum of n terms differs by at most ≈ 2n·u·Σ|terms| with u = 2⁻²⁴ ≈ 6e-8; the longest
 * sums here are the gemvT over G·H ≤ 76 rows and the gemm over T = 12 steps, so ≤ 1e-5 of the
 * magnitude per operation. Over 12 steps of tanh/σ-bounded (non-expanding, weights ≤ 0.4) recurrence
 * this stays well below 1e-4 of the array's largest entry; measuring against the largest entry
 * rather than each entry avoids false alarms on entries that cancel to near zero.
 */
class CellBackendAgreementTest {
  private static final int IN = 5;
  private static final int H = 19;   // not a multiple of any vector length
  private static final int V = 4;
  private static final int T = 12;

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void scalarAndSimdAgree(CellKind kind) {
    assumeTrue(KernelProvider.simdAvailable(), KernelProvider::simdUnavailableReason);
    Kernels scalar = KernelProvider.forName("scalar");
    Kernels simd = KernelProvider.forName("simd");
    Model m = TestModels.random(kind, Activation.TANH, IN, H, V, 0.4f, 61);
    float[] x = TestModels.inputs(T, IN, 62);
    int[] targets = TestModels.targets(T, V, 63);

    Bptt a = new Bptt(m, scalar, T);
    Bptt b = new Bptt(m, simd, T);
    double la = a.run(x, 0, T, targets, LossMode.ALL_STEPS);
    double lb = b.run(x, 0, T, targets, LossMode.ALL_STEPS);

    assertAgree(kind + " loss", new float[] {(float) la}, new float[] {(float) lb});
    assertAgree(kind + " dL/dstate", a.stateGrad(), b.stateGrad());
    for (Tensor t : a.grads().tensors()) {
      assertAgree(kind + " grad " + t.name(), t.data(), b.grads().tensor(t.name()).data());
    }
  }

  private static void assertAgree(String what, float[] scalar, float[] simd) {
    double scale = 0;
    for (float v : scalar) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tol = 1e-4 * scale + 1e-12;
    for (int i = 0; i < scalar.length; i++) {
      int ii = i;
      assertTrue(Math.abs(scalar[i] - simd[i]) <= tol,
          () -> what + "[" + ii + "]: scalar " + scalar[ii] + " vs simd " + simd[ii]
              + " (tolerance " + tol + ")");
    }
  }
}
