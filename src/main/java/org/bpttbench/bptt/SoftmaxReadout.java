package org.bpttbench.bptt;

import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * The linear read-out {@code logits = out_weight·h + out_bias} with softmax cross-entropy against one
 * target class: the lesson's per-step loss L_t. Workspace is allocated once.
 */
public final class SoftmaxReadout {
  private final Kernels k;
  private final Model p;
  private final int classes;
  private final int hidden;
  private final float[] logits;

  public SoftmaxReadout(Model params, Kernels kernels) {
    this.k = kernels;
    this.p = params;
    this.classes = params.classes;
    this.hidden = params.hiddenSize;
    this.logits = new float[classes];
  }

  static long workspaceBytes(int classes) {
    return ArrayBytes.floats(classes);
  }

  /**
   * L = −log softmax(out_weight·h + out_bias)[target], in double as
   * (m − l_target) + log1p(Σ_{j≠argmax} exp(l_j − m)) with m the largest logit, so a confident
   * right answer gives its true small loss (down to double's range) rather than 0.
   */
  public double loss(float[] h, int hOff, int target) {
    k.gemv(p.outWeight.data(), 0, classes, hidden, h, hOff, p.outBias.data(), 0, logits, 0);
    int top = 0;
    for (int v = 1; v < classes; v++) {
      if (logits[v] > logits[top]) {
        top = v;
      }
    }
    double max = logits[top];
    double rest = 0;
    for (int v = 0; v < classes; v++) {
      if (v != top) {
        rest += Math.exp(logits[v] - max);
      }
    }
    return (max - logits[target]) + Math.log1p(rest);
  }

  /**
   * Computes the loss and its gradients: adds dL/dh into {@code dh} and the read-out parameter
   * gradients into {@code grads}. Returns the loss.
   *
   * <p>dL/dlogit_j = p_j for j ≠ target and −Σ_{j≠target} p_j for the target, each p_j in double:
   * forming p_target − 1 would cancel to 0 once p_target rounds to 1 (below a loss of about 6e-8 in
   * float, 1e-16 in double) and the whole backward pass with it.
   */
  public double backward(float[] h, int hOff, int target, float[] dh, int dhOff, Model grads) {
    double loss = loss(h, hOff, target);
    double others = 0;
    for (int v = 0; v < classes; v++) {
      if (v != target) {
        double pv = Math.exp(((double) logits[v] - logits[target]) - loss);
        others += pv;
        logits[v] = (float) pv;
      }
    }
    logits[target] = (float) -others;
    k.gemvTAcc(p.outWeight.data(), 0, classes, hidden, logits, 0, dh, dhOff);
    k.ger(1f, logits, 0, h, hOff, grads.outWeight.data(), 0, classes, hidden);
    k.axpy(1f, logits, 0, grads.outBias.data(), 0, classes);
    return loss;
  }
}
