package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.RNN}: {@code h_t = act(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)}, act = tanh or
 * relu.
 *
 * <p>The input projections W_ih·x_t + b_ih + b_hh of all steps and sequences are one GEMM before
 * the recurrence; per step one product (B×H)·W_hhᵀ ({@link BatchProducts}), then the activation
 * over the step's contiguous B×H block. Backward is elementwise over the block plus one product (B×H)·W_hh;
 * the weight gradients are GEMMs over all rows after the sweep (dW_hh = Σ g·h_{t−1}ᵀ).
 */
public final class RnnCell extends CellBase {
  private final float[] preact;   // maxSteps·maxBatch×H: W_ih·x + b_ih + b_hh + W_hh·h_{t−1}
  private final float[] gateGrad; // maxSteps·maxBatch×H: dL/dz_t
  private final float[] bias;     // b_ih + b_hh
  private final float[] slope;    // H: act'(a_t), for the step Jacobian

  public RnnCell(Layer params, Kernels kernels, int maxBatch, int maxSteps) {
    super(params, CellKind.RNN, kernels, maxBatch, maxSteps);
    this.preact = perRow(hid);
    this.gateGrad = perRow(hid);
    this.bias = new float[hid];
    this.slope = new float[hid];
  }

  /** Heap bytes this class allocates (see {@link ArrayBytes}). */
  static long workspaceBytes(int hidden, int maxBatch, int maxSteps) {
    return ArrayBytes.sum(stateBytes(CellKind.RNN, hidden, maxBatch, maxSteps),
        2 * rowBytes(maxBatch, maxSteps, hidden), 2 * ArrayBytes.floats(hidden));
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    begin(batch, steps);
    BatchProducts.inputProjectionWithBothBiases(k, p, bias, inputs, inOff, steps * batch, preact);
    int block = batch * hid;
    for (int t = 1; t <= steps; t++) {
      int z = gateRow(t);
      BatchProducts.recurrent(k, p, forwardPacked, states, state(t - 1, 0), hid, batch, 1f,
          preact, z);
      if (p.activation() == Activation.TANH) {
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
    if (p.activation() == Activation.TANH) {
      k.tanhBackward(states, state(t, 0), carry, carryOff, gateGrad, g, block);
    } else {
      k.reluBackward(states, state(t, 0), carry, carryOff, gateGrad, g, block);
    }
    BatchProducts.carry(k, p, carryPacked, gateGrad, g, batch, 0f, out, outOff, hid);
  }

  /** J = diag(act'(a_t))·W_hh, act' read off h_t: 1 − h² (tanh), 1[h &gt; 0] (relu). */
  @Override
  public void stepJacobian(int t, int b, float[] jac, int off) {
    if (p.activation() == Activation.TANH) {
      k.tanhDerivative(states, state(t, b), slope, 0, hid);
    } else {
      k.reluDerivative(states, state(t, b), slope, 0, hid);
    }
    float[] w = p.weightHh().data();
    for (int i = 0; i < hid; i++) {
      int row = off + i * hid;
      java.util.Arrays.fill(jac, row, row + hid, 0f);
      k.axpy(slope[i], w, i * hid, jac, row, hid);
    }
  }

  @Override
  float[] inputSideGradients() {
    return gateGrad;
  }

  @Override
  float[] hiddenSideGradients() {
    return gateGrad;
  }
}
