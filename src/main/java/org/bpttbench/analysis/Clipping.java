package org.bpttbench.analysis;

import java.util.List;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * Gradient clipping with the semantics of PyTorch's {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}.
 *
 * <p>{@link #clipGradNorm}: total = 2-norm of all gradients as if concatenated, computed as the
 * 2-norm of the per-tensor 2-norms ({@link Kernels#norm2}, which neither overflows nor underflows),
 * combined in double (squares of float norms stay far inside double's range);
 * {@code clip_coef = max_norm / (total + 1e-6)}; the gradients are multiplied by clip_coef when it
 * is below 1 (PyTorch multiplies by {@code clamp(clip_coef, max=1)} unconditionally, which is the
 * same thing: ×1 is exact). Returns the pre-clipping total. Non-finite totals, as in PyTorch:
 * with {@code errorIfNonfinite} an exception with PyTorch's message; otherwise total = ∞ gives
 * clip_coef = 0 (finite entries become 0, infinite ones NaN) and total = NaN gives clip_coef = NaN,
 * which PyTorch's clamp propagates (every entry becomes NaN). No gradients: total 0, nothing done.
 */
public final class Clipping {
  /** PyTorch's {@code 1e-6} in {@code max_norm / (total_norm + 1e-6)}. */
  public static final double EPS = 1e-6;

  private Clipping() {}

  /** Thrown for a non-finite total norm when {@code errorIfNonfinite} is set (PyTorch: RuntimeError). */
  public static final class NonFiniteNormException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    NonFiniteNormException(String message) {
      super(message);
    }
  }

  /** The 2-norm of all entries of all arrays, as if concatenated. */
  public static double totalNorm(Kernels k, List<float[]> grads) {
    double sumSq = 0;
    for (float[] g : grads) {
      double n = k.norm2(g, 0, g.length);
      sumSq += n * n;
    }
    return Math.sqrt(sumSq);
  }

  /** {@link #totalNorm(Kernels, List)} over the six gradient tensors of {@code grads}. */
  public static double totalNorm(Kernels k, Model grads) {
    return totalNorm(k, arrays(grads));
  }

  /** {@code clip_grad_norm_(grads, maxNorm, 2.0, errorIfNonfinite)}; returns the pre-clipping total. */
  public static double clipGradNorm(Kernels k, List<float[]> grads, double maxNorm,
                                    boolean errorIfNonfinite) {
    if (grads.isEmpty()) {
      return 0;
    }
    double total = totalNorm(k, grads);
    if (errorIfNonfinite && !Double.isFinite(total)) {
      throw new NonFiniteNormException("The total norm of order 2.0 for gradients from"
          + " `parameters` is non-finite, so it cannot be clipped. To disable this error and scale"
          + " the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
    }
    double coef = maxNorm / (total + EPS);
    if (!(coef >= 1.0)) { // coef < 1, or NaN (PyTorch's clamp propagates NaN)
      float c = (float) coef;
      for (float[] g : grads) {
        k.scale(c, g, 0, g.length);
      }
    }
    return total;
  }

  /** {@link #clipGradNorm(Kernels, List, double, boolean)} over the six gradient tensors. */
  public static double clipGradNorm(Kernels k, Model grads, double maxNorm,
                                    boolean errorIfNonfinite) {
    return clipGradNorm(k, arrays(grads), maxNorm, errorIfNonfinite);
  }

  /** {@code clip_grad_value_}: every entry clamped to [−v, v]; NaN stays NaN. */
  public static void clipByValue(List<float[]> grads, float clipValue) {
    if (!(clipValue >= 0)) {
      throw new IllegalArgumentException("clip value must be >= 0, got " + clipValue);
    }
    for (float[] g : grads) {
      for (int i = 0; i < g.length; i++) {
        float x = g[i];
        if (x > clipValue) {
          g[i] = clipValue;
        } else if (x < -clipValue) {
          g[i] = -clipValue;
        }
      }
    }
  }

  public static void clipByValue(Model grads, float clipValue) {
    clipByValue(arrays(grads), clipValue);
  }

  private static List<float[]> arrays(Model m) {
    List<Tensor> ts = m.tensors();
    float[][] a = new float[ts.size()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = ts.get(i).data();
    }
    return List.of(a);
  }
}
