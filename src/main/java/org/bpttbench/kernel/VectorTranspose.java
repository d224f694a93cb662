package org.bpttbench.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * An L×L block of a row-major matrix transposed in registers, for packing a transposed operand
 * ({@link VectorGemm}): L loads, log2(L) stages that each swap the off-diagonal d×d sub-blocks of
 * every 2d×2d block (one lane permutation and one blend per row), L stores. That is 64
 * permutations for a 16×16 block where the element-by-element copy did 256 scalar loads and 256
 * strided stores. Written out for 16 lanes (512-bit vectors) and 8 (256-bit); other widths copy
 * element by element ({@link #SUPPORTED} is false).
 */
final class VectorTranspose {
  private VectorTranspose() {}

  private static final VectorSpecies<Float> S = VectorKernels.species();
  private static final int L = S.length();
  /** Whether {@link #block} has a register transpose for this width. */
  static final boolean SUPPORTED = L == 16 || L == 8;
  /** Whether {@link #rowPairHalves} and {@link #panel8} exist for this width (L = 16). */
  static final boolean HALVES = L == 16;

  private static final VectorShuffle<Float> SWAP_8 = L > 8 ? swap(8) : null;
  /** Lane i takes lane ((i mod 8)·2 + i / 8): even lanes to the low half, odd to the high. */
  private static final VectorShuffle<Float> DEAL = L == 16
      ? VectorShuffle.fromOp(S, i -> ((i & 7) << 1) | (i >> 3)) : null;
  private static final VectorShuffle<Float> SWAP_4 = L > 4 ? swap(4) : null;
  private static final VectorShuffle<Float> SWAP_2 = L > 2 ? swap(2) : null;
  private static final VectorShuffle<Float> SWAP_1 = L > 1 ? swap(1) : null;
  private static final VectorMask<Float> HIGH_8 = L > 8 ? lanes(8, true) : null;
  private static final VectorMask<Float> HIGH_4 = L > 4 ? lanes(4, true) : null;
  private static final VectorMask<Float> HIGH_2 = L > 2 ? lanes(2, true) : null;
  private static final VectorMask<Float> HIGH_1 = L > 1 ? lanes(1, true) : null;
  private static final VectorMask<Float> LOW_8 = L > 8 ? lanes(8, false) : null;
  private static final VectorMask<Float> LOW_4 = L > 4 ? lanes(4, false) : null;
  private static final VectorMask<Float> LOW_2 = L > 2 ? lanes(2, false) : null;
  private static final VectorMask<Float> LOW_1 = L > 1 ? lanes(1, false) : null;

  private static VectorShuffle<Float> swap(int distance) {
    return VectorShuffle.fromOp(S, i -> i ^ distance);
  }

  private static VectorMask<Float> lanes(int bit, boolean set) {
    boolean[] m = new boolean[L];
    for (int i = 0; i < L; i++) {
      m[i] = ((i & bit) != 0) == set;
    }
    return VectorMask.fromArray(S, m, 0);
  }

  /**
   * {@code out[dst + j·stride + i] = b[src + i·ld + j]} for i, j &lt; L: row i of the block at
   * {@code src + i·ld} becomes column i of the rows at {@code dst + j·stride}.
   */
  static void block(float[] b, int src, int ld, float[] out, int dst, int stride) {
    if (L == 16) {
      block16(b, src, ld, out, dst, stride);
    } else if (L == 8) {
      block8(b, src, ld, out, dst, stride);
    } else {
      for (int i = 0; i < L; i++) {
        for (int j = 0; j < L; j++) {
          out[dst + j * stride + i] = b[src + i * ld + j];
        }
      }
    }
  }

  /**
   * Two rows of 16 floats into two panels 8 floats wide, as rows p and p + 1 of each: {@code
   * out[low…low+16) = b[src0…src0+8) b[src1…src1+8)}, {@code out[high…high+16) = b[src0+8…src0+16)
   * b[src1+8…src1+16)} (L = 16 only: a row of A's panels of 8 rows is half a vector).
   */
  static void rowPairHalves(float[] b, int src0, int src1, float[] out, int low, int high) {
    FloatVector r0 = FloatVector.fromArray(S, b, src0);
    FloatVector r1 = FloatVector.fromArray(S, b, src1);
    r0.blend(r1.rearrange(SWAP_8), HIGH_8).intoArray(out, low);
    r1.blend(r0.rearrange(SWAP_8), LOW_8).intoArray(out, high);
  }

  /**
   * Eight rows of 16 floats into one panel 8 floats wide (L = 16 only: A's panels of 8 rows,
   * packed from an untransposed A): {@code out[dst + p·8 + i] = b[src + i·ld + p]}, i &lt; 8,
   * p &lt; 16. Each row's lanes are dealt, even ones to the low half and odd ones to the high, then
   * three transpose stages (4, 2, 1) leave in vector r the column pair (2r, 2r + 1): one whole
   * vector of the panel.
   */
  static void panel8(float[] b, int src, int ld, float[] out, int dst) {
    FloatVector a0 = FloatVector.fromArray(S, b, src).rearrange(DEAL);
    FloatVector a1 = FloatVector.fromArray(S, b, src + ld).rearrange(DEAL);
    FloatVector a2 = FloatVector.fromArray(S, b, src + 2 * ld).rearrange(DEAL);
    FloatVector a3 = FloatVector.fromArray(S, b, src + 3 * ld).rearrange(DEAL);
    FloatVector a4 = FloatVector.fromArray(S, b, src + 4 * ld).rearrange(DEAL);
    FloatVector a5 = FloatVector.fromArray(S, b, src + 5 * ld).rearrange(DEAL);
    FloatVector a6 = FloatVector.fromArray(S, b, src + 6 * ld).rearrange(DEAL);
    FloatVector a7 = FloatVector.fromArray(S, b, src + 7 * ld).rearrange(DEAL);
    FloatVector c0 = a0.blend(a4.rearrange(SWAP_4), HIGH_4);
    FloatVector c4 = a4.blend(a0.rearrange(SWAP_4), LOW_4);
    FloatVector c1 = a1.blend(a5.rearrange(SWAP_4), HIGH_4);
    FloatVector c5 = a5.blend(a1.rearrange(SWAP_4), LOW_4);
    FloatVector c2 = a2.blend(a6.rearrange(SWAP_4), HIGH_4);
    FloatVector c6 = a6.blend(a2.rearrange(SWAP_4), LOW_4);
    FloatVector c3 = a3.blend(a7.rearrange(SWAP_4), HIGH_4);
    FloatVector c7 = a7.blend(a3.rearrange(SWAP_4), LOW_4);
    FloatVector d0 = c0.blend(c2.rearrange(SWAP_2), HIGH_2);
    FloatVector d2 = c2.blend(c0.rearrange(SWAP_2), LOW_2);
    FloatVector d1 = c1.blend(c3.rearrange(SWAP_2), HIGH_2);
    FloatVector d3 = c3.blend(c1.rearrange(SWAP_2), LOW_2);
    FloatVector d4 = c4.blend(c6.rearrange(SWAP_2), HIGH_2);
    FloatVector d6 = c6.blend(c4.rearrange(SWAP_2), LOW_2);
    FloatVector d5 = c5.blend(c7.rearrange(SWAP_2), HIGH_2);
    FloatVector d7 = c7.blend(c5.rearrange(SWAP_2), LOW_2);
    d0.blend(d1.rearrange(SWAP_1), HIGH_1).intoArray(out, dst);
    d1.blend(d0.rearrange(SWAP_1), LOW_1).intoArray(out, dst + 16);
    d2.blend(d3.rearrange(SWAP_1), HIGH_1).intoArray(out, dst + 32);
    d3.blend(d2.rearrange(SWAP_1), LOW_1).intoArray(out, dst + 48);
    d4.blend(d5.rearrange(SWAP_1), HIGH_1).intoArray(out, dst + 64);
    d5.blend(d4.rearrange(SWAP_1), LOW_1).intoArray(out, dst + 80);
    d6.blend(d7.rearrange(SWAP_1), HIGH_1).intoArray(out, dst + 96);
    d7.blend(d6.rearrange(SWAP_1), LOW_1).intoArray(out, dst + 112);
  }

  // Generated: stage d pairs rows i and i + d (bit d of i clear); lanes with bit d set in row i
  // take row i + d's lanes d lower, lanes without it in row i + d take row i's lanes d higher.
  private static void block16(float[] b, int src, int ld, float[] out, int dst, int stride) {
    FloatVector a0 = FloatVector.fromArray(S, b, src);
    FloatVector a1 = FloatVector.fromArray(S, b, src + ld);
    FloatVector a2 = FloatVector.fromArray(S, b, src + 2 * ld);
    FloatVector a3 = FloatVector.fromArray(S, b, src + 3 * ld);
    FloatVector a4 = FloatVector.fromArray(S, b, src + 4 * ld);
    FloatVector a5 = FloatVector.fromArray(S, b, src + 5 * ld);
    FloatVector a6 = FloatVector.fromArray(S, b, src + 6 * ld);
    FloatVector a7 = FloatVector.fromArray(S, b, src + 7 * ld);
    FloatVector a8 = FloatVector.fromArray(S, b, src + 8 * ld);
    FloatVector a9 = FloatVector.fromArray(S, b, src + 9 * ld);
    FloatVector a10 = FloatVector.fromArray(S, b, src + 10 * ld);
    FloatVector a11 = FloatVector.fromArray(S, b, src + 11 * ld);
    FloatVector a12 = FloatVector.fromArray(S, b, src + 12 * ld);
    FloatVector a13 = FloatVector.fromArray(S, b, src + 13 * ld);
    FloatVector a14 = FloatVector.fromArray(S, b, src + 14 * ld);
    FloatVector a15 = FloatVector.fromArray(S, b, src + 15 * ld);
    FloatVector b0 = a0.blend(a8.rearrange(SWAP_8), HIGH_8);
    FloatVector b8 = a8.blend(a0.rearrange(SWAP_8), LOW_8);
    FloatVector b1 = a1.blend(a9.rearrange(SWAP_8), HIGH_8);
    FloatVector b9 = a9.blend(a1.rearrange(SWAP_8), LOW_8);
    FloatVector b2 = a2.blend(a10.rearrange(SWAP_8), HIGH_8);
    FloatVector b10 = a10.blend(a2.rearrange(SWAP_8), LOW_8);
    FloatVector b3 = a3.blend(a11.rearrange(SWAP_8), HIGH_8);
    FloatVector b11 = a11.blend(a3.rearrange(SWAP_8), LOW_8);
    FloatVector b4 = a4.blend(a12.rearrange(SWAP_8), HIGH_8);
    FloatVector b12 = a12.blend(a4.rearrange(SWAP_8), LOW_8);
    FloatVector b5 = a5.blend(a13.rearrange(SWAP_8), HIGH_8);
    FloatVector b13 = a13.blend(a5.rearrange(SWAP_8), LOW_8);
    FloatVector b6 = a6.blend(a14.rearrange(SWAP_8), HIGH_8);
    FloatVector b14 = a14.blend(a6.rearrange(SWAP_8), LOW_8);
    FloatVector b7 = a7.blend(a15.rearrange(SWAP_8), HIGH_8);
    FloatVector b15 = a15.blend(a7.rearrange(SWAP_8), LOW_8);
    FloatVector c0 = b0.blend(b4.rearrange(SWAP_4), HIGH_4);
    FloatVector c4 = b4.blend(b0.rearrange(SWAP_4), LOW_4);
    FloatVector c1 = b1.blend(b5.rearrange(SWAP_4), HIGH_4);
    FloatVector c5 = b5.blend(b1.rearrange(SWAP_4), LOW_4);
    FloatVector c2 = b2.blend(b6.rearrange(SWAP_4), HIGH_4);
    FloatVector c6 = b6.blend(b2.rearrange(SWAP_4), LOW_4);
    FloatVector c3 = b3.blend(b7.rearrange(SWAP_4), HIGH_4);
    FloatVector c7 = b7.blend(b3.rearrange(SWAP_4), LOW_4);
    FloatVector c8 = b8.blend(b12.rearrange(SWAP_4), HIGH_4);
    FloatVector c12 = b12.blend(b8.rearrange(SWAP_4), LOW_4);
    FloatVector c9 = b9.blend(b13.rearrange(SWAP_4), HIGH_4);
    FloatVector c13 = b13.blend(b9.rearrange(SWAP_4), LOW_4);
    FloatVector c10 = b10.blend(b14.rearrange(SWAP_4), HIGH_4);
    FloatVector c14 = b14.blend(b10.rearrange(SWAP_4), LOW_4);
    FloatVector c11 = b11.blend(b15.rearrange(SWAP_4), HIGH_4);
    FloatVector c15 = b15.blend(b11.rearrange(SWAP_4), LOW_4);
    FloatVector d0 = c0.blend(c2.rearrange(SWAP_2), HIGH_2);
    FloatVector d2 = c2.blend(c0.rearrange(SWAP_2), LOW_2);
    FloatVector d1 = c1.blend(c3.rearrange(SWAP_2), HIGH_2);
    FloatVector d3 = c3.blend(c1.rearrange(SWAP_2), LOW_2);
    FloatVector d4 = c4.blend(c6.rearrange(SWAP_2), HIGH_2);
    FloatVector d6 = c6.blend(c4.rearrange(SWAP_2), LOW_2);
    FloatVector d5 = c5.blend(c7.rearrange(SWAP_2), HIGH_2);
    FloatVector d7 = c7.blend(c5.rearrange(SWAP_2), LOW_2);
    FloatVector d8 = c8.blend(c10.rearrange(SWAP_2), HIGH_2);
    FloatVector d10 = c10.blend(c8.rearrange(SWAP_2), LOW_2);
    FloatVector d9 = c9.blend(c11.rearrange(SWAP_2), HIGH_2);
    FloatVector d11 = c11.blend(c9.rearrange(SWAP_2), LOW_2);
    FloatVector d12 = c12.blend(c14.rearrange(SWAP_2), HIGH_2);
    FloatVector d14 = c14.blend(c12.rearrange(SWAP_2), LOW_2);
    FloatVector d13 = c13.blend(c15.rearrange(SWAP_2), HIGH_2);
    FloatVector d15 = c15.blend(c13.rearrange(SWAP_2), LOW_2);
    FloatVector e0 = d0.blend(d1.rearrange(SWAP_1), HIGH_1);
    FloatVector e1 = d1.blend(d0.rearrange(SWAP_1), LOW_1);
    FloatVector e2 = d2.blend(d3.rearrange(SWAP_1), HIGH_1);
    FloatVector e3 = d3.blend(d2.rearrange(SWAP_1), LOW_1);
    FloatVector e4 = d4.blend(d5.rearrange(SWAP_1), HIGH_1);
    FloatVector e5 = d5.blend(d4.rearrange(SWAP_1), LOW_1);
    FloatVector e6 = d6.blend(d7.rearrange(SWAP_1), HIGH_1);
    FloatVector e7 = d7.blend(d6.rearrange(SWAP_1), LOW_1);
    FloatVector e8 = d8.blend(d9.rearrange(SWAP_1), HIGH_1);
    FloatVector e9 = d9.blend(d8.rearrange(SWAP_1), LOW_1);
    FloatVector e10 = d10.blend(d11.rearrange(SWAP_1), HIGH_1);
    FloatVector e11 = d11.blend(d10.rearrange(SWAP_1), LOW_1);
    FloatVector e12 = d12.blend(d13.rearrange(SWAP_1), HIGH_1);
    FloatVector e13 = d13.blend(d12.rearrange(SWAP_1), LOW_1);
    FloatVector e14 = d14.blend(d15.rearrange(SWAP_1), HIGH_1);
    FloatVector e15 = d15.blend(d14.rearrange(SWAP_1), LOW_1);
    e0.intoArray(out, dst);
    e1.intoArray(out, dst + stride);
    e2.intoArray(out, dst + 2 * stride);
    e3.intoArray(out, dst + 3 * stride);
    e4.intoArray(out, dst + 4 * stride);
    e5.intoArray(out, dst + 5 * stride);
    e6.intoArray(out, dst + 6 * stride);
    e7.intoArray(out, dst + 7 * stride);
    e8.intoArray(out, dst + 8 * stride);
    e9.intoArray(out, dst + 9 * stride);
    e10.intoArray(out, dst + 10 * stride);
    e11.intoArray(out, dst + 11 * stride);
    e12.intoArray(out, dst + 12 * stride);
    e13.intoArray(out, dst + 13 * stride);
    e14.intoArray(out, dst + 14 * stride);
    e15.intoArray(out, dst + 15 * stride);
  }

  private static void block8(float[] b, int src, int ld, float[] out, int dst, int stride) {
    FloatVector a0 = FloatVector.fromArray(S, b, src);
    FloatVector a1 = FloatVector.fromArray(S, b, src + ld);
    FloatVector a2 = FloatVector.fromArray(S, b, src + 2 * ld);
    FloatVector a3 = FloatVector.fromArray(S, b, src + 3 * ld);
    FloatVector a4 = FloatVector.fromArray(S, b, src + 4 * ld);
    FloatVector a5 = FloatVector.fromArray(S, b, src + 5 * ld);
    FloatVector a6 = FloatVector.fromArray(S, b, src + 6 * ld);
    FloatVector a7 = FloatVector.fromArray(S, b, src + 7 * ld);
    FloatVector b0 = a0.blend(a4.rearrange(SWAP_4), HIGH_4);
    FloatVector b4 = a4.blend(a0.rearrange(SWAP_4), LOW_4);
    FloatVector b1 = a1.blend(a5.rearrange(SWAP_4), HIGH_4);
    FloatVector b5 = a5.blend(a1.rearrange(SWAP_4), LOW_4);
    FloatVector b2 = a2.blend(a6.rearrange(SWAP_4), HIGH_4);
    FloatVector b6 = a6.blend(a2.rearrange(SWAP_4), LOW_4);
    FloatVector b3 = a3.blend(a7.rearrange(SWAP_4), HIGH_4);
    FloatVector b7 = a7.blend(a3.rearrange(SWAP_4), LOW_4);
    FloatVector c0 = b0.blend(b2.rearrange(SWAP_2), HIGH_2);
    FloatVector c2 = b2.blend(b0.rearrange(SWAP_2), LOW_2);
    FloatVector c1 = b1.blend(b3.rearrange(SWAP_2), HIGH_2);
    FloatVector c3 = b3.blend(b1.rearrange(SWAP_2), LOW_2);
    FloatVector c4 = b4.blend(b6.rearrange(SWAP_2), HIGH_2);
    FloatVector c6 = b6.blend(b4.rearrange(SWAP_2), LOW_2);
    FloatVector c5 = b5.blend(b7.rearrange(SWAP_2), HIGH_2);
    FloatVector c7 = b7.blend(b5.rearrange(SWAP_2), LOW_2);
    FloatVector d0 = c0.blend(c1.rearrange(SWAP_1), HIGH_1);
    FloatVector d1 = c1.blend(c0.rearrange(SWAP_1), LOW_1);
    FloatVector d2 = c2.blend(c3.rearrange(SWAP_1), HIGH_1);
    FloatVector d3 = c3.blend(c2.rearrange(SWAP_1), LOW_1);
    FloatVector d4 = c4.blend(c5.rearrange(SWAP_1), HIGH_1);
    FloatVector d5 = c5.blend(c4.rearrange(SWAP_1), LOW_1);
    FloatVector d6 = c6.blend(c7.rearrange(SWAP_1), HIGH_1);
    FloatVector d7 = c7.blend(c6.rearrange(SWAP_1), LOW_1);
    d0.intoArray(out, dst);
    d1.intoArray(out, dst + stride);
    d2.intoArray(out, dst + 2 * stride);
    d3.intoArray(out, dst + 3 * stride);
    d4.intoArray(out, dst + 4 * stride);
    d5.intoArray(out, dst + 5 * stride);
    d6.intoArray(out, dst + 6 * stride);
    d7.intoArray(out, dst + 7 * stride);
  }
}
