package org.bpttbench.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD backend's matrix product, laid out as BLIS and OpenBLAS lay theirs out: op(B) is packed
 * into micro-panels of {@link #NR} columns and op(A) into micro-panels of {@link #MR} rows, so the
 * micro-kernel reads both with unit stride whatever the transpositions (a transposed operand is
 * packed in L×L blocks transposed in registers, {@link VectorTranspose}, where a block's columns
 * fall in one panel, element by element elsewhere: vector gathers, tried here, are not compiled to
 * instructions on JDK 25 or with 256-bit vectors on JDK 17, and box every vector there); K is cut
 * into blocks of {@link #KC} so that a B micro-panel stays in L1 while the A micro-panels stream
 * from L2 ({@link #MC} rows of A, about 256 KB, per block). The micro-kernel keeps an MR×NR tile
 * of C (NR = two vectors) in 2·MR vector registers, with two loads of B and one broadcast of A per
 * row of the tile. Tiles at the right and bottom edges run the same micro-kernel on the zero-padded
 * panels and add the valid part of the tile, so there is no scalar cliff. With beta = 0 the tiles
 * store C rather than add to a cleared C (one pass over C instead of three).
 *
 * <p>Packing buffers live in a per-thread workspace allocated at the first call and reused: no
 * allocation per call. A B that is reused by many products (the recurrent weights, once per time
 * step) can be packed once with {@link #packB} and passed to {@link #gemmPacked}, where one row of
 * A (a batch-1 step) is a matrix-vector product in axpy form over the panels.
 */
final class VectorGemm {
  private VectorGemm() {}

  private static final VectorSpecies<Float> S = VectorKernels.species();
  private static final int L = S.length();
  /**
   * 512-bit vectors come with 32 registers (AVX-512): an 8×2-vector tile, 16 accumulators (8×3,
   * 24 accumulators, was slower at d = 128 … 512 in two alternating GemmBench runs on a busy
   * machine, 23 % at d = 128: its 48 columns leave edge tiles at every power of two). Below that, 16 registers (AVX2): the 6×2-vector tile, 12 accumulators,
   * 2 loads and 1 broadcast, 15 registers in all.
   */
  private static final boolean WIDE = L >= 16;
  /** Rows of a micro-tile. */
  static final int MR = WIDE ? 8 : 6;
  /** Columns of a micro-tile: two vectors. */
  static final int NR = 2 * L;
  /**
   * K block: a B micro-panel (KC×NR floats) is 32 KB with 512-bit vectors, 16 KB with 256. KC =
   * 256 was ahead of 128 at d = 64 … 512 in two alternating GemmBench runs (512-bit, JDK 17, a
   * busy machine: indicative only).
   */
  static final int KC = 256;
  /** Rows of A per block: MC×KC floats, 256 KB (a whole number of micro-panels). */
  static final int MC = 65536 / KC / MR * MR;
  /** Columns of B per block. */
  static final int NC = 4096 / NR * NR;

  /**
   * Where packed B starts in the workspace: on a cache line when the JVM aligns objects to 64 bytes
   * ({@link ArrayAlignment}), so the micro-kernel's vector loads of B never straddle two lines.
   */
  private static final int B_AT = ArrayAlignment.firstAlignedIndex();

  private static final class Workspace {
    final float[] packA = new float[MC * KC + L];
    final float[] packB = new float[KC * NC + ArrayAlignment.LINE_FLOATS];
    final float[] tile = new float[MR * NR];
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** Floats {@link #packB} writes for a k×n op(B): whole micro-panels of NR columns. */
  static int packedSize(int k, int n) {
    return Math.multiplyExact(k, panels(n, NR) * NR);
  }

  /**
   * Packs op(B) (k×n) as micro-panels of NR columns over all of k: panel q holds
   * {@code op(B)(p, q·NR + j)} at {@code pOff + q·k·NR + p·NR + j}, zero beyond column n.
   */
  static void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb,
                    float[] packed, int pOff) {
    packPanels(transB, k, n, b, bOff, ldb, packed, pOff, k, NR);
  }

  /** {@code C = alpha·op(A)·op(B) + beta·C}, op(B) packed here block by block. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    if (k == 0 || alpha == 0f) {
      scale(m, n, beta, c, cOff, ldc);
      return;
    }
    Workspace ws = WORKSPACE.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        int bAt = transB ? bOff + jc * ldb + pc : bOff + pc * ldb + jc;
        packPanels(transB, kc, nc, b, bAt, ldb, ws.packB, B_AT, kc, NR);
        int aAt = transA ? aOff + pc * lda : aOff + pc;
        block(ws, transA, m, nc, kc, alpha, a, aAt, lda, ws.packB, B_AT, kc,
            pc == 0 ? beta : 1f, c, cOff + jc, ldc);
      }
    }
  }

  /** {@code C = alpha·op(A)·B + beta·C} with B (k×n) packed by {@link #packB}. */
  static void gemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff,
                         int lda, float[] packed, int pOff, float beta, float[] c, int cOff,
                         int ldc) {
    if (k == 0 || alpha == 0f) {
      scale(m, n, beta, c, cOff, ldc);
      return;
    }
    Workspace ws = WORKSPACE.get();
    if (m == 1 && (!transA || lda == 1)) {
      rowTimesPacked(n, k, alpha, a, aOff, packed, pOff, beta, c, cOff, ws.tile);
      return;
    }
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      int aAt = transA ? aOff + pc * lda : aOff + pc;
      block(ws, transA, m, n, kc, alpha, a, aAt, lda, packed, pOff + pc * NR, k,
          pc == 0 ? beta : 1f, c, cOff, ldc);
    }
  }

  /**
   * One row (a matrix-vector product in axpy form): {@code c = alpha·x·B + beta·c}, x(p) =
   * {@code a[aOff + p]} (a unit stride: with a stride parameter C2 kept a multiply and a spilled
   * index in the loop), B packed over all k. A panel at a time, read front to back, with
   * four steps of p in flight (eight accumulators: FMA latency times two ports), so there is no
   * reduction across lanes (the dot form, {@code gemv} on the unpacked W, folds every row's lanes
   * at the end). Two panels with two steps in flight and four panels with one took the same time
   * (k = 128, n = 512: 2.8 µs each, 2 forks × 5 iterations, JDK 17, 512 bits), the rate at which
   * L2 delivers the 256 KB of panels when every load straddles two cache lines; with the panels on
   * lines ({@link ArrayAlignment}) 1.7 µs.
   */
  private static void rowTimesPacked(int n, int k, float alpha, float[] a, int aOff,
                                     float[] pb, int pOff, float beta, float[] c, int cOff,
                                     float[] tile) {
    int k4 = k - k % 4;
    for (int q = 0, o = pOff; q * NR < n; q++) {
      FloatVector c0 = FloatVector.zero(S);
      FloatVector c1 = c0;
      FloatVector c2 = c0;
      FloatVector c3 = c0;
      FloatVector c4 = c0;
      FloatVector c5 = c0;
      FloatVector c6 = c0;
      FloatVector c7 = c0;
      int p = 0;
      for (int x = aOff; p < k4; p += 4, x += 4, o += 4 * NR) {
        FloatVector x0 = FloatVector.broadcast(S, a[x]);
        FloatVector x1 = FloatVector.broadcast(S, a[x + 1]);
        FloatVector x2 = FloatVector.broadcast(S, a[x + 2]);
        FloatVector x3 = FloatVector.broadcast(S, a[x + 3]);
        c0 = FloatVector.fromArray(S, pb, o).fma(x0, c0);
        c1 = FloatVector.fromArray(S, pb, o + L).fma(x0, c1);
        c2 = FloatVector.fromArray(S, pb, o + NR).fma(x1, c2);
        c3 = FloatVector.fromArray(S, pb, o + NR + L).fma(x1, c3);
        c4 = FloatVector.fromArray(S, pb, o + 2 * NR).fma(x2, c4);
        c5 = FloatVector.fromArray(S, pb, o + 2 * NR + L).fma(x2, c5);
        c6 = FloatVector.fromArray(S, pb, o + 3 * NR).fma(x3, c6);
        c7 = FloatVector.fromArray(S, pb, o + 3 * NR + L).fma(x3, c7);
      }
      for (; p < k; p++, o += NR) {
        FloatVector x0 = FloatVector.broadcast(S, a[aOff + p]);
        c0 = FloatVector.fromArray(S, pb, o).fma(x0, c0);
        c1 = FloatVector.fromArray(S, pb, o + L).fma(x0, c1);
      }
      c0 = c0.add(c2).add(c4.add(c6));
      c1 = c1.add(c3).add(c5.add(c7));
      int ci = cOff + q * NR;
      if ((q + 1) * NR <= n) {
        put(c0, alpha, beta, c, ci);
        put(c1, alpha, beta, c, ci + L);
      } else {
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        for (int j = 0, cols = n - q * NR; j < cols; j++) {
          c[ci + j] = beta == 0f ? alpha * tile[j] : alpha * tile[j] + beta * c[ci + j];
        }
      }
    }
  }

  /** {@code c[i…i+L) = alpha·acc + beta·c[i…i+L)}; beta 0 does not read c. */
  private static void put(FloatVector acc, float alpha, float beta, float[] c, int i) {
    FloatVector v = alpha == 1f ? acc : acc.mul(alpha);
    if (beta != 0f) {
      FloatVector old = FloatVector.fromArray(S, c, i);
      v = v.add(beta == 1f ? old : old.mul(beta));
    }
    v.intoArray(c, i);
  }

  /**
   * {@code C1 = op(A)·B1} and {@code C2 = op(A)·B2} (beta 0, B1 and B2 not transposed) with each
   * block of op(A) packed once for both: the two weight gradients of a cell whose input- and
   * hidden-side pre-activation gradients are one array (packing that A, B·T rows of G·H floats
   * read from L3, was a fifth of {@code wgrad_b32}). Both B blocks share the workspace's B
   * buffer; wider pairs run as two products.
   */
  static void gemmSharedA(boolean transA, int m, int k, float[] a, int aOff, int lda,
                          float[] b1, int b1Off, int ldb1, int n1, float[] c1, int c1Off,
                          float[] b2, int b2Off, int ldb2, int n2, float[] c2, int c2Off) {
    int width1 = panels(n1, NR) * NR;
    if (k == 0 || width1 + panels(n2, NR) * NR > NC) {
      gemm(transA, false, m, n1, k, 1f, a, aOff, lda, b1, b1Off, ldb1, 0f, c1, c1Off, n1);
      gemm(transA, false, m, n2, k, 1f, a, aOff, lda, b2, b2Off, ldb2, 0f, c2, c2Off, n2);
      return;
    }
    Workspace ws = WORKSPACE.get();
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      int second = B_AT + width1 * kc;
      packPanels(false, kc, n1, b1, b1Off + pc * ldb1, ldb1, ws.packB, B_AT, kc, NR);
      packPanels(false, kc, n2, b2, b2Off + pc * ldb2, ldb2, ws.packB, second, kc, NR);
      int aAt = transA ? aOff + pc * lda : aOff + pc;
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        packA(ws, transA, mc, kc, 1f, a, transA ? aAt + ic : aAt + ic * lda, lda);
        tiles(ws, mc, n1, kc, ws.packB, B_AT, kc, c1, c1Off + ic * n1, n1, pc == 0);
        tiles(ws, mc, n2, kc, ws.packB, second, kc, c2, c2Off + ic * n2, n2, pc == 0);
      }
    }
  }

  /**
   * One K block: {@code C = alpha·op(A)[:, block]·B[block, :] + beta·C} (C scaled first), B given
   * as micro-panels at {@code bAt + q·panelK·NR} with a row stride of NR.
   */
  private static void block(Workspace ws, boolean transA, int m, int n, int kc, float alpha,
                            float[] a, int aAt, int lda, float[] pb, int bAt, int panelK,
                            float beta, float[] c, int cOff, int ldc) {
    boolean overwrite = beta == 0f; // the tiles write C without reading it: no pass to clear C
    if (!overwrite) {
      scale(m, n, beta, c, cOff, ldc);
    }
    for (int ic = 0; ic < m; ic += MC) {
      int mc = Math.min(MC, m - ic);
      packA(ws, transA, mc, kc, alpha, a, transA ? aAt + ic : aAt + ic * lda, lda);
      tiles(ws, mc, n, kc, pb, bAt, panelK, c, cOff + ic * ldc, ldc, overwrite);
    }
  }

  /** Rows {@code rowAt…} of op(A) (mc×kc) into the workspace's A panels, alpha applied. */
  private static void packA(Workspace ws, boolean transA, int mc, int kc, float alpha, float[] a,
                            int rowAt, int lda) {
    packPanels(!transA, kc, mc, a, rowAt, lda, ws.packA, 0, kc, MR);
    if (alpha != 1f) {
      VectorKernels.scaleRange(alpha, ws.packA, 0, (mc + MR - 1) / MR * MR * kc);
    }
  }

  /**
   * The packed A block (mc rows) times the B panels at {@code bAt} into C's mc×n rows from cOff,
   * stored ({@code overwrite}) or added.
   */
  private static void tiles(Workspace ws, int mc, int n, int kc, float[] pb, int bAt, int panelK,
                            float[] c, int cOff, int ldc, boolean overwrite) {
    for (int jr = 0; jr < n; jr += NR) {
      int bp = bAt + jr / NR * panelK * NR;
      int cols = Math.min(NR, n - jr);
      for (int ir = 0; ir < mc; ir += MR) {
        int rows = Math.min(MR, mc - ir);
        int ci = cOff + ir * ldc + jr;
        if (rows == MR && cols == NR) {
          if (overwrite) {
            tile(kc, ws.packA, ir * kc, pb, bp, c, ci, ldc);
          } else {
            tile(kc, ws.packA, ir * kc, pb, bp, ws.tile, 0, NR);
            addTile(ws.tile, c, ci, ldc);
          }
        } else {
          tile(kc, ws.packA, ir * kc, pb, bp, ws.tile, 0, NR);
          copyEdge(ws.tile, rows, cols, c, ci, ldc, overwrite);
        }
      }
    }
  }

  /**
   * Panels of {@code width} columns of the k×n matrix M, M(p, j) = {@code b[bOff + p·ld + j]}, or
   * {@code b[bOff + j·ld + p]} when {@code trans}: panel q at {@code pOff + q·panelK·width}, row p
   * of it at {@code + p·width}, zeros past column n. A's row panels are the same with M = op(A)ᵀ.
   */
  private static void packPanels(boolean trans, int k, int n, float[] b, int bOff, int ld,
                                 float[] packed, int pOff, int panelK, int width) {
    if (!trans) {
      packRows(k, n, b, bOff, ld, packed, pOff, panelK, width);
    } else {
      // L×L blocks in registers where a block's L columns fall in one panel, at 512 bits 8×16
      // blocks into A's panels of 8 rows (element by element, packing took 12 % of an LSTM
      // update at B = 32, H = 128, most of it here); element by element around them (the
      // columns of other panel widths, the last columns and the last k % L rows). 8×8 blocks
      // into the 6-row panels of 256 bits took the same 4.4 % of that update as the elements.
      boolean eights = VectorTranspose.HALVES && width == L / 2;
      int step = eights ? width : L;
      int blockCols = VectorTranspose.SUPPORTED && width % L == 0 || eights ? n - n % step : 0;
      int blockRows = k - k % L;
      for (int j0 = 0; j0 < blockCols; j0 += step) {
        int q = pOff + j0 / width * panelK * width + j0 % width;
        for (int p0 = 0; p0 < blockRows; p0 += L) {
          int src = bOff + j0 * ld + p0;
          if (eights) {
            VectorTranspose.panel8(b, src, ld, packed, q + p0 * width);
          } else {
            VectorTranspose.block(b, src, ld, packed, q + p0 * width, width);
          }
        }
      }
      copyTransposed(b, bOff, ld, 0, blockCols, blockRows, k, packed, pOff, panelK, width);
      copyTransposed(b, bOff, ld, blockCols, n, 0, k, packed, pOff, panelK, width);
    }
    int edge = n % width;
    if (edge != 0) {
      int q = pOff + n / width * panelK * width;
      for (int p = 0; p < k; p++) {
        java.util.Arrays.fill(packed, q + p * width + edge, q + (p + 1) * width, 0f);
      }
    }
  }

  /** {@link #packPanels}' transposed case element by element, columns j0…j1 and rows p0…p1. */
  private static void copyTransposed(float[] b, int bOff, int ld, int j0, int j1, int p0, int p1,
                                     float[] packed, int pOff, int panelK, int width) {
    for (int j = j0; j < j1; j++) {
      int src = bOff + j * ld;
      for (int p = p0, d = pOff + j / width * panelK * width + p0 * width + j % width; p < p1;
           p++, d += width) {
        packed[d] = b[src + p];
      }
    }
  }

  /**
   * {@link #packPanels} of a row-major M, {@link #ROW_BLOCK} rows of M at a time across all
   * panels, then the next rows: M is read in blocks of whole rows (panel by panel, a TN product's
   * A, B·T rows of G·H floats, was read with a stride of a whole row per 32 bytes and waited on
   * memory), and each panel is written in runs of ROW_BLOCK rows (row by row, every store went to
   * another panel). Against row by row (GemmShapeBench, two runs each, JDK 17, 512 bits):
   * wgrad_b128 8.5–8.6 ms against 10.3–11.2, wgrad_b32 2.0 against 2.5 ms; 32 and 64 rows level
   * with 16. A's panels of 8 rows at 512 bits take two rows of M at a time across two panels
   * ({@link VectorTranspose#rowPairHalves}: every store a whole vector of one panel); the rest
   * goes through {@link #copyRows}.
   */
  private static void packRows(int k, int n, float[] b, int bOff, int ld, float[] packed,
                               int pOff, int panelK, int width) {
    if (!VectorTranspose.HALVES || width != L / 2) {
      copyRows(0, k, 0, n, b, bOff, ld, packed, pOff, panelK, width);
      return;
    }
    int pairCols = n - n % L;
    int pairRows = k - k % 2;
    int stride = panelK * width;
    for (int p0 = 0; p0 < k; p0 += ROW_BLOCK) {
      int p1 = Math.min(k, p0 + ROW_BLOCK);
      for (int j0 = 0; j0 < pairCols; j0 += L) {
        int q = pOff + j0 / width * stride;
        for (int p = p0; p < Math.min(p1, pairRows); p += 2) {
          int src = bOff + p * ld + j0;
          VectorTranspose.rowPairHalves(b, src, src + ld, packed, q + p * width,
              q + stride + p * width);
        }
      }
      copyRows(p0, p1, pairCols, n, b, bOff, ld, packed, pOff, panelK, width);
      if (pairRows < p1 && pairCols > 0) {
        copyRows(pairRows, p1, 0, pairCols, b, bOff, ld, packed, pOff, panelK, width);
      }
    }
  }

  /**
   * Rows p0…p1 of columns j0…n (j0 at a panel's edge) of {@link #packRows}, {@link #ROW_BLOCK}
   * rows at a time across the panels. Panels of whole vectors are copied a vector at a time;
   * panels narrower than a vector a whole vector at a time too, the surplus lanes landing in the
   * panel's next row, which is written after; the last row, whose surplus would land in the next
   * panel's first row, and the columns left over go float by float.
   */
  private static void copyRows(int p0, int p1, int j0, int n, float[] b, int bOff, int ld,
                               float[] packed, int pOff, int panelK, int width) {
    int stride = panelK * width;
    boolean wholeVectors = width % L == 0;
    boolean spill = width < L && pOff + panels(n, width) * stride + L <= packed.length;
    for (int r0 = p0; r0 < p1; r0 += ROW_BLOCK) {
      int r1 = Math.min(p1, r0 + ROW_BLOCK);
      for (int j = j0, q = pOff + j0 / width * stride; j < n; j += width, q += stride) {
        int cols = Math.min(width, n - j);
        for (int p = r0; p < r1; p++) {
          int src = bOff + p * ld + j;
          int d = q + p * width;
          if (wholeVectors && cols == width) {
            for (int v = 0; v < width; v += L) {
              FloatVector.fromArray(S, b, src + v).intoArray(packed, d + v);
            }
          } else if (spill && j + L <= n && src + L <= b.length && p + (L - 1) / width < panelK) {
            FloatVector.fromArray(S, b, src).intoArray(packed, d);
          } else {
            for (int c = 0; c < cols; c++) {
              packed[d + c] = b[src + c];
            }
          }
        }
      }
    }
  }

  /** Rows of M that {@link #packRows} copies into every panel before the next rows. */
  private static final int ROW_BLOCK = 16;

  private static int panels(int n, int width) {
    return (n + width - 1) / width;
  }

  /**
   * The micro-kernel: {@code C[0..MR)[0..NR) = Σ_p A_p ⊗ B_p}, A's micro-panel (alpha applied) at
   * {@code ap} (MR floats per p), B's at {@code bp} (NR floats per p). It only stores: a tile that
   * adds to C goes through the workspace's tile and {@link #addTile}. With a second, adding store
   * section (16 more loads, adds and stores) C2 on JDK 17 compiled tile8x2 in some JVMs with 11 of
   * its 32 stores left as calls that box their vectors (LogCompilation; C2 tries each late-inlined
   * vector intrinsic once, and a store can meet its vector's stale type: JDK-8302459), 25-40 %
   * slower training updates for the JVM's life. Adding C into the accumulators under an
   * {@code if} before the one store section was far worse: 6 of 10 JVMs ran the GRU update
   * (H = 128, B = 128) 9-14× slower, allocating 1.8-3.0 GB each (JDK 17, 2026-12-04).
   *
   * <p>The loop runs on A's index, not on p: with {@code ap + p·MR} C2 kept A's range checks and
   * index arithmetic in the loop, 17 scalar instructions beside tile6x2's 12 FMAs (perfasm, JDK
   * 17, AVX2 emulated), 8 now; sq256 … sq512 took 0.92-0.96× the time at 256 bits (two alternating
   * A/B rounds of two forks, 11 of 12 pairs faster), level at 512 bits. Two steps of p per pass
   * spilled accumulators to the stack at 256 bits (sq256 491 against 376 µs, one perfasm run
   * each).
   */
  private static void tile(int kc, float[] pa, int ap, float[] pb, int bp, float[] c, int ci,
                           int ldc) {
    if (WIDE) {
      tile8x2(kc, pa, ap, pb, bp, c, ci, ldc);
    } else {
      tile6x2(kc, pa, ap, pb, bp, c, ci, ldc);
    }
  }

  private static void tile6x2(int kc, float[] pa, int ap, float[] pb, int bp, float[] c, int ci,
                              int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    for (int ai = ap, bi = bp, aEnd = ap + kc * MR; ai < aEnd; ai += MR, bi += NR) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bi);
      FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
      c50 = b0.fma(a5, c50);
      c51 = b1.fma(a5, c51);
    }
    // written out, not a store method: C2 left some of twelve such calls out of line, boxing
    // their vectors (JDK 17, PrintInlining)
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }

  private static void tile8x2(int kc, float[] pa, int ap, float[] pb, int bp, float[] c, int ci,
                              int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c60 = c00;
    FloatVector c61 = c00;
    FloatVector c70 = c00;
    FloatVector c71 = c00;
    for (int ai = ap, bi = bp, aEnd = ap + kc * MR; ai < aEnd; ai += MR, bi += NR) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bi);
      FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
      c50 = b0.fma(a5, c50);
      c51 = b1.fma(a5, c51);
      FloatVector a6 = FloatVector.broadcast(S, pa[ai + 6]);
      c60 = b0.fma(a6, c60);
      c61 = b1.fma(a6, c61);
      FloatVector a7 = FloatVector.broadcast(S, pa[ai + 7]);
      c70 = b0.fma(a7, c70);
      c71 = b1.fma(a7, c71);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
    c60.intoArray(c, ci + 6 * ldc);
    c61.intoArray(c, ci + 6 * ldc + L);
    c70.intoArray(c, ci + 7 * ldc);
    c71.intoArray(c, ci + 7 * ldc + L);
  }

  /**
   * A whole MR×NR tile added into C: {@link #copyEdge}'s adding loop, general in rows and
   * columns, made {@code step_b128} and {@code carry_b128} up to 18 % slower (GemmShapeBench, two
   * alternating A/B runs, JDK 17, 512 bits).
   */
  private static void addTile(float[] tile, float[] c, int ci, int ldc) {
    for (int r = 0; r < MR; r++) {
      int t = r * NR;
      int o = ci + r * ldc;
      FloatVector.fromArray(S, c, o).add(FloatVector.fromArray(S, tile, t)).intoArray(c, o);
      FloatVector.fromArray(S, c, o + L).add(FloatVector.fromArray(S, tile, t + L))
          .intoArray(c, o + L);
    }
  }

  /** The valid rows×cols corner of an edge tile into C, added or (overwrite) stored. */
  private static void copyEdge(float[] tile, int rows, int cols, float[] c, int ci, int ldc,
                               boolean overwrite) {
    for (int r = 0; r < rows; r++) {
      int t = r * NR;
      int o = ci + r * ldc;
      if (overwrite) {
        System.arraycopy(tile, t, c, o, cols);
        continue;
      }
      int j = 0;
      for (; j + L <= cols; j += L) {
        FloatVector.fromArray(S, c, o + j).add(FloatVector.fromArray(S, tile, t + j))
            .intoArray(c, o + j);
      }
      for (; j < cols; j++) {
        c[o + j] += tile[t + j];
      }
    }
  }

  /** {@code C = beta·C}; beta 0 clears (NaN included). */
  private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m && beta != 1f; i++) {
      int o = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, o, o + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[o + j] *= beta;
        }
      }
    }
  }
}
