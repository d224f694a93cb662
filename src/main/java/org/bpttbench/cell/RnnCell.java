package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * PyTorch's {@code nn.RNN}: {@code h_t = act(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)}, act = tanh or relu.
 *
 * <p>The input projections W_ih·x_t of all steps are one matrix product before the recurrence;
 * the weight gradients are matrix products over all steps after the backward sweep
 * (dW_hh = Σ_t g_t·h_{t−1}ᵀ = Gᵀ·H_prev), so the per-step work is one gemv each way.
 */
public final class RnnCell implements RecurrentCell {

  private final Kernels k;
  private final Model p;
  private final Activation act;
  private final int in;
  private final int hid;
  private final int maxSteps;
  private final float[] states;   // (maxSteps+1)×H, h_0 = 0
  private final float[] preact;   // maxSteps×H: W_ih·x_t + b_ih + b_hh (+ W_hh·h_{t−1} in place)
  private final float[] gateGrad; // maxSteps×H: g_t = dL/dz_t
  private final float[] bias;     // b_ih + b_hh
  private final float[] slope;    // H: act'(a_t), for the step Jacobian

  public RnnCell(Model params, Kernels kernels, int maxSteps) {
    if (params.kind != CellKind.RNN) {
      throw new IllegalArgumentException("RnnCell needs an rnn model, got " + params.kind.id());
    }
    this.k = kernels;
    this.p = params;
    this.act = params.activation;
    this.in = params.inputSize;
    this.hid = params.hiddenSize;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * hid];
    this.preact = new float[maxSteps * hid];
    this.gateGrad = new float[maxSteps * hid];
    this.bias = new float[hid];
    this.slope = new float[hid];
  }

  /** Heap bytes this class allocates for {@code maxSteps} (see {@link ArrayBytes}). */
  static long workspaceBytes(int input, int hidden, int maxSteps) {
    long steps = ArrayBytes.product(maxSteps, hidden);
    return ArrayBytes.sum(ArrayBytes.floats(steps + hidden), 2 * ArrayBytes.floats(steps),
        2 * ArrayBytes.floats(hidden));
  }

  @Override
  public CellKind kind() {
    return CellKind.RNN;
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int hiddenSize() {
    return hid;
  }

  @Override
  public int stateSize() {
    return hid;
  }

  @Override
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public float[] states() {
    return states;
  }

  @Override
  public void forward(float[] inputs, int inOff, int steps) {
    float[] whh = p.weightHh.data();
    k.add(p.biasIh.data(), 0, p.biasHh.data(), 0, bias, 0, hid);
    k.gemm(false, true, steps, hid, in, 1f, inputs, inOff, in, p.weightIh.data(), 0, in,
        0f, preact, 0, hid);
    for (int t = 1; t <= steps; t++) {
      int z = (t - 1) * hid;
      k.add(preact, z, bias, 0, preact, z, hid);
      k.gemvAcc(whh, 0, hid, hid, states, (t - 1) * hid, preact, z);
      if (act == Activation.TANH) {
        k.tanh(preact, z, states, t * hid, hid);
      } else {
        k.relu(preact, z, states, t * hid, hid);
      }
    }
  }

  @Override
  public void backwardStep(int t, float[] carry, int carryOff, float[] out, int outOff) {
    int g = (t - 1) * hid;
    if (act == Activation.TANH) {
      k.tanhBackward(states, t * hid, carry, carryOff, gateGrad, g, hid);
    } else {
      k.reluBackward(states, t * hid, carry, carryOff, gateGrad, g, hid);
    }
    k.gemvT(p.weightHh.data(), 0, hid, hid, gateGrad, g, out, outOff);
  }

  /** J = diag(act'(a_t))·W_hh, act' read off h_t: 1 − h² (tanh), 1[h &gt; 0] (relu). */
  @Override
  public void stepJacobian(int t, float[] jac, int off) {
    if (act == Activation.TANH) {
      k.tanhDerivative(states, t * hid, slope, 0, hid);
    } else {
      k.reluDerivative(states, t * hid, slope, 0, hid);
    }
    float[] w = p.weightHh.data();
    for (int i = 0; i < hid; i++) {
      int row = off + i * hid;
      java.util.Arrays.fill(jac, row, row + hid, 0f);
      k.axpy(slope[i], w, i * hid, jac, row, hid);
    }
  }

  @Override
  public void accumulateParameterGradients(float[] inputs, int inOff, int steps, Model grads) {
    ParameterGradients.accumulate(k, steps, gateGrad, gateGrad, inputs, inOff, states, hid, grads);
  }
}
