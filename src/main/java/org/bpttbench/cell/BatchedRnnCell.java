package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * {@link RnnCell}'s equations over a batch: per step one GEMM (B×H)·W_hhᵀ, then the activation
 * over the whole contiguous B×H block of the step. Backward is elementwise over the block plus one
 * GEMM (B×H)·W_hh.
 */
final class BatchedRnnCell extends BatchedCellBase {
  private final float[] preact;   // maxSteps·maxBatch×H: W_ih·x + b_ih + b_hh + W_hh·h_{t−1}
  private final float[] gateGrad; // maxSteps·maxBatch×H: dL/dz_t
  private final float[] bias;     // b_ih + b_hh

  BatchedRnnCell(Model params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.RNN, kernels, maxBatch, maxSteps);
    this.preact = new float[maxSteps * maxBatch * hid];
    this.gateGrad = new float[maxSteps * maxBatch * hid];
    this.bias = new float[hid];
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjectionWithBothBiases(k, p, bias, inputs, inOff, steps * batch, preact);
    int block = batch * hid;
    for (int t = 1; t <= steps; t++) {
      int z = gateRow(t);
      BatchProducts.recurrent(k, p, states, state(t - 1, 0), hid, batch, 1f, preact, z);
      if (p.activation == Activation.TANH) {
        k.tanh(preact, z, states, state(t, 0), block);
      } else {
        k.relu(preact, z, states, state(t, 0), block);
      }
    }
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int g = gateRow(t);
    int block = batch * hid;
    if (p.activation == Activation.TANH) {
      k.tanhBackward(states, state(t, 0), carry, carryOff, gateGrad, g, block);
    } else {
      k.reluBackward(states, state(t, 0), carry, carryOff, gateGrad, g, block);
    }
    BatchProducts.carry(k, p, gateGrad, g, batch, 0f, out, outOff, hid);
  }

  @Override
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps * batch, gateGrad, gateGrad, inputs, inOff, states, hid,
        grads);
  }
}
