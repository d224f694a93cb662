package org.bpttbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every available backend against Apache Commons Math in double precision, an oracle that shares
 * no code with either backend. One float sum of n products differs from the exact value by at most
 * γ_n·Σ|a_i·b_i| ≈ n·2^-24·Σ|a_i·b_i| (any order, with or without FMA); alpha, beta and the final
 * rounding add two more roundings, so outputs are checked against (n + 2)·2^-24·magnitude.
 */
class KernelOracleTest {

  static final double U = 0x1p-24;

  static Stream<Arguments> cases() {
    int[][] shapes = {{1, 1}, {3, 5}, {17, 33}, {64, 100}, {100, 64}, {256, 256}};
    return KernelProvider.available().stream().flatMap(k -> Stream.of(shapes)
        .map(s -> Arguments.of(k.name(), s[0], s[1])));
  }

  static float[] random(Random rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextFloat() * 2f - 1f;
    }
    return a;
  }

  /** The stored row-major rows×cols float matrix as a double matrix. */
  static RealMatrix matrix(float[] a, int rows, int cols) {
    double[][] d = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        d[r][c] = a[r * cols + c];
      }
    }
    return new Array2DRowRealMatrix(d, false);
  }

  static RealMatrix abs(RealMatrix m) {
    RealMatrix r = m.copy();
    r.walkInOptimizedOrder(new org.apache.commons.math3.linear.DefaultRealMatrixChangingVisitor() {
      @Override
      public double visit(int row, int column, double value) {
        return Math.abs(value);
      }
    });
    return r;
  }

  static void assertMatrix(RealMatrix exact, RealMatrix magnitude, int terms, float[] actual,
                           String what) {
    for (int r = 0; r < exact.getRowDimension(); r++) {
      for (int c = 0; c < exact.getColumnDimension(); c++) {
        double tol = (terms + 2) * U * magnitude.getEntry(r, c);
        double got = actual[r * exact.getColumnDimension() + c];
        assertEquals(exact.getEntry(r, c), got, tol, what + " at (" + r + "," + c + ")");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("cases")
  void gemvAndGemvT(String backend, int rows, int cols) {
    Kernels k = KernelProvider.forName(backend);
    Random rnd = new Random(rows * 7L + cols);
    float[] w = random(rnd, rows * cols);
    float[] x = random(rnd, cols);
    float[] xt = random(rnd, rows);
    RealMatrix wm = matrix(w, rows, cols);

    float[] y = new float[rows];
    k.gemv(w, 0, rows, cols, x, 0, null, 0, y, 0);
    RealMatrix xm = matrix(x, cols, 1);
    assertMatrix(wm.multiply(xm), abs(wm).multiply(abs(xm)), cols, y, backend + " gemv");

    float[] yt = new float[cols];
    k.gemvT(w, 0, rows, cols, xt, 0, yt, 0);
    RealMatrix xtm = matrix(xt, rows, 1);
    assertMatrix(wm.transpose().multiply(xtm), abs(wm).transpose().multiply(abs(xtm)), rows, yt,
        backend + " gemvT");
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("cases")
  void gemmAllTransposes(String backend, int m, int n) {
    Kernels k = KernelProvider.forName(backend);
    int kk = (m + n) / 2 + 1;
    Random rnd = new Random(m * 13L + n);
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        float alpha = 1.25f;
        float beta = -0.5f;
        float[] a = random(rnd, m * kk);
        float[] b = random(rnd, kk * n);
        float[] c = random(rnd, m * n);
        RealMatrix am = transA ? matrix(a, kk, m).transpose() : matrix(a, m, kk);
        RealMatrix bm = transB ? matrix(b, n, kk).transpose() : matrix(b, kk, n);
        RealMatrix cm = matrix(c, m, n);
        RealMatrix exact = am.multiply(bm).scalarMultiply(alpha).add(cm.scalarMultiply(beta));
        RealMatrix mag = abs(am).multiply(abs(bm)).scalarMultiply(Math.abs(alpha))
            .add(abs(cm).scalarMultiply(Math.abs(beta)));
        k.gemm(transA, transB, m, n, kk, alpha, a, 0, transA ? m : kk, b, 0, transB ? kk : n,
            beta, c, 0, n);
        assertMatrix(exact, mag, kk, c, backend + " gemm(" + transA + "," + transB + ")");
      }
    }
  }

  /** Squares of 1e-25 underflow and of 1e25 overflow in float: the norm must not. */
  @ParameterizedTest(name = "{0} x={1}")
  @MethodSource("tinyAndHuge")
  void norm2OfTinyAndHugeVectors(String backend, float value) {
    Kernels k = KernelProvider.forName(backend);
    float[] x = new float[1000];
    java.util.Arrays.fill(x, value);
    double expected = (double) value * Math.sqrt(1000);
    double got = k.norm2(x, 0, x.length);
    assertEquals(expected, got, 1e-6 * expected, backend);
  }

  static Stream<Arguments> tinyAndHuge() {
    return KernelProvider.available().stream()
        .flatMap(k -> Stream.of(Arguments.of(k.name(), 1e-25f), Arguments.of(k.name(), 1e25f)));
  }

  /** The build adds jdk.incubator.vector to every test JVM, so a silent scalar fallback is a bug. */
  @Test
  void simdIsAvailableWhenTheModuleIsPresent() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "tests must run with --add-modules jdk.incubator.vector");
    List<String> names = KernelProvider.available().stream().map(Kernels::name)
        .collect(Collectors.toList());
    assertTrue(names.contains("simd"), () -> names + ": " + KernelProvider.simdUnavailableReason());
    assertEquals(List.of("scalar", "simd"), names);
  }
}
