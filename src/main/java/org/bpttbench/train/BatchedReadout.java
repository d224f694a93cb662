package org.bpttbench.train;

import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/**
 * The linear read-out with softmax cross-entropy, or with one output and the squared error (the
 * regression read-out), over many rows at once (all sequences of a step, or all steps and
 * sequences): logits = one GEMM, dL/dh = one GEMM, the read-out's weight gradient
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
    project(h, hOff, ldh, rows);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
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
    project(h, hOff, ldh, rows);
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int target = checked(targets[tOff + r]);
      double lse = logSumExp(row);
      sum += lse - logits[row + target];
      for (int v = 0; v < classes; v++) {
        float softmax = (float) Math.exp(logits[row + v] - lse);
        logits[row + v] = scale * (v == target ? softmax - 1f : softmax);
      }
    }
    propagate(h, hOff, ldh, rows, dh, dhOff, grads);
    return sum;
  }

  /** How many of the {@code rows} rows have their target as the (first) largest logit. */
  int correct(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff) {
    project(h, hOff, ldh, rows);
    int n = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int best = 0;
      for (int v = 1; v < classes; v++) {
        best = logits[row + v] > logits[row + best] ? v : best;
      }
      n += best == checked(targets[tOff + r]) ? 1 : 0;
    }
    return n;
  }

  /**
   * The regression read-out (one output, {@code classes} = 1): Σ over rows of
   * (out_weight·h + out_bias − value)², value of row r {@code values[vOff + r]}, in double.
   */
  double squaredErrorSum(float[] h, int hOff, int ldh, int rows, float[] values, int vOff) {
    requireOneOutput();
    project(h, hOff, ldh, rows);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      double e = (double) logits[r] - values[vOff + r];
      sum += e * e;
    }
    return sum;
  }

  /**
   * {@link #squaredErrorSum} and the gradients of {@code scale}·(that sum) into {@code dh} and
   * {@code grads}, as {@link #backward} does: dL/dy_r = scale·2·(y_r − value_r).
   */
  double squaredErrorBackward(float[] h, int hOff, int ldh, int rows, float[] values, int vOff,
                              float scale, float[] dh, int dhOff, Model grads) {
    double sum = squaredErrorSum(h, hOff, ldh, rows, values, vOff);
    for (int r = 0; r < rows; r++) {
      logits[r] = scale * 2f * (logits[r] - values[vOff + r]);
    }
    propagate(h, hOff, ldh, rows, dh, dhOff, grads);
    return sum;
  }

  /** logits = h·out_weightᵀ + out_bias, one GEMM for all rows. */
  private void project(float[] h, int hOff, int ldh, int rows) {
    k.gemm(false, true, rows, classes, hidden, 1f, h, hOff, ldh, p.outWeight.data(), 0, hidden,
        0f, logits, 0, classes);
    for (int r = 0; r < rows; r++) {
      k.add(logits, r * classes, p.outBias.data(), 0, logits, r * classes, classes);
    }
  }

  /** With dL/dlogits in {@code logits}: dh += dlogits·out_weight, and the read-out's gradients. */
  private void propagate(float[] h, int hOff, int ldh, int rows, float[] dh, int dhOff,
                         Model grads) {
    k.gemm(false, false, rows, hidden, classes, 1f, logits, 0, classes, p.outWeight.data(), 0,
        hidden, 1f, dh, dhOff, ldh);
    k.gemm(true, false, classes, hidden, rows, 1f, logits, 0, classes, h, hOff, ldh,
        1f, grads.outWeight.data(), 0, hidden);
    k.gemvTAcc(logits, 0, rows, classes, ones, 0, grads.outBias.data(), 0);
  }

  private void requireOneOutput() {
    if (classes != 1) {
      throw new IllegalArgumentException("the mean-squared-error read-out needs one output"
          + " (out_weight [1×H]), got " + classes);
    }
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
