package org.bpttbench.bptt;

import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * The linear read-out {@code y = out_weight·h + out_bias} (h: the last layer's output, D·H wide)
 * over many rows at once (all sequences
 * of a step, or all steps and sequences), with softmax cross-entropy against a target class per
 * row (the lesson's per-step loss L_t) or, with one output, the squared error (the regression
 * read-out). Logits are one GEMM, dL/dh one GEMM, the read-out's weight gradient one GEMM over the
 * rows (gemv and ger for a single row). Workspace is allocated once for {@code maxRows}.
 *
 * <p><b>Exact when confident.</b> A row's loss is computed in double as
 * (m − l_target) + log1p(Σ_{j≠argmax} exp(l_j − m)), m the largest logit, so a confident right
 * answer gives its true small loss (down to double's range) rather than 0; and dL/dlogit_j = p_j
 * for j ≠ target and −Σ_{j≠target} p_j for the target, each p_j in double: forming p_target − 1
 * would cancel to 0 once p_target rounds to 1 (below a loss of about 6e-8 in float, 1e-16 in
 * double) and the whole backward pass with it.
 */
public final class Readout {
  private final Kernels k;
  private final Tensor outWeight;
  private final Tensor outBias;
  private final int classes;
  private final int hidden;
  private final float[] logits; // maxRows×V, then dL/dlogits in place
  private final float[] ones;   // maxRows: column sums as a gemv

  public Readout(Model params, Kernels kernels, int maxRows) {
    this(params.outWeight, params.outBias, kernels, maxRows);
  }

  /**
   * The read-out of any sequence model: {@code outWeight [V×W]}, {@code outBias [V]} (shared, not
   * copied), W the width of the rows it reads.
   */
  public Readout(Tensor outWeight, Tensor outBias, Kernels kernels, int maxRows) {
    this.k = kernels;
    this.outWeight = outWeight;
    this.outBias = outBias;
    this.classes = outWeight.shape()[0];
    this.hidden = outWeight.shape()[1];
    this.logits = new float[maxRows * classes];
    this.ones = new float[maxRows];
    java.util.Arrays.fill(ones, 1f);
  }

  /** Heap bytes the constructor allocates for these sizes (see {@link ArrayBytes}). */
  static long workspaceBytes(int classes, long maxRows) {
    return ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(maxRows, classes)),
        ArrayBytes.floats(maxRows));
  }

  /** −log softmax(out_weight·h + out_bias)[target] of the one row of h at {@code hOff}. */
  public double loss(float[] h, int hOff, int target) {
    project(h, hOff, hidden, 1);
    return rowLoss(0, checked(target));
  }

  /**
   * Σ over {@code rows} rows of −log softmax(out_weight·h + out_bias)[target]; the rows of h are
   * {@code ldh} floats apart from {@code hOff}, target of row r is {@code targets[tOff + r]}.
   */
  public double lossSum(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff) {
    project(h, hOff, ldh, rows);
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += rowLoss(r * classes, checked(targets[tOff + r]));
    }
    return sum;
  }

  /**
   * {@link #lossSum} and the gradients of {@code scale}·(that sum): adds dL/dh into {@code dh}
   * (rows {@code ldh} apart from {@code dhOff}) and the read-out gradients into {@code grads}.
   */
  public double backward(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff,
                         float scale, float[] dh, int dhOff, Model grads) {
    return backward(h, hOff, ldh, rows, targets, tOff, scale, dh, dhOff, grads.outWeight,
        grads.outBias);
  }

  /** {@link #backward} adding the read-out's gradients into {@code gradWeight}, {@code gradBias}. */
  public double backward(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff,
                         float scale, float[] dh, int dhOff, Tensor gradWeight,
                         Tensor gradBias) {
    double sum = 0;
    project(h, hOff, ldh, rows);
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int target = checked(targets[tOff + r]);
      double loss = rowLoss(row, target);
      sum += loss;
      double lt = logits[row + target];
      double others = 0;
      for (int v = 0; v < classes; v++) {
        if (v != target) {
          double pv = Math.exp(((double) logits[row + v] - lt) - loss);
          others += pv;
          logits[row + v] = (float) (scale * pv);
        }
      }
      logits[row + target] = (float) (-scale * others);
    }
    propagate(h, hOff, ldh, rows, dh, dhOff, gradWeight, gradBias);
    return sum;
  }

  /** How many of the {@code rows} rows have their target as the (first) largest logit. */
  public int correct(float[] h, int hOff, int ldh, int rows, int[] targets, int tOff) {
    project(h, hOff, ldh, rows);
    int n = 0;
    for (int r = 0; r < rows; r++) {
      n += argmax(r * classes) == checked(targets[tOff + r]) ? 1 : 0;
    }
    return n;
  }

  /**
   * The regression read-out (one output, {@code classes} = 1): Σ over rows of
   * (out_weight·h + out_bias − value)², value of row r {@code values[vOff + r]}, in double.
   */
  public double squaredErrorSum(float[] h, int hOff, int ldh, int rows, float[] values,
                                int vOff) {
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
  public double squaredErrorBackward(float[] h, int hOff, int ldh, int rows, float[] values,
                                     int vOff, float scale, float[] dh, int dhOff, Model grads) {
    return squaredErrorBackward(h, hOff, ldh, rows, values, vOff, scale, dh, dhOff,
        grads.outWeight, grads.outBias);
  }

  /** {@link #squaredErrorBackward} into {@code gradWeight}, {@code gradBias}. */
  public double squaredErrorBackward(float[] h, int hOff, int ldh, int rows, float[] values,
                                     int vOff, float scale, float[] dh, int dhOff,
                                     Tensor gradWeight, Tensor gradBias) {
    double sum = squaredErrorSum(h, hOff, ldh, rows, values, vOff);
    for (int r = 0; r < rows; r++) {
      logits[r] = scale * 2f * (logits[r] - values[vOff + r]);
    }
    propagate(h, hOff, ldh, rows, dh, dhOff, gradWeight, gradBias);
    return sum;
  }

  /** logits = h·out_weightᵀ + out_bias: one GEMM for all rows, a gemv for one. */
  private void project(float[] h, int hOff, int ldh, int rows) {
    if (rows == 1) {
      k.gemv(outWeight.data(), 0, classes, hidden, h, hOff, outBias.data(), 0, logits, 0);
      return;
    }
    k.gemm(false, true, rows, classes, hidden, 1f, h, hOff, ldh, outWeight.data(), 0, hidden,
        0f, logits, 0, classes);
    for (int r = 0; r < rows; r++) {
      k.add(logits, r * classes, outBias.data(), 0, logits, r * classes, classes);
    }
  }

  /** With dL/dlogits in {@code logits}: dh += dlogits·out_weight, and the read-out's gradients. */
  private void propagate(float[] h, int hOff, int ldh, int rows, float[] dh, int dhOff,
                         Tensor gradWeight, Tensor gradBias) {
    float[] w = outWeight.data();
    if (rows == 1) {
      k.gemvTAcc(w, 0, classes, hidden, logits, 0, dh, dhOff);
      k.ger(1f, logits, 0, h, hOff, gradWeight.data(), 0, classes, hidden);
      k.axpy(1f, logits, 0, gradBias.data(), 0, classes);
      return;
    }
    k.gemm(false, false, rows, hidden, classes, 1f, logits, 0, classes, w, 0, hidden, 1f, dh,
        dhOff, ldh);
    k.gemm(true, false, classes, hidden, rows, 1f, logits, 0, classes, h, hOff, ldh,
        1f, gradWeight.data(), 0, hidden);
    k.gemvTAcc(logits, 0, rows, classes, ones, 0, gradBias.data(), 0);
  }

  /** (m − l_target) + log1p(Σ_{j≠top} exp(l_j − m)) of the logits row at {@code row}. */
  private double rowLoss(int row, int target) {
    int top = argmax(row);
    double max = logits[row + top];
    double rest = 0;
    for (int v = 0; v < classes; v++) {
      if (v != top) {
        rest += Math.exp(logits[row + v] - max);
      }
    }
    return (max - logits[row + target]) + Math.log1p(rest);
  }

  private int argmax(int row) {
    int best = 0;
    for (int v = 1; v < classes; v++) {
      best = logits[row + v] > logits[row + best] ? v : best;
    }
    return best;
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
}
