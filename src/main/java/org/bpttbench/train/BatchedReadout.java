package org.bpttbench.train;

import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * The linear read-out with softmax cross-entropy over many rows at once (all sequences of a step,
 * or all steps and sequences): logits = one GEMM, dL/dh = one GEMM, the read-out's weight gradient
 * = one GEMM over the rows. The loss of a row is computed stably in double, as in
 * {@link org.bpttbench.bptt.SoftmaxReadout}. Workspace is allocated once for {@code maxRows}.
 */
final class BatchedReadout {
  private final Kernels k;
  private final Model p;
  private final int classes;
  private final int hidden;
  private final float[] logits; // maxRows×V, then dL/dlogits in place
  private final float[] ones;   // maxRows: column sums as a gemv

  BatchedReadout(Model params, Kernels kernels, int maxRows) {
    this.k = kernels;
    this.p = params;
    this.classes = params.classes;
    this.hidden = params.hiddenSize;
    this.logits = new float[maxRows * classes];
    this.ones = new float[maxRows];
    java.util.Arrays.fill(ones, 1f);
  }

  /**
   * Σ over {@code rows} rows of −log softmax(out_weight·h + out_bias)[target]; the rows of h are
   * {@code ldh} floats apart from {@code hOff}, target of row r is {@code targets[tOff + r]}.
   */
  double lossSum(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff) {
    k.gemm(false, true, rows, classes, hidden, 1f, h, hOff, ldh, p.outWeight.data(), 0, hidden,
        0f, logits, 0, classes);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      k.add(logits, row, p.outBias.data(), 0, logits, row, classes);
      sum += logSumExp(row) - logits[row + checked(targets[tOff + r])];
    }
    return sum;
  }

  /**
   * {@link #lossSum} and the gradients of {@code scale}·(that sum): adds dL/dh into {@code dh}
   * (rows {@code ldh} apart from {@code dhOff}) and the read-out gradients into {@code grads}.
   */
  double backward(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff, float scale,
                  float[] dh, int dhOff, Model grads) {
    double sum = 0;
    k.gemm(false, true, rows, classes, hidden, 1f, h, hOff, ldh, p.outWeight.data(), 0, hidden,
        0f, logits, 0, classes);
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int target = checked(targets[tOff + r]);
      k.add(logits, row, p.outBias.data(), 0, logits, row, classes);
      double lse = logSumExp(row);
      sum += lse - logits[row + target];
      for (int v = 0; v < classes; v++) {
        float softmax = (float) Math.exp(logits[row + v] - lse);
        logits[row + v] = scale * (v == target ? softmax - 1f : softmax);
      }
    }
    k.gemm(false, false, rows, hidden, classes, 1f, logits, 0, classes, p.outWeight.data(), 0,
        hidden, 1f, dh, dhOff, ldh);
    k.gemm(true, false, classes, hidden, rows, 1f, logits, 0, classes, h, hOff, ldh,
        1f, grads.outWeight.data(), 0, hidden);
    k.gemvTAcc(logits, 0, rows, classes, ones, 0, grads.outBias.data(), 0);
    return sum;
  }

  private int checked(int target) {
    if (target < 0 || target >= classes) {
      throw new IllegalArgumentException("target " + target + " outside 0.." + (classes - 1));
    }
    return target;
  }

  private double logSumExp(int row) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < classes; v++) {
      max = Math.max(max, logits[row + v]);
    }
    double s = 0;
    for (int v = 0; v < classes; v++) {
      s += Math.exp(logits[row + v] - max);
    }
    return max + Math.log(s);
  }
}
