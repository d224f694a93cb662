package org.bpttbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed GEMM's blocking edges: sizes just below, at and above the micro-tile (MR rows, NR
 * columns) and the cache blocks (KC, MC, NC), every transposition, strided leading dimensions and
 * offsets, against the scalar triple loop. Surefire runs this class at 512, 256 and 128 bits
 * (where the CPU has them), so each width's tile and block sizes are covered.
 */
class VectorGemmTest {

  static final Kernels SIMD = KernelProvider.forName("simd");

  static int[] around(int... points) {
    return IntStream.of(points).flatMap(p -> IntStream.of(p - 1, p, p + 1))
        .filter(d -> d > 0).distinct().toArray();
  }

  static Stream<Arguments> transposes() {
    return VectorKernelsTest.transposes();
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @MethodSource("transposes")
  void tileAndPanelEdges(boolean transA, boolean transB) {
    Random rnd = new Random(11);
    for (int m : around(1, VectorGemm.MR, 2 * VectorGemm.MR)) {
      for (int n : around(1, VectorGemm.NR, 2 * VectorGemm.NR)) {
        for (int k : new int[] {1, 2, 17}) {
          VectorKernelsTest.checkGemm(rnd, transA, transB, m, n, k, 1f, 0f);
          VectorKernelsTest.checkGemm(rnd, transA, transB, m, n, k, -0.5f, 2f);
        }
      }
    }
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @MethodSource("transposes")
  void cacheBlockEdges(boolean transA, boolean transB) {
    Random rnd = new Random(12);
    for (int k : around(VectorGemm.KC, 2 * VectorGemm.KC)) {
      VectorKernelsTest.checkGemm(rnd, transA, transB, 7, VectorGemm.NR + 3, k, 1f, 1f);
    }
    for (int m : around(VectorGemm.MC)) {
      VectorKernelsTest.checkGemm(rnd, transA, transB, m, VectorGemm.NR - 1, 9, 0.25f, 0f);
    }
    for (int n : around(VectorGemm.NC)) {
      VectorKernelsTest.checkGemm(rnd, transA, transB, 3, n, VectorGemm.KC + 2, 1f, -1f);
    }
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @MethodSource("transposes")
  void packedMatchesUnpacked(boolean transA, boolean transB) {
    Random rnd = new Random(13);
    int[][] shapes = {{1, 1, 1}, {5, 2 * VectorGemm.NR + 1, VectorGemm.KC + 1},
        {VectorGemm.MR + 1, 3, 100}, {32, 512, 128}, {32, 128, 512}};
    for (int[] s : shapes) {
      for (Kernels k : new Kernels[] {SIMD, ScalarKernels.INSTANCE}) {
        checkPacked(rnd, k, transA, transB, s[0], s[1], s[2]);
      }
    }
  }

  /** gemmPacked on a packB of B equals gemm on B itself (to rounding), C's padding untouched. */
  static void checkPacked(Random rnd, Kernels kern, boolean transA, boolean transB, int m, int n,
                          int k) {
    int lda = (transA ? m : k) + 2;
    int ldb = (transB ? k : n) + 1;
    int ldc = n + 3;
    float[] a = VectorKernelsTest.random(rnd, 1, (transA ? k : m) * lda);
    float[] b = VectorKernelsTest.random(rnd, 2, (transB ? n : k) * ldb);
    float[] c0 = VectorKernelsTest.random(rnd, 0, m * ldc);
    float[] packed = new float[5 + kern.packedSize(k, n)];
    kern.packB(transB, k, n, b, 2, ldb, packed, 5);
    float[] e = c0.clone();
    float[] s = c0.clone();
    ScalarKernels.INSTANCE.gemm(transA, transB, m, n, k, 0.5f, a, 1, lda, b, 2, ldb, 1f, e, 0,
        ldc);
    kern.gemmPacked(transA, m, n, k, 0.5f, a, 1, lda, packed, 5, 1f, s, 0, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc && i * ldc + j < c0.length; j++) {
        int ij = i * ldc + j;
        if (j >= n) {
          assertEquals(c0[ij], s[ij], 0f, "gemmPacked wrote into the padding of C");
        } else {
          double bound = VectorKernelsTest.bound(k, 0.5 * k + Math.abs(c0[ij]));
          assertTrue(Math.abs((double) e[ij] - s[ij]) <= bound, () -> kern.name() + " gemmPacked "
              + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " differs");
        }
      }
    }
  }
}
