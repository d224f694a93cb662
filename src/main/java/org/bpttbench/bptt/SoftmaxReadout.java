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

  /** L = −log softmax(out_weight·h + out_bias)[target], computed stably in double. */
  public double loss(float[] h, int hOff, int target) {
    k.gemv(p.outWeight.data(), 0, classes, hidden, h, hOff, p.outBias.data(), 0, logits, 0);
    return logSumExp() - logits[target];
  }

  /**
   * Computes the loss and its gradients: adds dL/dh into {@code dh} and the read-out parameter
   * gradients into {@code grads}. Returns the loss.
   */
  public double backward(float[] h, int hOff, int target, float[] dh, int dhOff, Model grads) {
    double loss = loss(h, hOff, target);
    double lse = loss + logits[target];
    for (int v = 0; v < classes; v++) {
      logits[v] = (float) Math.exp(logits[v] - lse) - (v == target ? 1f : 0f);
    }
    k.gemvTAcc(p.outWeight.data(), 0, classes, hidden, logits, 0, dh, dhOff);
    k.ger(1f, logits, 0, h, hOff, grads.outWeight.data(), 0, classes, hidden);
    k.axpy(1f, logits, 0, grads.outBias.data(), 0, classes);
    return loss;
  }

  private double logSumExp() {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < classes; v++) {
      max = Math.max(max, logits[v]);
    }
    double s = 0;
    for (int v = 0; v < classes; v++) {
      s += Math.exp(logits[v] - max);
    }
    return max + Math.log(s);
  }
}
