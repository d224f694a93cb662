package org.bpttbench.bptt;

import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.Kernels;

/**
 * The curve ‖dL_T/dh_t‖₂ for t = 1..T (and ‖dL_T/dc_t‖₂ for LSTM), exact far beyond float's range.
 *
 * <p>The backward sweep is linear in the carried gradient, so it is run on a copy that is rescaled
 * after every step by a power of two (exact in binary floating point: the digits do not change),
 * with the accumulated exponent kept as an int. A norm of 1e-60 or 1e+60 is then reported correctly
 * where float32 autograd would give 0 or ∞. Parameter gradients are not touched.
 */
public final class GradientCurve {
  private final Kernels k;
  private final float[] carry;
  private final float[] next;
  private final double[] log10H;
  private final double[] log10C;

  public GradientCurve(Kernels kernels, int maxSteps, int stateSize) {
    this.k = kernels;
    this.carry = new float[stateSize];
    this.next = new float[stateSize];
    this.log10H = new double[maxSteps];
    this.log10C = new double[maxSteps];
  }

  static long workspaceBytes(int maxSteps, long stateSize) {
    return ArrayBytes.sum(2 * ArrayBytes.floats(stateSize), 2 * ArrayBytes.doubles(maxSteps));
  }

  /**
   * Recomputes the curve from the last {@link Bptt#run} of one sequence with
   * {@link LossMode#FINAL}: its dL/d(state_T) is the start; the cell's forward activations are
   * reused.
   *
   * @throws IllegalArgumentException when that run had more than one sequence
   */
  public void compute(Bptt bptt) {
    if (bptt.batch() != 1) {
      throw new IllegalArgumentException("the gradient curve follows one sequence, the last run"
          + " had " + bptt.batch());
    }
    RecurrentCell cell = bptt.cell();
    int steps = bptt.steps();
    int s = bptt.stateSize();
    int h = bptt.hiddenSize();
    System.arraycopy(bptt.stateGrad(), (steps - 1) * s, carry, 0, s);
    int exponent = 0;
    for (int t = steps; t >= 1; t--) {
      exponent += renormalise(carry, s);
      log10H[t - 1] = log10Norm(carry, 0, h, exponent);
      cell.backwardStep(t, carry, 0, next, 0);
      log10C[t - 1] = s > h ? log10Norm(cell.totalCellGradient(), 0, h, exponent) : Double.NaN;
      System.arraycopy(next, 0, carry, 0, s);
    }
  }

  /** log10 ‖dL_T/dh_t‖ for t = 1..T at index t−1; −∞ for an exactly zero gradient. */
  public double[] log10HiddenNorms() {
    return log10H;
  }

  /** log10 ‖dL_T/dc_t‖, the total derivative including the path c_t → h_t (LSTM only; NaN otherwise). */
  public double[] log10CellNorms() {
    return log10C;
  }

  /** ‖dL_T/dh_t‖ as a double (0 or ∞ only outside double's range). */
  public double hiddenNorm(int t) {
    return Math.pow(10, log10H[t - 1]);
  }

  public double cellNorm(int t) {
    return Math.pow(10, log10C[t - 1]);
  }

  /** Scales v by 2^−e so that its largest entry lies in [1, 2); returns e (0 for zero or non-finite). */
  private int renormalise(float[] v, int n) {
    float max = k.maxAbs(v, 0, n);
    if (max == 0f || !Float.isFinite(max)) {
      return 0;
    }
    int e = Math.getExponent(max);
    if (max < Float.MIN_NORMAL) {
      e = Math.getExponent(max * 0x1p64f) - 64;
    }
    scaleByPowerOfTwo(v, n, -e);
    return e;
  }

  /** Multiplies by 2^p in at most two exact steps (2^p itself may not be a normal float). */
  private void scaleByPowerOfTwo(float[] v, int n, int p) {
    while (p != 0) {
      int step = Math.max(-126, Math.min(127, p));
      k.scale(Math.scalb(1f, step), v, 0, n);
      p -= step;
    }
  }

  private double log10Norm(float[] v, int off, int n, int exponent) {
    double norm = k.norm2(v, off, n);
    if (norm == 0 || !Double.isFinite(norm)) {
      return norm == 0 ? Double.NEGATIVE_INFINITY : norm;
    }
    return Math.log10(norm) + exponent * Math.log10(2);
  }
}
