package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * The matrix products shared by the cells. Each recurrent product is one product over the whole
 * stacked {@code G·H×H} weight_hh: on W_hh packed for the pass when the cell packed it (above
 * batch 1, and at batch 1 from a few steps on), else a gemv or gemvT on W_hh itself.
 */
final class BatchProducts {
  private BatchProducts() {}

  /** {@code C = X·W_ihᵀ + b} for all {@code rows} (step, sequence) rows at once; C is rows×G·H. */
  static void inputProjection(Kernels k, Layer p, float[] bias, float[] x, int xOff, int rows,
                              float[] c) {
    int in = p.inputSize();
    int gh = p.kind().gates * p.hiddenSize();
    k.gemm(false, true, rows, gh, in, 1f, x, xOff, in, p.weightIh().data(), 0, in, 0f, c, 0, gh);
    addRowBias(k, bias, c, 0, rows, gh);
  }

  /**
   * {@code C = X·W_ihᵀ + b_ih + b_hh}, for the cells that add both biases before the activation;
   * {@code bias} (G·H floats) receives their sum.
   */
  static void inputProjectionWithBothBiases(Kernels k, Layer p, float[] bias, float[] x, int xOff,
                                            int rows, float[] c) {
    k.add(p.biasIh().data(), 0, p.biasHh().data(), 0, bias, 0, bias.length);
    inputProjection(k, p, bias, x, xOff, rows, c);
  }

  /** Adds {@code bias} (width floats) to each of {@code rows} contiguous rows of c from cOff. */
  static void addRowBias(Kernels k, float[] bias, float[] c, int cOff, int rows, int width) {
    for (int r = 0; r < rows; r++) {
      k.add(c, cOff + r * width, bias, 0, c, cOff + r * width, width);
    }
  }

  /**
   * {@code C (batch×G·H) = H_{t−1}·W_hhᵀ + beta·C}, beta 0 or 1; the rows of H_{t−1} are
   * {@code ldh} floats apart (the state stride). W_hhᵀ packed ({@code packedT},
   * {@link Kernels#packB}) or null (batch 1 only: the gemv on W_hh).
   */
  static void recurrent(Kernels k, Layer p, float[] packedT, float[] h, int hOff, int ldh,
                        int batch, float beta, float[] c, int cOff) {
    int hid = p.hiddenSize();
    int gh = p.kind().gates * hid;
    float[] w = p.weightHh().data();
    if (packedT != null) {
      k.gemmPacked(false, batch, gh, hid, 1f, h, hOff, ldh, packedT, CellBase.PACKED_AT, beta, c,
          cOff, gh);
    } else if (beta == 0f) {
      k.gemv(w, 0, gh, hid, h, hOff, null, 0, c, cOff);
    } else {
      k.gemvAcc(w, 0, gh, hid, h, hOff, c, cOff);
    }
  }

  /**
   * {@code C (batch×G·H) = H_{t−1}·W_hhᵀ + b_hh}: {@link #recurrent} with beta 0 and the bias
   * added to every row (fused into the gemv on an unpacked W_hh).
   */
  static void recurrentWithBias(Kernels k, Layer p, float[] packedT, float[] h, int hOff, int ldh,
                                int batch, float[] c, int cOff) {
    if (packedT != null) {
      recurrent(k, p, packedT, h, hOff, ldh, batch, 0f, c, cOff);
      addRowBias(k, p.biasHh().data(), c, cOff, batch, p.kind().gates * p.hiddenSize());
    } else {
      k.gemv(p.weightHh().data(), 0, p.kind().gates * p.hiddenSize(), p.hiddenSize(), h, hOff,
          p.biasHh().data(), 0, c, cOff);
    }
  }

  /**
   * {@code D (batch×H) = dA·W_hh + beta·D}, beta 0 or 1: the carried gradient through the
   * recurrent product, from the {@code batch×G·H} pre-activation gradients dA; the rows of D are
   * {@code ldd} floats apart. W_hh packed ({@code packed}) or null (batch 1 only: the gemvT).
   */
  static void carry(Kernels k, Layer p, float[] packed, float[] da, int daOff, int batch,
                    float beta, float[] d, int dOff, int ldd) {
    int hid = p.hiddenSize();
    int gh = p.kind().gates * hid;
    float[] w = p.weightHh().data();
    if (packed != null) {
      k.gemmPacked(false, batch, hid, gh, 1f, da, daOff, gh, packed, CellBase.PACKED_AT, beta, d,
          dOff, ldd);
    } else if (beta == 0f) {
      k.gemvT(w, 0, gh, hid, da, daOff, d, dOff);
    } else {
      k.gemvTAcc(w, 0, gh, hid, da, daOff, d, dOff);
    }
  }
}
