package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * The parameter-gradient step shared by all cells, done once after the backward sweep as matrix
 * products over all steps. With dA_ih, dA_hh the {@code steps×G·H} gradients of the input-side and
 * hidden-side pre-activations (equal except for the GRU's n block):
 * dW_ih = dA_ihᵀ·X, dW_hh = dA_hhᵀ·H_prev, db_ih = Σ_t dA_ih[t], db_hh = Σ_t dA_hh[t], written
 * over what the tensors held: nothing zeroes them first (at batch 1, LSTM H = 256, zeroing 2 MB
 * and adding the products onto it is 3 of every 5 passes over those bytes). Where the two sides
 * are one array (RNN, LSTM) both products share its packing ({@link Kernels#gemmSharedA}) and
 * the bias gradients are one sum.
 */
final class ParameterGradients {
  private ParameterGradients() {}

  /**
   * @param hPrev h_0..h_{steps−1}, row t at {@code t·hStride} (the cell's states, whose rows may
   *     also hold c)
   */
  static void write(Kernels k, int steps, float[] dIh, float[] dHh, float[] inputs, int inOff,
                         float[] hPrev, int hStride, Layer grads) {
    int in = grads.inputSize();
    int hid = grads.hiddenSize();
    int gh = grads.kind().gates * hid;
    float[] dbIh = grads.biasIh().data();
    float[] dbHh = grads.biasHh().data();
    if (dIh == dHh) {
      k.gemmSharedA(true, gh, steps, dIh, 0, gh, inputs, inOff, in, in,
          grads.weightIh().data(), 0, hPrev, 0, hStride, hid, grads.weightHh().data(), 0);
      sumRows(k, steps, gh, dIh, dbIh);
      System.arraycopy(dbIh, 0, dbHh, 0, gh);
      return;
    }
    k.gemm(true, false, gh, in, steps, 1f, dIh, 0, gh, inputs, inOff, in,
        0f, grads.weightIh().data(), 0, in);
    k.gemm(true, false, gh, hid, steps, 1f, dHh, 0, gh, hPrev, 0, hStride,
        0f, grads.weightHh().data(), 0, hid);
    sumRows(k, steps, gh, dIh, dbIh);
    sumRows(k, steps, gh, dHh, dbHh);
  }

  /** {@code sum = Σ_t rows[t]}, rows of {@code width} floats. */
  private static void sumRows(Kernels k, int steps, int width, float[] rows, float[] sum) {
    if (steps == 0) {
      java.util.Arrays.fill(sum, 0, width, 0f);
      return;
    }
    System.arraycopy(rows, 0, sum, 0, width);
    for (int t = 1; t < steps; t++) {
      k.axpy(1f, rows, t * width, sum, 0, width);
    }
  }
}
