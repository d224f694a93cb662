package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * The parameter-gradient step shared by all cells, done once after the backward sweep as matrix
 * products over all steps. With dA_ih, dA_hh the {@code steps×G·H} gradients of the input-side and
 * hidden-side pre-activations (equal except for the GRU's n block):
 * dW_ih += dA_ihᵀ·X, dW_hh += dA_hhᵀ·H_prev, db_ih += Σ_t dA_ih[t], db_hh += Σ_t dA_hh[t].
 */
final class ParameterGradients {
  private ParameterGradients() {}

  /**
   * @param hPrev h_0..h_{steps−1}, row t at {@code t·hStride} (the cell's states, whose rows may
   *     also hold c)
   */
  static void accumulate(Kernels k, int steps, float[] dIh, float[] dHh, float[] inputs, int inOff,
                         float[] hPrev, int hStride, Layer grads) {
    int in = grads.inputSize();
    int hid = grads.hiddenSize();
    int gh = grads.kind().gates * hid;
    k.gemm(true, false, gh, in, steps, 1f, dIh, 0, gh, inputs, inOff, in,
        1f, grads.weightIh().data(), 0, in);
    k.gemm(true, false, gh, hid, steps, 1f, dHh, 0, gh, hPrev, 0, hStride,
        1f, grads.weightHh().data(), 0, hid);
    for (int t = 0; t < steps; t++) {
      k.axpy(1f, dIh, t * gh, grads.biasIh().data(), 0, gh);
      k.axpy(1f, dHh, t * gh, grads.biasHh().data(), 0, gh);
    }
  }
}
