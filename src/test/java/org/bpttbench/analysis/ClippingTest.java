package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

class ClippingTest {

  @Test
  void clipsByTheExactPyTorchFormulaAndReturnsThePreClipTotal() {
    for (Kernels k : KernelProvider.available()) {
      float[] a = {3f, 4f};
      float[] b = {12f};
      double total = Clipping.clipGradNorm(k, List.of(a, b), 1.0, false);
      assertEquals(13.0, total, 1e-12);
      float coef = (float) (1.0 / (13.0 + 1e-6));
      assertArrayEquals(new float[] {3f * coef, 4f * coef}, a);
      assertArrayEquals(new float[] {12f * coef}, b);
      assertEquals(1.0, Clipping.totalNorm(k, List.of(a, b)), 1e-6);
    }
  }

  @Test
  void belowTheThresholdNothingChanges() {
    for (Kernels k : KernelProvider.available()) {
      float[] a = {3f, 4f};
      assertEquals(5.0, Clipping.clipGradNorm(k, List.of(a), 5.0 + 2e-6, false), 1e-12);
      assertArrayEquals(new float[] {3f, 4f}, a);
      // at exactly max_norm the 1e-6 makes clip_coef < 1: PyTorch scales by 5/(5+1e-6)
      float[] c = {3f, 4f};
      Clipping.clipGradNorm(k, List.of(c), 5.0, false);
      assertEquals(3f * (float) (5 / (5 + 1e-6)), c[0]);
      assertTrue(c[0] < 3f);
    }
  }

  @Test
  void zeroGradientsAndNoGradients() {
    for (Kernels k : KernelProvider.available()) {
      float[] z = new float[5];
      assertEquals(0.0, Clipping.clipGradNorm(k, List.of(z), 1.0, true));
      assertArrayEquals(new float[5], z);
      assertEquals(0.0, Clipping.clipGradNorm(k, List.of(), 1.0, true));
      assertEquals(0.0, Clipping.clipGradNorm(k, List.of(new float[0]), 1.0, true));
    }
  }

  @Test
  void noOverflowOrUnderflowInTheTotal() {
    for (Kernels k : KernelProvider.available()) {
      float[] big = new float[100];
      java.util.Arrays.fill(big, 1e30f);
      float[] big2 = {1e38f, 1e38f};
      double total = Clipping.totalNorm(k, List.of(big, big2));
      assertEquals(Math.sqrt(100 * 1e60 + 2 * 1e76), total, 1e-6 * total);
      float[] tiny = new float[100];
      java.util.Arrays.fill(tiny, 1e-30f);
      assertEquals(1e-29, Clipping.totalNorm(k, List.of(tiny)), 1e-35);
      float[] sub = {Float.MIN_VALUE, Float.MIN_VALUE};
      assertEquals(Math.sqrt(2) * Float.MIN_VALUE, Clipping.totalNorm(k, List.of(sub)), 1e-50);
      // clipping a huge gradient to 1 gives norm 1
      Clipping.clipGradNorm(k, List.of(big, big2), 1.0, false);
      assertEquals(1.0, Clipping.totalNorm(k, List.of(big, big2)), 1e-5);
    }
  }

  @Test
  void infiniteTotal() {
    for (Kernels k : KernelProvider.available()) {
      float[] a = {1f, Float.POSITIVE_INFINITY, -2f};
      float[] b = {5f};
      double total = Clipping.clipGradNorm(k, List.of(a, b), 1.0, false);
      assertEquals(Double.POSITIVE_INFINITY, total);
      // clip_coef = 1/(inf + 1e-6) = 0: finite entries become (signed) 0, inf·0 = NaN
      assertEquals(0f, a[0]);
      assertTrue(Float.isNaN(a[1]));
      assertEquals(-0f, a[2]);
      assertEquals(0f, b[0]);
    }
  }

  @Test
  void nanTotalPropagatesLikePyTorchsClamp() {
    for (Kernels k : KernelProvider.available()) {
      float[] a = {1f, Float.NaN};
      float[] b = {5f};
      assertTrue(Double.isNaN(Clipping.clipGradNorm(k, List.of(a, b), 1.0, false)));
      assertTrue(Float.isNaN(a[0]) && Float.isNaN(b[0]));
    }
  }

  @Test
  void errorIfNonfiniteThrowsPyTorchsMessageAndLeavesGradientsAlone() {
    for (Kernels k : KernelProvider.available()) {
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
        float[] a = {1f, bad};
        Clipping.NonFiniteNormException e = assertThrows(Clipping.NonFiniteNormException.class,
            () -> Clipping.clipGradNorm(k, List.of(a), 1.0, true));
        assertTrue(e.getMessage().startsWith("The total norm of order 2.0 for gradients from"
            + " `parameters` is non-finite, so it cannot be clipped."), e.getMessage());
        assertEquals(1f, a[0]);
      }
    }
  }

  @Test
  void clipByValueClampsAndKeepsNaN() {
    float[] a = {-3f, -0.5f, 0f, 0.5f, 3f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN};
    Clipping.clipByValue(List.of(a), 1f);
    assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1f, -1f, Float.NaN}, a);
    assertThrows(IllegalArgumentException.class, () -> Clipping.clipByValue(List.of(a), -1f));
  }
}
