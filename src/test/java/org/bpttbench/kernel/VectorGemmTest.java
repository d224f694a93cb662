package org.bpttbench.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    // m up to 5·MR: A's panels packed two at a time (rows in pairs, 512 bits) and the odd panel
    // and odd last row beside them; k = 33 crosses two of packRows' blocks of 16 rows; k = 16
    // ends an untransposed A's register blocks at the panel's last row (no spill past it)
    int mr = VectorGemm.MR;
    for (int m : around(1, mr, 2 * mr, 3 * mr, 5 * mr)) {
      for (int n : around(1, VectorGemm.NR, 2 * VectorGemm.NR)) {
        for (int k : new int[] {1, 2, 16, 17, 33}) {
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

  /**
   * One row of A (a batch-1 step on the packed W_hhᵀ) runs its own loop: four panels at a time,
   * then single and partial panels, over all of k; beta 0 must not read C (NaN there).
   */
  @ParameterizedTest(name = "transA={0} transB={1}")
  @MethodSource("transposes")
  void oneRowOnPackedPanels(boolean transA, boolean transB) {
    Random rnd = new Random(14);
    int nr = VectorGemm.NR;
    int l = nr / 2;
    for (int n : around(1, nr, 2 * nr, 4 * nr, 5 * nr, 8 * nr + nr / 2)) {
      for (int k : around(1, l, 3 * l, VectorGemm.KC + 1)) {
        checkPacked(rnd, SIMD, transA, transB, 1, n, k, 0.5f, 1f);
        checkPacked(rnd, SIMD, transA, transB, 1, n, k, -2f, 0f);
        checkPacked(rnd, SIMD, transA, transB, 1, n, k, 1f, 0.5f);
      }
    }
  }

  /**
   * gemmSharedA packs each block of op(A) once for two B's: it must equal, bit for bit, the two
   * products it stands for (same panels, same K blocks), across tile and K-block edges, strided B
   * and offsets, and past NC (two products); C beyond its rows untouched, old C (NaN) not read.
   */
  @ParameterizedTest(name = "transA={0}")
  @ValueSource(booleans = {false, true})
  void sharedAEqualsTwoProducts(boolean transA) {
    Random rnd = new Random(16);
    int nr = VectorGemm.NR;
    int[][] shapes = {{1, 1, 1, 1}, {VectorGemm.MR + 1, nr, nr - 1, 17},
        {2 * VectorGemm.MR, nr + 1, 2 * nr, VectorGemm.KC + 1}, {512, 128, 128, 2 * VectorGemm.KC},
        {VectorGemm.MC + 3, 5, 7, 33}, {9, VectorGemm.NC - nr, nr + 1, 20}, {4, 6, 3, 0}};
    for (int[] s : shapes) {
      int m = s[0];
      int n1 = s[1];
      int n2 = s[2];
      int k = s[3];
      int lda = (transA ? m : k) + 2;
      float[] a = VectorKernelsTest.random(rnd, 1, 1 + Math.max(1, (transA ? k : m) * lda));
      int ldb1 = n1 + 3;
      int ldb2 = 2 * n2 + 1; // the states' rows hold h and c: B2's rows are wider than n2
      float[] b1 = VectorKernelsTest.random(rnd, 2, 2 + Math.max(1, k * ldb1));
      float[] b2 = VectorKernelsTest.random(rnd, 3, 3 + Math.max(1, k * ldb2));
      float[] c1 = new float[m * n1 + 1];
      float[] c2 = new float[m * n2 + 4];
      Arrays.fill(c1, Float.NaN);
      Arrays.fill(c2, Float.NaN);
      c1[m * n1] = 7f;
      float[] e1 = c1.clone();
      float[] e2 = c2.clone();
      SIMD.gemmSharedA(transA, m, k, a, 1, lda, b1, 2, ldb1, n1, c1, 0, b2, 3, ldb2, n2, c2, 4);
      SIMD.gemm(transA, false, m, n1, k, 1f, a, 1, lda, b1, 2, ldb1, 0f, e1, 0, n1);
      SIMD.gemm(transA, false, m, n2, k, 1f, a, 1, lda, b2, 3, ldb2, 0f, e2, 4, n2);
      String shape = m + "x(" + n1 + "+" + n2 + ")x" + k + " transA=" + transA;
      assertArrayEquals(e1, c1, "gemmSharedA C1 " + shape);
      assertArrayEquals(e2, c2, "gemmSharedA C2 " + shape);
      assertEquals(7f, c1[m * n1], "gemmSharedA wrote past C1");
      float[] r1 = new float[m * n1];
      ScalarKernels.INSTANCE.gemm(transA, false, m, n1, k, 1f, a, 1, lda, b1, 2, ldb1, 0f, r1, 0,
          n1);
      for (int i = 0; i < r1.length; i++) {
        assertTrue(Math.abs((double) r1[i] - c1[i]) <= VectorKernelsTest.bound(k, k),
            "gemmSharedA against the triple loop " + shape);
      }
    }
  }

  /**
   * The transposed operand is packed in L×L register blocks where whole blocks fit and element by
   * element around them: the panels must equal, bit for bit, those packed from the same matrix
   * laid out untransposed (rows and columns around every multiple of L, a strided source).
   */
  @Test
  void transposedPackingEqualsUntransposed() {
    Random rnd = new Random(15);
    int l = VectorGemm.NR / 2;
    for (int n : around(1, l, 2 * l, 3 * l)) {
      for (int k : around(1, l, 2 * l, 5 * l)) {
        int ld = k + 3;
        float[] bt = VectorKernelsTest.random(rnd, 1, 2 + n * ld);
        float[] b = new float[k * n];
        for (int j = 0; j < n; j++) {
          for (int p = 0; p < k; p++) {
            b[p * n + j] = bt[2 + j * ld + p];
          }
        }
        float[] fromT = new float[SIMD.packedSize(k, n) + 1];
        float[] fromRows = new float[fromT.length];
        Arrays.fill(fromT, Float.NaN);
        Arrays.fill(fromRows, Float.NaN);
        SIMD.packB(true, k, n, bt, 2, ld, fromT, 1);
        SIMD.packB(false, k, n, b, 0, n, fromRows, 1);
        assertArrayEquals(fromRows, fromT,
            "packB of the transposed " + k + "x" + n);
      }
    }
  }

  /** gemmPacked on a packB of B equals gemm on B itself (to rounding), C's padding untouched. */
  static void checkPacked(Random rnd, Kernels kern, boolean transA, boolean transB, int m, int n,
                          int k) {
    checkPacked(rnd, kern, transA, transB, m, n, k, 0.5f, 1f);
  }

  /** The same with alpha and beta; beta 0 starts from a C of NaN, which must not show. */
  static void checkPacked(Random rnd, Kernels kern, boolean transA, boolean transB, int m, int n,
                          int k, float alpha, float beta) {
    int lda = (transA ? m : k) + 2;
    int ldb = (transB ? k : n) + 1;
    int ldc = n + 3;
    float[] a = VectorKernelsTest.random(rnd, 1, (transA ? k : m) * lda);
    float[] b = VectorKernelsTest.random(rnd, 2, (transB ? n : k) * ldb);
    float[] c0 = VectorKernelsTest.random(rnd, 0, m * ldc);
    if (beta == 0f) {
      for (int i = 0; i < m; i++) {
        Arrays.fill(c0, i * ldc, Math.min(i * ldc + n, c0.length), Float.NaN);
      }
    }
    float[] packed = new float[5 + kern.packedSize(k, n)];
    kern.packB(transB, k, n, b, 2, ldb, packed, 5);
    float[] e = c0.clone();
    float[] s = c0.clone();
    ScalarKernels.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, 1, lda, b, 2, ldb, beta, e, 0,
        ldc);
    kern.gemmPacked(transA, m, n, k, alpha, a, 1, lda, packed, 5, beta, s, 0, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc && i * ldc + j < c0.length; j++) {
        int ij = i * ldc + j;
        if (j >= n) {
          assertEquals(c0[ij], s[ij], 0f, "gemmPacked wrote into the padding of C");
        } else {
          double bound = VectorKernelsTest.bound(k, Math.abs(alpha) * k
              + (beta == 0f ? 0 : Math.abs(beta * c0[ij])));
          assertTrue(Math.abs((double) e[ij] - s[ij]) <= bound, () -> kern.name() + " gemmPacked "
              + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " differs");
        }
      }
    }
  }
}
