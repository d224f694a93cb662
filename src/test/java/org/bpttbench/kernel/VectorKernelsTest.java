package org.bpttbench.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD backend against {@link ScalarKernels}.
 *
 * <p>Tolerances. A float sum of n products computed in any order, with or without FMA, has
 * |error| &le; γ_n·Σ|a_i·b_i| with γ_n = n·u/(1 − n·u) ≈ n·u, u = 2^-24 (Higham, Accuracy and
 * Stability of Numerical Algorithms, §3.1). Scalar and SIMD each satisfy this, so they differ by at
 * most 2·γ_n·Σ|a_i·b_i|. Bias, alpha and beta add up to two more roundings: outputs are compared
 * with {@link #bound} = 2·(n + 2)·u·magnitude, the magnitude Σ|terms| computed in double per output.
 * Kernels whose SIMD arithmetic is the scalar arithmetic lane by lane (add, mul, derivatives,
 * relu…) must match bit for bit; FMA kernels (axpy, mulAcc, ger) are the n = 1 case.
 *
 * <p>Every array has a non-zero offset and guard cells after the range, which must stay untouched.
 */
class VectorKernelsTest {

  static final double U = 0x1p-24;
  static final Kernels SIMD = KernelProvider.forName("simd");
  static final Kernels REF = ScalarKernels.INSTANCE;
  static final int LANES = VectorKernels.vectorBitSize() / Float.SIZE;
  static final int GUARD = 3;

  /** 1 … 2·lanes+1 (every tail length twice), and common model widths incl. non-multiples. */
  static int[] sizes() {
    return IntStream.concat(IntStream.rangeClosed(1, 2 * LANES + 1),
        IntStream.of(64, 100, 128, 256, 1000, 1024)).distinct().toArray();
  }

  /** gemm is cubic; this list still covers below, at and above one and two vectors. */
  static int[] gemmDims() {
    return IntStream.of(1, 2, 3, LANES - 1, LANES, LANES + 1, 2 * LANES + 1, 4 * LANES + 3, 64, 100)
        .filter(d -> d > 0).distinct().toArray();
  }

  static double bound(int terms, double magnitude) {
    return 2.0 * (terms + 2) * U * magnitude;
  }

  // ---------------------------------------------------------------- helpers

  static float[] random(Random rnd, int off, int n) {
    float[] a = new float[off + n + GUARD];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextFloat() * 2f - 1f;
    }
    return a;
  }

  static void assertClose(float[] expected, float[] actual, double[] bounds, int off, String what) {
    for (int i = 0; i < bounds.length; i++) {
      double d = Math.abs((double) expected[off + i] - actual[off + i]);
      if (!(d <= bounds[i])) {
        throw new AssertionError(what + ": index " + i + " expected " + expected[off + i]
            + " got " + actual[off + i] + " (|Δ| = " + d + " > " + bounds[i] + ")");
      }
    }
    assertUntouchedOutside(expected, actual, off, bounds.length, what);
  }

  /** Cells outside [off, off+n) were initialised identically and must still be equal. */
  static void assertUntouchedOutside(float[] expected, float[] actual, int off, int n, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (i < off || i >= off + n) {
        assertEquals(expected[i], actual[i], 0f, what + ": wrote outside its range at " + i);
      }
    }
  }

  interface Unary {
    void apply(Kernels k, float[] x, int xOff, float[] y, int yOff, int n);
  }

  interface Binary {
    void apply(Kernels k, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);
  }

  static Stream<Arguments> exactUnary() {
    return Stream.of(
        Arguments.of("relu", (Unary) Kernels::relu),
        Arguments.of("tanhDerivative", (Unary) Kernels::tanhDerivative),
        Arguments.of("sigmoidDerivative", (Unary) Kernels::sigmoidDerivative),
        Arguments.of("reluDerivative", (Unary) Kernels::reluDerivative),
        Arguments.of("scale", (Unary) (k, x, xo, y, yo, n) -> {
          System.arraycopy(x, xo, y, yo, n);
          k.scale(-1.75f, y, yo, n);
        }));
  }

  static Stream<Arguments> exactBinary() {
    return Stream.of(
        Arguments.of("add", (Binary) Kernels::add),
        Arguments.of("mul", (Binary) Kernels::mul),
        Arguments.of("tanhBackward", (Binary) Kernels::tanhBackward),
        Arguments.of("sigmoidBackward", (Binary) Kernels::sigmoidBackward),
        Arguments.of("reluBackward", (Binary) Kernels::reluBackward));
  }

  static Stream<Arguments> exactUnaryBySize() {
    return exactUnary().flatMap(a -> IntStream.of(sizes()).mapToObj(
        n -> Arguments.of(a.get()[0], a.get()[1], n)));
  }

  static Stream<Arguments> exactBinaryBySize() {
    return exactBinary().flatMap(a -> IntStream.of(sizes()).mapToObj(
        n -> Arguments.of(a.get()[0], a.get()[1], n)));
  }

  // ---------------------------------------------------------------- element-wise

  @Test
  void forcedSpeciesIsUsed() {
    Integer forced = Integer.getInteger(VectorKernels.BITS_PROPERTY);
    if (forced != null) {
      assertEquals(forced.intValue(), VectorKernels.vectorBitSize());
    }
    assertTrue(VectorKernels.vectorBitSize() >= 128);
    assertEquals("simd", SIMD.name());
  }

  @ParameterizedTest(name = "{0} n={2}")
  @MethodSource("exactUnaryBySize")
  void unaryMatchesScalarExactly(String name, Unary op, int n) {
    Random rnd = new Random(n);
    float[] x = random(rnd, 5, n);
    x[5] = -0f;
    x[5 + n - 1] = Float.NaN;
    float[] expected = random(rnd, 2, n);
    float[] actual = expected.clone();
    op.apply(REF, x, 5, expected, 2, n);
    op.apply(SIMD, x, 5, actual, 2, n);
    assertArrayEquals(expected, actual, name);
    // in place (out aliases the input)
    float[] inPlace = x.clone();
    op.apply(SIMD, inPlace, 5, inPlace, 5, n);
    float[] expectedInPlace = x.clone();
    op.apply(REF, expectedInPlace, 5, expectedInPlace, 5, n);
    assertArrayEquals(expectedInPlace, inPlace, name + " in place");
  }

  @ParameterizedTest(name = "{0} n={2}")
  @MethodSource("exactBinaryBySize")
  void binaryMatchesScalarExactly(String name, Binary op, int n) {
    Random rnd = new Random(n);
    float[] a = random(rnd, 1, n);
    float[] b = random(rnd, 4, n);
    a[1] = -0f;
    b[4 + n - 1] = Float.NaN;
    float[] expected = random(rnd, 6, n);
    float[] actual = expected.clone();
    op.apply(REF, a, 1, b, 4, expected, 6, n);
    op.apply(SIMD, a, 1, b, 4, actual, 6, n);
    assertArrayEquals(expected, actual, name);
    float[] aliased = b.clone();
    op.apply(SIMD, a, 1, aliased, 4, aliased, 4, n);
    float[] expectedAliased = b.clone();
    op.apply(REF, a, 1, expectedAliased, 4, expectedAliased, 4, n);
    assertArrayEquals(expectedAliased, aliased, name + " out aliasing the second input");
  }

  @ParameterizedTest(name = "n={0}")
  @MethodSource("sizes")
  void fmaKernelsWithinOneTermBound(int n) {
    Random rnd = new Random(n);
    float alpha = 0.37f;
    float[] x = random(rnd, 3, n);
    float[] a = random(rnd, 2, n);
    float[] y = random(rnd, 5, n);
    double[] axpyBounds = new double[n];
    double[] mulAccBounds = new double[n];
    for (int i = 0; i < n; i++) {
      axpyBounds[i] = bound(1, Math.abs((double) alpha * x[3 + i]) + Math.abs(y[5 + i]));
      mulAccBounds[i] = bound(1, Math.abs((double) a[2 + i] * x[3 + i]) + Math.abs(y[5 + i]));
    }
    float[] expected = y.clone();
    float[] actual = y.clone();
    REF.axpy(alpha, x, 3, expected, 5, n);
    SIMD.axpy(alpha, x, 3, actual, 5, n);
    assertClose(expected, actual, axpyBounds, 5, "axpy");
    expected = y.clone();
    actual = y.clone();
    REF.mulAcc(a, 2, x, 3, expected, 5, n);
    SIMD.mulAcc(a, 2, x, 3, actual, 5, n);
    assertClose(expected, actual, mulAccBounds, 5, "mulAcc");
  }

  @ParameterizedTest(name = "n={0}")
  @MethodSource("sizes")
  void dotWithinBound(int n) {
    Random rnd = new Random(n);
    float[] a = random(rnd, 3, n);
    float[] b = random(rnd, 7, n);
    double magnitude = 0;
    for (int i = 0; i < n; i++) {
      magnitude += Math.abs((double) a[3 + i] * b[7 + i]);
    }
    float expected = REF.dot(a, 3, b, 7, n);
    float actual = SIMD.dot(a, 3, b, 7, n);
    assertEquals(expected, actual, bound(n, magnitude), "dot n=" + n);
    assertEquals(0f, SIMD.dot(a, 3, b, 7, 0));
  }

  // ---------------------------------------------------------------- activations

  /** The bound stated on {@link VectorKernels#tanh} and {@link VectorKernels#sigmoid}. */
  static final double ACTIVATION_ABS_ERROR = 2e-7;

  @Test
  void tanhAndSigmoidWithinStatedBoundOnDenseSweep() {
    int n = 4_000_001;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = -20f + 40f * i / (n - 1);
    }
    float[] t = new float[n];
    float[] s = new float[n];
    SIMD.tanh(x, 0, t, 0, n);
    SIMD.sigmoid(x, 0, s, 0, n);
    for (int i = 0; i < n; i++) {
      double exactT = Math.tanh(x[i]);
      double exactS = 1.0 / (1.0 + Math.exp(-(double) x[i]));
      float xi = x[i];
      assertTrue(Math.abs(t[i] - exactT) <= ACTIVATION_ABS_ERROR, () -> "tanh at " + xi);
      assertTrue(Math.abs(s[i] - exactS) <= ACTIVATION_ABS_ERROR, () -> "sigmoid at " + xi);
      assertTrue(Math.abs(s[i] - exactS) <= 3e-7 * exactS, () -> "sigmoid relative at " + xi);
    }
  }

  @ParameterizedTest(name = "n={0}")
  @MethodSource("sizes")
  void tanhAndSigmoidMatchScalarAtEverySize(int n) {
    Random rnd = new Random(n);
    float[] x = random(rnd, 4, n);
    for (int i = 0; i < x.length; i++) {
      x[i] *= 12f;
    }
    double[] bounds = new double[n];
    // both sides within the bound of the exact value (the scalar one within ½ ulp ≤ 3e-8)
    java.util.Arrays.fill(bounds, ACTIVATION_ABS_ERROR + 3e-8);
    for (boolean sigmoid : new boolean[] {false, true}) {
      float[] expected = random(rnd, 2, n);
      float[] actual = expected.clone();
      float[] inPlace = x.clone();
      if (sigmoid) {
        REF.sigmoid(x, 4, expected, 2, n);
        SIMD.sigmoid(x, 4, actual, 2, n);
        SIMD.sigmoid(inPlace, 4, inPlace, 4, n);
      } else {
        REF.tanh(x, 4, expected, 2, n);
        SIMD.tanh(x, 4, actual, 2, n);
        SIMD.tanh(inPlace, 4, inPlace, 4, n);
      }
      String what = sigmoid ? "sigmoid" : "tanh";
      assertClose(expected, actual, bounds, 2, what);
      for (int i = 0; i < n; i++) {
        assertEquals(actual[2 + i], inPlace[4 + i], 0f, what + " in place");
      }
    }
  }

  @Test
  void activationSpecialValues() {
    float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e30f,
        -1e30f, Float.MIN_VALUE, -Float.MIN_VALUE, 0.625f, -0.625f, 9f, -9f, 100f, -100f, 88f};
    float[] x4 = new float[4 * x.length]; // long enough that every value goes through the vector body
    for (int r = 0; r < 4; r++) {
      System.arraycopy(x, 0, x4, r * x.length, x.length);
    }
    for (Kernels k : KernelProvider.available()) {
      float[] t = new float[x4.length];
      float[] s = new float[x4.length];
      k.tanh(x4, 0, t, 0, x4.length);
      k.sigmoid(x4, 0, s, 0, x4.length);
      for (int i = 0; i < x4.length; i++) {
        float v = x4[i];
        String what = k.name() + " at " + v;
        if (Float.isNaN(v)) {
          assertTrue(Float.isNaN(t[i]) && Float.isNaN(s[i]), what);
          continue;
        }
        assertEquals(Math.tanh(v), t[i], ACTIVATION_ABS_ERROR, "tanh " + what);
        assertEquals(1 / (1 + Math.exp(-(double) v)), s[i], ACTIVATION_ABS_ERROR, "sigmoid " + what);
        assertTrue(Math.abs(t[i]) <= 1f && s[i] >= 0f && s[i] <= 1f, "range " + what);
      }
      assertEquals(1f, t[1]);
      assertEquals(-1f, t[2]);
      assertEquals(1f, s[1]);
      assertEquals(0f, s[2]);
      assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(t[4]), "tanh keeps -0");
    }
  }

  /** The lesson's number: at z = 3 the tanh gate passes only 1 − tanh²(3) ≈ 0.00987 of the gradient. */
  @Test
  void tanhDerivativeAtThree() {
    double exact = 1 - Math.tanh(3) * Math.tanh(3); // 0.0098660371654...
    for (Kernels k : KernelProvider.available()) {
      float[] z = new float[40];
      java.util.Arrays.fill(z, 3f);
      float[] y = new float[z.length];
      float[] d = new float[z.length];
      k.tanh(z, 0, y, 0, z.length);
      k.tanhDerivative(y, 0, d, 0, z.length);
      for (float v : d) {
        // d(1 − y²) = 2y·dy with |dy| ≤ 2e-7, plus the roundings of y² and 1 − y²: ≤ 5e-7
        assertEquals(exact, v, 5e-7, k.name());
        assertEquals(0.00987, v, 5e-6, k.name());
      }
    }
  }

  // ---------------------------------------------------------------- norms

  @ParameterizedTest(name = "n={0}")
  @MethodSource("sizes")
  void norm2AndMaxAbsMatchScalar(int n) {
    Random rnd = new Random(n);
    float[] x = random(rnd, 3, n);
    double rel = (18 + LANES) * U; // VectorKernels.norm2's stated bound on the sum of squares
    assertEquals(REF.norm2(x, 3, n), SIMD.norm2(x, 3, n), rel * REF.norm2(x, 3, n), "norm2");
    assertEquals(REF.maxAbs(x, 3, n), SIMD.maxAbs(x, 3, n), 0f, "maxAbs");
    for (int pos = 0; pos < n; pos += Math.max(1, n / 7)) {
      float[] y = x.clone();
      y[3 + pos] = Float.NaN;
      assertTrue(Float.isNaN(SIMD.maxAbs(y, 3, n)), "maxAbs NaN at " + pos);
      assertTrue(Double.isNaN(SIMD.norm2(y, 3, n)), "norm2 NaN at " + pos);
      y[3 + pos] = Float.NEGATIVE_INFINITY;
      assertEquals(Float.POSITIVE_INFINITY, SIMD.maxAbs(y, 3, n), "maxAbs -Inf at " + pos);
      assertEquals(Double.POSITIVE_INFINITY, SIMD.norm2(y, 3, n), "norm2 -Inf at " + pos);
    }
    float[] big = x.clone();
    big[3] = Float.MAX_VALUE;
    assertEquals(REF.norm2(big, 3, n), SIMD.norm2(big, 3, n), rel * REF.norm2(big, 3, n), "MAX");
  }

  @Test
  void emptyNormsAreZero() {
    float[] x = {Float.NaN};
    assertEquals(0.0, SIMD.norm2(x, 1, 0));
    assertEquals(0f, SIMD.maxAbs(x, 1, 0));
    assertEquals(0.0, SIMD.norm2(new float[1000], 0, 1000));
  }

  // ---------------------------------------------------------------- matrix-vector

  static Stream<Arguments> matrixShapes() {
    int[] s = sizes();
    return IntStream.of(s).boxed().flatMap(r -> IntStream.of(s).mapToObj(c -> Arguments.of(r, c)));
  }

  /**
   * The blocking boundaries of the matrix-vector kernels for the species in use (the pom runs this
   * class at 512, 256 and 128 bits). Dot form: blocks of L rows, then single rows, so
   * rows = L ± 1, 2L + 3, 3L + 5 beside small counts; the main loop steps 2·L (or L), then
   * at most one single vector, then scalars, so k = 2L ± 1, 3L ± 1, 5L, 5L + 3. Transposed form:
   * up to 16 vectors of columns in register blocks of 8 and 4 vectors, then single vectors and
   * scalars (8L + 3, 16L ± 1); wider, 8 rows per pass, then 4, then 1, and 4 at a time when rows
   * are a multiple of 1024 floats apart and the vectors are narrower than 512 bits.
   */
  static Stream<Arguments> blockingShapes() {
    int l = LANES;
    int[] cols = IntStream.of(2 * l - 1, 2 * l, 2 * l + 1, 3 * l - 1, 3 * l, 3 * l + 1, 5 * l,
        5 * l + 3, 8 * l + 3, 16 * l - 1, 16 * l, 16 * l + 1, 1024, 1025, 2048).distinct().toArray();
    int[] rows = IntStream.of(4, 7, 8, 11, 12, 13, 19, l - 1, l, l + 1, 2 * l + 3, 3 * l + 5)
        .distinct().toArray();
    return IntStream.of(rows).boxed()
        .flatMap(r -> IntStream.of(cols).mapToObj(c -> Arguments.of(r, c)));
  }

  @ParameterizedTest(name = "{0}x{1}")
  @MethodSource({"matrixShapes", "blockingShapes"})
  void gemvFamilyWithinBound(int rows, int cols) {
    Random rnd = new Random(31L * rows + cols);
    int wOff = 2;
    float[] w = random(rnd, wOff, rows * cols);
    float[] xc = random(rnd, 3, cols); // x of W·x
    float[] xr = random(rnd, 1, rows); // x of Wᵀ·x
    float[] bias = random(rnd, 4, rows);

    double[] dotMag = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        dotMag[r] += Math.abs((double) w[wOff + r * cols + c] * xc[3 + c]);
      }
    }
    double[] axpyMag = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        axpyMag[c] += Math.abs((double) w[wOff + r * cols + c] * xr[1 + r]);
      }
    }

    float[] y0 = random(rnd, 5, Math.max(rows, cols));
    String shape = rows + "x" + cols;
    float[] e = y0.clone();
    float[] a = y0.clone();
    REF.gemv(w, wOff, rows, cols, xc, 3, null, 0, e, 5);
    SIMD.gemv(w, wOff, rows, cols, xc, 3, null, 0, a, 5);
    assertClose(e, a, bounds(cols, dotMag, null, 0), 5, "gemv " + shape);

    e = y0.clone();
    a = y0.clone();
    REF.gemv(w, wOff, rows, cols, xc, 3, bias, 4, e, 5);
    SIMD.gemv(w, wOff, rows, cols, xc, 3, bias, 4, a, 5);
    assertClose(e, a, bounds(cols, dotMag, bias, 4), 5, "gemv+bias " + shape);

    e = y0.clone();
    a = y0.clone();
    REF.gemvAcc(w, wOff, rows, cols, xc, 3, e, 5);
    SIMD.gemvAcc(w, wOff, rows, cols, xc, 3, a, 5);
    assertClose(e, a, bounds(cols, dotMag, y0, 5), 5, "gemvAcc " + shape);

    e = y0.clone();
    a = y0.clone();
    REF.gemvT(w, wOff, rows, cols, xr, 1, e, 5);
    SIMD.gemvT(w, wOff, rows, cols, xr, 1, a, 5);
    assertClose(e, a, bounds(rows, axpyMag, null, 0), 5, "gemvT " + shape);

    e = y0.clone();
    a = y0.clone();
    REF.gemvTAcc(w, wOff, rows, cols, xr, 1, e, 5);
    SIMD.gemvTAcc(w, wOff, rows, cols, xr, 1, a, 5);
    assertClose(e, a, bounds(rows, axpyMag, y0, 5), 5, "gemvTAcc " + shape);
  }

  /** Per-output bounds for n-term sums of the given magnitudes, plus |extra[off+i]| if any. */
  static double[] bounds(int n, double[] magnitude, float[] extra, int off) {
    double[] b = new double[magnitude.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = bound(n, magnitude[i] + (extra == null ? 0 : Math.abs(extra[off + i])));
    }
    return b;
  }

  @ParameterizedTest(name = "{0}x{1}")
  @MethodSource("matrixShapes")
  void gerWithinOneTermBound(int rows, int cols) {
    Random rnd = new Random(17L * rows + cols);
    float alpha = -0.8f;
    float[] u = random(rnd, 2, rows);
    float[] v = random(rnd, 3, cols);
    float[] a0 = random(rnd, 4, rows * cols);
    double[] b = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float au = alpha * u[2 + r];
        b[r * cols + c] = bound(1, Math.abs((double) au * v[3 + c]) + Math.abs(a0[4 + r * cols + c]));
      }
    }
    float[] e = a0.clone();
    float[] a = a0.clone();
    REF.ger(alpha, u, 2, v, 3, e, 4, rows, cols);
    SIMD.ger(alpha, u, 2, v, 3, a, 4, rows, cols);
    assertClose(e, a, b, 4, "ger " + rows + "x" + cols);
  }

  // ---------------------------------------------------------------- gemm

  static Stream<Arguments> transposes() {
    return Stream.of(Arguments.of(false, false), Arguments.of(false, true),
        Arguments.of(true, false), Arguments.of(true, true));
  }

  @ParameterizedTest(name = "transA={0} transB={1}")
  @MethodSource("transposes")
  void gemmWithinBound(boolean transA, boolean transB) {
    Random rnd = new Random(transA ? (transB ? 3 : 2) : (transB ? 1 : 0));
    int[] dims = gemmDims();
    for (int m : dims) {
      for (int n : dims) {
        for (int k : dims) {
          checkGemm(rnd, transA, transB, m, n, k, 1f, 0f);
          checkGemm(rnd, transA, transB, m, n, k, -0.75f, 1.5f);
        }
      }
    }
    checkGemm(rnd, transA, transB, 256, 256, 256, 1f, 1f);
    checkGemm(rnd, transA, transB, 100, 1000, 64, 0.5f, 0f);
    checkGemm(rnd, transA, transB, 1000, 64, 100, 1f, -1f);
  }

  /** C (m×n) with padded leading dimensions and offsets; beta = 0 runs on a NaN-filled C. */
  static void checkGemm(Random rnd, boolean transA, boolean transB, int m, int n, int k,
                        float alpha, float beta) {
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + 3;
    int ldb = bCols + 1;
    int ldc = n + 2;
    float[] a = random(rnd, 1, aRows * lda);
    float[] b = random(rnd, 2, bRows * ldb);
    float[] c0 = random(rnd, 3, m * ldc);
    if (beta == 0f) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c0, 3 + i * ldc, 3 + i * ldc + n, Float.NaN);
      }
    }
    float[] e = c0.clone();
    float[] s = c0.clone();
    REF.gemm(transA, transB, m, n, k, alpha, a, 1, lda, b, 2, ldb, beta, e, 3, ldc);
    SIMD.gemm(transA, transB, m, n, k, alpha, a, 1, lda, b, 2, ldb, beta, s, 3, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double mag = 0;
        for (int p = 0; p < k; p++) {
          float aip = transA ? a[1 + p * lda + i] : a[1 + i * lda + p];
          float bpj = transB ? b[2 + j * ldb + p] : b[2 + p * ldb + j];
          mag += Math.abs((double) aip * bpj);
        }
        int ij = 3 + i * ldc + j;
        mag = Math.abs(alpha) * mag + (beta == 0f ? 0 : Math.abs((double) beta * c0[ij]));
        double d = Math.abs((double) e[ij] - s[ij]);
        int ii = i;
        int jj = j;
        assertTrue(d <= bound(k, mag), () -> "gemm(" + transA + "," + transB + ") " + m + "x" + n
            + "x" + k + " alpha=" + alpha + " beta=" + beta + " at (" + ii + "," + jj + "): "
            + e[ij] + " vs " + s[ij]);
      }
      // padding between rows of C must be left alone
      for (int j = n; j < ldc && 3 + i * ldc + j < c0.length; j++) {
        int idx = 3 + i * ldc + j;
        assertEquals(c0[idx], s[idx], 0f, "gemm wrote into the padding of C");
      }
    }
  }
}
