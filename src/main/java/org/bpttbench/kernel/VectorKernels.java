package org.bpttbench.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API backend ({@code jdk.incubator.vector}, float lanes).
 *
 * <p>The species is {@link FloatVector#SPECIES_PREFERRED} unless the system property
 * {@value #BITS_PROPERTY} ({@code 128|256|512}, at most the preferred size) forces a narrower one.
 * Every loop has a vector body and a scalar tail (no masks), so any size works. Nothing is
 * allocated: vectors live only inside one method and are scalar-replaced by C2.
 *
 * <p>Results differ from {@link ScalarKernels} by rounding only: sums are reordered (several
 * accumulators, lane-wise partial sums) and use fused multiply-add. {@link #tanh} and
 * {@link #sigmoid} use the Vector API's TANH and EXP, with the error bounds stated on each.
 *
 * <p>Loaded reflectively by {@link KernelProvider}; the constructor throws
 * {@link UnsupportedOperationException} when the species cannot be used.
 */
public final class VectorKernels implements Kernels {

  /** System property forcing the vector size in bits ({@code 128|256|512}). */
  public static final String BITS_PROPERTY = "bptt.vectorBits";

  private static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
  /** The forced size, 0 when the property is absent, -1 when it is unusable. */
  private static final int FORCED_BITS = forcedBits();
  private static final VectorSpecies<Float> S = FORCED_BITS > 0
      ? VectorShape.forBitSize(FORCED_BITS).withLanes(float.class)
      : FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  public VectorKernels() {
    if (FORCED_BITS < 0) {
      throw new UnsupportedOperationException("system property " + BITS_PROPERTY + "='"
          + System.getProperty(BITS_PROPERTY) + "' must be 128, 256 or 512 and at most the "
          + "preferred vector size of this CPU (" + PREFERRED_BITS + " bits)");
    }
    if (L > 16) {
      throw new UnsupportedOperationException("vectors of " + S.vectorBitSize() + " bits are not"
          + " supported (at most 512); set " + BITS_PROPERTY + "=512");
    }
    if (S.vectorBitSize() < 128) {
      throw new UnsupportedOperationException("the preferred vector size is " + S.vectorBitSize()
          + " bits; the SIMD backend needs at least 128");
    }
  }

  private static int forcedBits() {
    String value = System.getProperty(BITS_PROPERTY);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int bits = Integer.parseInt(value.trim());
      boolean ok = (bits == 128 || bits == 256 || bits == 512) && bits <= PREFERRED_BITS;
      return ok ? bits : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String name() {
    return "simd";
  }

  static VectorSpecies<Float> species() {
    return S;
  }

  /** The vector size in use, in bits (for logs and benchmark reports). */
  public static int vectorBitSize() {
    return S.vectorBitSize();
  }

  // ---------------------------------------------------------------- matrix-vector, matrix-matrix

  @Override
  public void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                   float[] b, int bOff, float[] y, int yOff) {
    if (b == null) {
      dotForm(w, wOff, cols, rows, cols, x, xOff, 1f, 0f, y, yOff);
    } else {
      System.arraycopy(b, bOff, y, yOff, rows);
      dotForm(w, wOff, cols, rows, cols, x, xOff, 1f, 1f, y, yOff);
    }
  }

  @Override
  public void gemvAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                      float[] y, int yOff) {
    dotForm(w, wOff, cols, rows, cols, x, xOff, 1f, 1f, y, yOff);
  }

  @Override
  public void gemvT(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                    float[] y, int yOff) {
    Arrays.fill(y, yOff, yOff + cols, 0f);
    gemvTAcc(w, wOff, rows, cols, x, xOff, y, yOff);
  }

  /**
   * {@code y += Wᵀ·x}. Up to {@value #COLUMN_FORM_VECTORS} vectors of columns, the column form
   * ({@link #columnForm}): y in registers over all rows of W, no load and store of y per
   * row; each row's share is one or two runs of 8 vectors, so W is still read almost contiguously.
   * Wider, streaming W once, eight rows at a time: y (at most a few KiB) stays in L1 and each row
   * is read contiguously, where column blocks would stride through W once per block (JDK 25,
   * 512-bit, 2 forks × 8 iterations, ns: 616 against 712 at d = 128, level at 256, 84990 against
   * 56079 at 1024; 256-bit: 138 against 198 at d = 64, 799 against 880 at 128, level at 256).
   * Rows a multiple of {@value #SET_STRIDE} floats (4 KiB) apart map to the same L1 set (64 sets on
   * x86), and 8 rows + y need 9 lines of a set that holds 8 on AMD and older Intel. That cost shows
   * only with vectors narrower than a cache line, where two loads share each line and an evicted
   * line is fetched twice (KernelBench gemvT at 1024, AVX2 by -XX:UseAVX=2: 4 rows 1.06-1.5× faster
   * in 3 of 3 runs; mixed with 512-bit vectors), so only narrow vectors go four rows at a time.
   */
  @Override
  public void gemvTAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                       float[] y, int yOff) {
    if (cols <= COLUMN_FORM_VECTORS * L) {
      columnForm(rows, cols, x, xOff, w, wOff, y, yOff);
      return;
    }
    int r = 0;
    if (LINE_PER_VECTOR || cols % SET_STRIDE != 0) {
      for (; r + 8 <= rows; r += 8) {
        rows8T(w, wOff + r * cols, cols, x, xOff + r, y, yOff);
      }
    }
    for (; r + 4 <= rows; r += 4) {
      rows4T(w, wOff + r * cols, cols, x, xOff + r, y, yOff);
    }
    for (; r < rows; r++) {
      axpy(x[xOff + r], w, wOff + r * cols, y, yOff, cols);
    }
  }

  /** The widest W (in vectors) that {@link #gemvTAcc} multiplies column-block-wise. */
  private static final int COLUMN_FORM_VECTORS = 16;

  /** Floats per 4 KiB, the address stride that maps to the same L1 set on x86. */
  private static final int SET_STRIDE = 1024;
  /** Whether one vector covers a whole 64-byte cache line (512-bit vectors). */
  private static final boolean LINE_PER_VECTOR = L * Float.BYTES >= 64;

  /** {@code y += Σ_{i<4} x[xi+i]·(row i from w0)}: one FMA chain of four per vector of y. */
  private static void rows4T(float[] w, int w0, int cols, float[] x, int xi, float[] y, int yOff) {
    int w1 = w0 + cols;
    int w2 = w1 + cols;
    int w3 = w2 + cols;
    FloatVector b0 = FloatVector.broadcast(S, x[xi]);
    FloatVector b1 = FloatVector.broadcast(S, x[xi + 1]);
    FloatVector b2 = FloatVector.broadcast(S, x[xi + 2]);
    FloatVector b3 = FloatVector.broadcast(S, x[xi + 3]);
    int j = 0;
    for (int bound = S.loopBound(cols); j < bound; j += L) {
      FloatVector yv = FloatVector.fromArray(S, y, yOff + j);
      FloatVector s = FloatVector.fromArray(S, w, w0 + j).fma(b0, yv);
      s = FloatVector.fromArray(S, w, w1 + j).fma(b1, s);
      s = FloatVector.fromArray(S, w, w2 + j).fma(b2, s);
      FloatVector.fromArray(S, w, w3 + j).fma(b3, s).intoArray(y, yOff + j);
    }
    for (; j < cols; j++) {
      y[yOff + j] += w[w0 + j] * x[xi] + w[w1 + j] * x[xi + 1] + w[w2 + j] * x[xi + 2]
          + w[w3 + j] * x[xi + 3];
    }
  }

  /** {@code y += Σ_{i<8} x[xi+i]·(row i from w0)}: two FMA chains of four per vector of y. */
  private static void rows8T(float[] w, int w0, int cols, float[] x, int xi, float[] y, int yOff) {
    int w1 = w0 + cols;
    int w2 = w1 + cols;
    int w3 = w2 + cols;
    int w4 = w3 + cols;
    int w5 = w4 + cols;
    int w6 = w5 + cols;
    int w7 = w6 + cols;
    float x0 = x[xi];
    float x1 = x[xi + 1];
    float x2 = x[xi + 2];
    float x3 = x[xi + 3];
    float x4 = x[xi + 4];
    float x5 = x[xi + 5];
    float x6 = x[xi + 6];
    float x7 = x[xi + 7];
    FloatVector b0 = FloatVector.broadcast(S, x0);
    FloatVector b1 = FloatVector.broadcast(S, x1);
    FloatVector b2 = FloatVector.broadcast(S, x2);
    FloatVector b3 = FloatVector.broadcast(S, x3);
    FloatVector b4 = FloatVector.broadcast(S, x4);
    FloatVector b5 = FloatVector.broadcast(S, x5);
    FloatVector b6 = FloatVector.broadcast(S, x6);
    FloatVector b7 = FloatVector.broadcast(S, x7);
    int bound = S.loopBound(cols);
    int j = 0;
    for (; j < bound; j += L) {
      FloatVector yv = FloatVector.fromArray(S, y, yOff + j);
      FloatVector s = FloatVector.fromArray(S, w, w0 + j).fma(b0, yv);
      FloatVector t = FloatVector.fromArray(S, w, w1 + j).mul(b1);
      s = FloatVector.fromArray(S, w, w2 + j).fma(b2, s);
      t = FloatVector.fromArray(S, w, w3 + j).fma(b3, t);
      s = FloatVector.fromArray(S, w, w4 + j).fma(b4, s);
      t = FloatVector.fromArray(S, w, w5 + j).fma(b5, t);
      s = FloatVector.fromArray(S, w, w6 + j).fma(b6, s);
      t = FloatVector.fromArray(S, w, w7 + j).fma(b7, t);
      s.add(t).intoArray(y, yOff + j);
    }
    for (; j < cols; j++) {
      y[yOff + j] += w[w0 + j] * x0 + w[w1 + j] * x1 + w[w2 + j] * x2 + w[w3 + j] * x3
          + w[w4 + j] * x4 + w[w5 + j] * x5 + w[w6 + j] * x6 + w[w7 + j] * x7;
    }
  }

  @Override
  public void ger(float alpha, float[] u, int uOff, float[] v, int vOff,
                  float[] a, int aOff, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      axpy(alpha * u[uOff + r], v, vOff, a, aOff + r * cols, cols);
    }
  }

  /**
   * One row of A times Bᵀ (a cell's input projection for a single step) is a gemv on B's rows: the
   * packed GEMM would transpose all of B into panels for a single use (CellBench forwardStep, one
   * step at H = 128, was 2× scalar with it, against 8.5–13× before the packed GEMM).
   */
  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    if (m == 1 && !transA && transB && k > 0 && alpha != 0f) {
      dotForm(b, bOff, ldb, n, k, a, aOff, alpha, beta, c, cOff);
      return;
    }
    VectorGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  @Override
  public void gemmSharedA(boolean transA, int m, int k, float[] a, int aOff, int lda,
                          float[] b1, int b1Off, int ldb1, int n1, float[] c1, int c1Off,
                          float[] b2, int b2Off, int ldb2, int n2, float[] c2, int c2Off) {
    VectorGemm.gemmSharedA(transA, m, k, a, aOff, lda, b1, b1Off, ldb1, n1, c1, c1Off,
        b2, b2Off, ldb2, n2, c2, c2Off);
  }

  @Override
  public int packedSize(int k, int n) {
    return VectorGemm.packedSize(k, n);
  }

  @Override
  public void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed,
                    int pOff) {
    VectorGemm.packB(transB, k, n, b, bOff, ldb, packed, pOff);
  }

  @Override
  public void gemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff,
                         int lda, float[] packed, int pOff, float beta, float[] c, int cOff,
                         int ldc) {
    VectorGemm.gemmPacked(transA, m, n, k, alpha, a, aOff, lda, packed, pOff, beta, c, cOff, ldc);
  }

  /**
   * Dot form: {@code out[r] = alpha·(row r of A)·x + beta·out[r]} for {@code rows} rows of length
   * k, stride lda: blocks of L rows, then the fewer than L rows left one at a time. Four rows per
   * pass share each load of x. (Eight rows per pass measured level on JDK 25 and boxed its
   * accumulators on JDK 17: 2.3 KB/op, 2× slower.)
   */
  private static void dotForm(float[] a, int aOff, int lda, int rows, int k, float[] x, int xOff,
                              float alpha, float beta, float[] out, int outOff) {
    int r = k >= L ? rows - rows % L : 0;
    dotRowBlocks(a, aOff, lda, r, k, x, xOff, alpha, beta, out, outOff);
    for (; r < rows; r++) {
      put(out, outOff + r, dotProduct(a, aOff + r * lda, x, xOff, k), alpha, beta);
    }
  }

  /** Lane i holds i mod (L/4): the pass of a row block that lane's output comes from. */
  private static final FloatVector LANE_PASS = FloatVector.fromArray(S, lanePasses(), 0);

  /**
   * From {@link #sum4}'s lane groups (rows 0, 2, 1, 3 of a pass) and the pass in the lane within
   * its group to row order: row 4q + j of a block sits in lane G(j)·L/4 + q, G = (0, 2, 1, 3).
   */
  private static final VectorShuffle<Float> ROW_ORDER = VectorShuffle.fromOp(S,
      row -> ((row & 1) << 1 | (row & 2) >> 1) * (L / 4) + row / 4);

  private static float[] lanePasses() {
    float[] p = new float[L];
    for (int i = 0; i < L; i++) {
      p[i] = i % (L / 4);
    }
    return p;
  }

  /**
   * Two accumulators per row (8 FMA chains) with vectors narrower than 512 bits, one (4 chains)
   * with 512-bit vectors. Measured in one JMH run each (JDK 17, medians, ns per gemv): 512-bit
   * (3 forks × 8 iterations), d = 128: 887 with one against 1016 with two (netlib 994); d = 256:
   * 3058 against 3372 (netlib 3454). 256-bit (-XX:UseAVX=2, 2 forks × 8): one 1162 against two
   * 1018 at d = 128, because C2 unrolls the one-accumulator loop four times and spills the loaded rows of
   * W out of AVX2's 16 ymm registers (seen with -prof perfasm).
   */
  private static final boolean TWO_ACCUMULATORS = L < 16;

  /**
   * Rows {@code 0 … rows-1} (a multiple of L) in blocks of L outputs: L/4 passes of four
   * consecutive rows, each pass folded by {@link #sum4} into one lane group per row and blended
   * into one vector of the block's L sums, which is put in row order by one rearrange and stored
   * at once. All in one method, so the fold's shuffles and masks are loaded once per call: with a
   * call per four rows (the former dotRows4) C2 rebuilt them each time and extracted four scalars,
   * which cost as much as the FMAs at d = 128 (perfasm); blocks measured 1071 against 1161 ns
   * there (512-bit, JDK 17, 3 forks).
   */
  private static void dotRowBlocks(float[] a, int aOff, int lda, int rows, int k, float[] x,
                                   int xOff, float alpha, float beta, float[] out, int outOff) {
    int g = L / 4;
    int kv = S.loopBound(k);
    for (int r = 0; r < rows; r += L) {
      FloatVector block = FloatVector.zero(S);
      for (int q = 0; q < g; q++) {
        int a0 = aOff + (r + 4 * q) * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector t0 = s0;
        FloatVector t1 = s0;
        FloatVector t2 = s0;
        FloatVector t3 = s0;
        int p = 0;
        if (TWO_ACCUMULATORS) {
          for (int bound2 = k - 2 * L; p <= bound2; p += 2 * L) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + p);
            FloatVector xw = FloatVector.fromArray(S, x, xOff + p + L);
            s0 = FloatVector.fromArray(S, a, a0 + p).fma(xv, s0);
            s1 = FloatVector.fromArray(S, a, a1 + p).fma(xv, s1);
            s2 = FloatVector.fromArray(S, a, a2 + p).fma(xv, s2);
            s3 = FloatVector.fromArray(S, a, a3 + p).fma(xv, s3);
            t0 = FloatVector.fromArray(S, a, a0 + p + L).fma(xw, t0);
            t1 = FloatVector.fromArray(S, a, a1 + p + L).fma(xw, t1);
            t2 = FloatVector.fromArray(S, a, a2 + p + L).fma(xw, t2);
            t3 = FloatVector.fromArray(S, a, a3 + p + L).fma(xw, t3);
          }
        }
        for (; p < kv; p += L) {
          FloatVector xv = FloatVector.fromArray(S, x, xOff + p);
          s0 = FloatVector.fromArray(S, a, a0 + p).fma(xv, s0);
          s1 = FloatVector.fromArray(S, a, a1 + p).fma(xv, s1);
          s2 = FloatVector.fromArray(S, a, a2 + p).fma(xv, s2);
          s3 = FloatVector.fromArray(S, a, a3 + p).fma(xv, s3);
        }
        FloatVector sums = sum4(s0.add(t0), s1.add(t1), s2.add(t2), s3.add(t3));
        block = block.blend(sums, LANE_PASS.compare(VectorOperators.EQ, (float) q));
      }
      int o = outOff + r;
      FloatVector v = block.rearrange(ROW_ORDER).mul(alpha);
      if (beta != 0f) {
        v = v.add(FloatVector.fromArray(S, out, o).mul(beta));
      }
      v.intoArray(out, o);
      if (kv < k) {
        for (int i = 0; i < L; i++) {
          out[o + i] += alpha * tailDot(a, aOff + (r + i) * lda, x, xOff, kv, k);
        }
      }
    }
  }

  /** {@code Σ_{p0 ≤ p < k} a[a0+p]·x[xOff+p]}: the columns left after the vectors. */
  private static float tailDot(float[] a, int a0, float[] x, int xOff, int p0, int k) {
    float s = 0f;
    for (int p = p0; p < k; p++) {
      s += a[a0 + p] * x[xOff + p];
    }
    return s;
  }

  // Four reductions at once. reduceLanes(ADD) is an ordered chain of L − 1 scalar adds on x86;
  // folding the four accumulators into one vector takes log2(L) permute+add steps instead.
  private static final VectorShuffle<Float> SWAP_HALF = swapLanes(L / 2);
  private static final VectorShuffle<Float> SWAP_QUARTER = swapLanes(L / 4);
  private static final VectorShuffle<Float> SWAP_EIGHTH = L >= 8 ? swapLanes(L / 8) : null;
  private static final VectorShuffle<Float> SWAP_SIXTEENTH = L >= 16 ? swapLanes(L / 16) : null;
  private static final VectorMask<Float> UPPER_HALF = lanesWithBit(L / 2);
  private static final VectorMask<Float> UPPER_QUARTER = lanesWithBit(L / 4);

  private static VectorShuffle<Float> swapLanes(int distance) {
    return VectorShuffle.fromOp(S, i -> i ^ distance);
  }

  private static VectorMask<Float> lanesWithBit(int bit) {
    boolean[] set = new boolean[L];
    for (int i = 0; i < L; i++) {
      set[i] = (i & bit) != 0;
    }
    return VectorMask.fromArray(S, set, 0);
  }

  /**
   * The lane sums of a, b, c, d at lanes 0, L/2, L/4 and L/2 + L/4 of the result. Each fold adds
   * lanes that are {@code distance} apart, keeping one input in the lanes without the bit and the
   * other in the lanes with it.
   */
  private static FloatVector sum4(FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
    FloatVector e = fold(fold(a, b, SWAP_HALF, UPPER_HALF), fold(c, d, SWAP_HALF, UPPER_HALF),
        SWAP_QUARTER, UPPER_QUARTER);
    if (L >= 8) {
      e = e.add(e.rearrange(SWAP_EIGHTH));
    }
    if (L >= 16) {
      e = e.add(e.rearrange(SWAP_SIXTEENTH));
    }
    return e;
  }

  private static FloatVector fold(FloatVector a, FloatVector b, VectorShuffle<Float> swap,
                                  VectorMask<Float> upper) {
    return a.blend(b, upper).add(b.blend(a, upper).rearrange(swap));
  }

  /**
   * Axpy form of {@code y += Wᵀ·x} for a W of at most {@value #COLUMN_FORM_VECTORS} vectors of
   * columns: blocks of 8, then 4 vectors of y accumulated in registers over all rows of W and
   * written once, then single vectors and scalars.
   */
  private static void columnForm(int rows, int cols, float[] x, int xOff, float[] w, int wOff,
                                 float[] y, int yOff) {
    int j = 0;
    for (; j + 8 * L <= cols; j += 8 * L) {
      block1x8(rows, 1f, x, xOff, 1, w, wOff + j, cols, y, yOff + j);
    }
    for (; j + 4 * L <= cols; j += 4 * L) {
      block1x4(rows, 1f, x, xOff, 1, w, wOff + j, cols, y, yOff + j);
    }
    rowTail(j, cols, rows, 1f, x, xOff, 1, w, wOff, cols, y, yOff);
  }

  /** Columns {@code j0 … n-1} of one row of C: single vectors, then scalars. */
  private static void rowTail(int j0, int n, int k, float alpha, float[] a, int ai, int sp,
                              float[] b, int bOff, int ldb, float[] c, int ci) {
    int j = j0;
    for (; j + L <= n; j += L) {
      FloatVector acc = FloatVector.zero(S);
      for (int p = 0; p < k; p++) {
        FloatVector ap = FloatVector.broadcast(S, a[ai + p * sp]);
        acc = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(ap, acc);
      }
      store(acc, alpha, c, ci + j);
    }
    for (; j < n; j++) {
      float s = 0f;
      for (int p = 0; p < k; p++) {
        s += a[ai + p * sp] * b[bOff + p * ldb + j];
      }
      c[ci + j] += alpha * s;
    }
  }

  /** 1 row × 8 vectors of C (gemvT): 8 independent FMA chains, each broadcast feeds 8 FMAs. */
  private static void block1x8(int k, float alpha, float[] a, int ai, int sp,
                               float[] b, int bj, int ldb, float[] c, int ci) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector c4 = c0;
    FloatVector c5 = c0;
    FloatVector c6 = c0;
    FloatVector c7 = c0;
    for (int p = 0; p < k; p++) {
      int bp = bj + p * ldb;
      FloatVector ap = FloatVector.broadcast(S, a[ai + p * sp]);
      c0 = FloatVector.fromArray(S, b, bp).fma(ap, c0);
      c1 = FloatVector.fromArray(S, b, bp + L).fma(ap, c1);
      c2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(ap, c2);
      c3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(ap, c3);
      c4 = FloatVector.fromArray(S, b, bp + 4 * L).fma(ap, c4);
      c5 = FloatVector.fromArray(S, b, bp + 5 * L).fma(ap, c5);
      c6 = FloatVector.fromArray(S, b, bp + 6 * L).fma(ap, c6);
      c7 = FloatVector.fromArray(S, b, bp + 7 * L).fma(ap, c7);
    }
    store(c0, alpha, c, ci);
    store(c1, alpha, c, ci + L);
    store(c2, alpha, c, ci + 2 * L);
    store(c3, alpha, c, ci + 3 * L);
    store(c4, alpha, c, ci + 4 * L);
    store(c5, alpha, c, ci + 5 * L);
    store(c6, alpha, c, ci + 6 * L);
    store(c7, alpha, c, ci + 7 * L);
  }

  /** 1 row × 4 vectors of C (gemvT and leftover rows): 4 independent FMA chains. */
  private static void block1x4(int k, float alpha, float[] a, int ai, int sp,
                               float[] b, int bj, int ldb, float[] c, int ci) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    for (int p = 0; p < k; p++) {
      int bp = bj + p * ldb;
      FloatVector ap = FloatVector.broadcast(S, a[ai + p * sp]);
      c0 = FloatVector.fromArray(S, b, bp).fma(ap, c0);
      c1 = FloatVector.fromArray(S, b, bp + L).fma(ap, c1);
      c2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(ap, c2);
      c3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(ap, c3);
    }
    store(c0, alpha, c, ci);
    store(c1, alpha, c, ci + L);
    store(c2, alpha, c, ci + 2 * L);
    store(c3, alpha, c, ci + 3 * L);
  }

  /** {@code c[i…] += alpha·acc}. */
  private static void store(FloatVector acc, float alpha, float[] c, int i) {
    FloatVector.fromArray(S, c, i).add(acc.mul(alpha)).intoArray(c, i);
  }

  private static void put(float[] c, int i, float s, float alpha, float beta) {
    c[i] = beta == 0f ? alpha * s : alpha * s + beta * c[i];
  }

  // ---------------------------------------------------------------- level 1

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return dotProduct(a, aOff, b, bOff, n);
  }

  private static float dotProduct(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = 0;
    for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
      s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
      s1 = FloatVector.fromArray(S, a, aOff + i + L)
          .fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
      s2 = FloatVector.fromArray(S, a, aOff + i + 2 * L)
          .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), s2);
      s3 = FloatVector.fromArray(S, a, aOff + i + 3 * L)
          .fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), s3);
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
      FloatVector.fromArray(S, x, xOff + i).fma(av, yv).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  @Override
  public void scale(float alpha, float[] x, int xOff, int n) {
    scaleRange(alpha, x, xOff, n);
  }

  static void scaleRange(float alpha, float[] x, int xOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
    }
    for (; i < n; i++) {
      x[xOff + i] *= alpha;
    }
  }

  @Override
  public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = a[aOff + i] + b[bOff + i];
    }
  }

  @Override
  public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  public void mulAcc(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector o = FloatVector.fromArray(S, out, outOff + i);
      FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), o)
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] += a[aOff + i] * b[bOff + i];
    }
  }

  // ---------------------------------------------------------------- activations

  /** Below -80 the sigmoid is under 1.9e-35; it is returned as 0 rather than as a subnormal. */
  private static final float SIGMOID_ZERO_BELOW = -80f;

  /**
   * {@code y = tanh(x)} with the Vector API's {@code lanewise(TANH)}: an SVML stub on x86 (JDK 17
   * and 25 alike), else the JDK's per-lane {@code Math.tanh}. It was faster than this class's
   * former polynomial kernel on both JDKs (TranscendentalBench, h = 1024: 542 vs 725 ns on 17,
   * 546 vs 667 ns on 25). Absolute error &le; 2e-7 against the exact tanh (measured max 3e-8 over
   * a dense sweep of [-20, 20]); NaN stays NaN, ±∞ gives ±1, the sign of zero is kept.
   */
  @Override
  public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = (float) Math.tanh(x[xOff + i]);
    }
  }

  /**
   * {@code y = 1/(1 + e^{-x})} with {@code lanewise(EXP)} (SVML on x86; 7× faster than the former
   * polynomial, which C2 boxed at some sizes). Absolute error &le; 2e-7 and relative error &le;
   * 3e-7 for x &ge; -80 (e^{-x} within 1 ulp, the add and the divide add ½ ulp each; measured max
   * over [-20, 20] ≈ 9e-8 abs); for x &lt; -80 the result is 0 (the true value is below 1.9e-35).
   * NaN stays NaN, -∞ gives 0, +∞ gives 1.
   */
  @Override
  public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
      FloatVector e = xv.neg().lanewise(VectorOperators.EXP);
      FloatVector r = FloatVector.broadcast(S, 1f).div(e.add(1f));
      r.blend(0f, xv.compare(VectorOperators.LT, SIGMOID_ZERO_BELOW)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
    }
  }

  @Override
  public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
      zero.blend(xv, positive(xv)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      float v = x[xOff + i];
      y[yOff + i] = v > 0f ? v : 0f;
    }
  }

  /** Lanes with v &gt; 0 (false for NaN and -0), exactly the scalar {@code v > 0f}. */
  private static VectorMask<Float> positive(FloatVector v) {
    return v.compare(VectorOperators.GT, 0f);
  }

  @Override
  public void tanhDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, y, yOff + i);
      v.mul(v).neg().add(1f).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = 1f - v * v;
    }
  }

  @Override
  public void sigmoidDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, y, yOff + i);
      v.mul(v.neg().add(1f)).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = v * (1f - v);
    }
  }

  @Override
  public void reluDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      zero.blend(one, positive(FloatVector.fromArray(S, y, yOff + i))).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = y[yOff + i] > 0f ? 1f : 0f;
    }
  }

  @Override
  public void tanhBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff,
                           int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, y, yOff + i);
      FloatVector.fromArray(S, g, gOff + i).mul(v.mul(v).neg().add(1f)).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = g[gOff + i] * (1f - v * v);
    }
  }

  @Override
  public void sigmoidBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff,
                              int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, y, yOff + i);
      FloatVector.fromArray(S, g, gOff + i).mul(v.mul(v.neg().add(1f)))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = g[gOff + i] * (v * (1f - v));
    }
  }

  @Override
  public void reluBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff,
                           int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, gOff + i);
      zero.blend(gv, positive(FloatVector.fromArray(S, y, yOff + i))).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = y[yOff + i] > 0f ? g[gOff + i] : 0f;
    }
  }

  // ---------------------------------------------------------------- norms

  /** Squares are summed in float over blocks of this many elements, then the blocks in double. */
  private static final int NORM_BLOCK = 16 * 4 * L;

  /**
   * Scales by the exact power of two 2^-e that brings maxAbs into [0.5, 1), so squares can neither
   * overflow nor (except for entries &lt; 2^-63·maxAbs, whose squares are negligible) underflow.
   * Each block of 64·L squares is summed in float by 4·L lane accumulators (16 terms each), 2
   * levels combining the accumulators and a lane reduction (order unspecified: at worst L − 1
   * sequential adds), then the blocks are added in double: relative error of the sum of squares
   * &le; (18 + L)·2^-24 (≈ 2e-6 at 512 bits), about half that for the norm.
   */
  @Override
  public double norm2(float[] x, int xOff, int n) {
    float max = maxAbs(x, xOff, n);
    if (max != max || max == Float.POSITIVE_INFINITY || max == 0f) {
      return max;
    }
    int e = Math.getExponent(max) + 1;
    float scale = Math.scalb(1f, -e);
    double sum = 0.0;
    for (int i = 0; i < n; i += NORM_BLOCK) {
      sum += sumSquares(x, xOff + i, Math.min(NORM_BLOCK, n - i), scale);
    }
    return Math.scalb(Math.sqrt(sum), e);
  }

  private static float sumSquares(float[] x, int xOff, int n, float scale) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = 0;
    for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
      FloatVector v0 = FloatVector.fromArray(S, x, xOff + i).mul(scale);
      FloatVector v1 = FloatVector.fromArray(S, x, xOff + i + L).mul(scale);
      FloatVector v2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).mul(scale);
      FloatVector v3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).mul(scale);
      s0 = v0.fma(v0, s0);
      s1 = v1.fma(v1, s1);
      s2 = v2.fma(v2, s2);
      s3 = v3.fma(v3, s3);
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i).mul(scale);
      s0 = v.fma(v, s0);
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float v = x[xOff + i] * scale;
      s += v * v;
    }
    return s;
  }

  @Override
  public float maxAbs(float[] x, int xOff, int n) {
    FloatVector m0 = FloatVector.zero(S);
    FloatVector m1 = m0;
    int i = 0;
    for (int bound2 = n - 2 * L; i <= bound2; i += 2 * L) {
      m0 = m0.max(FloatVector.fromArray(S, x, xOff + i).abs());
      m1 = m1.max(FloatVector.fromArray(S, x, xOff + i + L).abs());
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      m0 = m0.max(FloatVector.fromArray(S, x, xOff + i).abs());
    }
    // lanewise MAX follows Math.max, so a NaN lane stays NaN; test it rather than trust the reduction.
    FloatVector m = m0.max(m1);
    if (m.test(VectorOperators.IS_NAN).anyTrue()) {
      return Float.NaN;
    }
    float r = m.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) {
      float v = Math.abs(x[xOff + i]);
      if (v != v) {
        return v;
      }
      r = Math.max(r, v);
    }
    return r;
  }
}
