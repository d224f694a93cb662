package org.bpttbench.experiment;

/**
 * Loss and gradient norm before each update u = 0..updates of both runs.
 *
 * @param normBefore the clipped run's total gradient norm before clipping
 * @param normAfter the same after clipping
 */
public record ClipResult(ClipConfig config, String backend, double[] lossPlain,
                         double[] normPlain, double[] lossClipped, double[] normBefore,
                         double[] normAfter) {

  /** The first update whose loss or gradient norm is not finite, or null. */
  public static Integer firstNonFinite(double[] loss, double[] norm) {
    for (int u = 0; u < loss.length; u++) {
      if (!Double.isFinite(loss[u]) || !Double.isFinite(norm[u])) {
        return u;
      }
    }
    return null;
  }

  /** The first update from which the gradient is exactly 0 (so SGD no longer moves), or null. */
  public static Integer stalledFrom(double[] norm) {
    Integer from = null;
    for (int u = 0; u < norm.length; u++) {
      from = norm[u] == 0 ? (from == null ? u : from) : null;
    }
    return from;
  }

  /** The largest finite value, NaN if none. */
  public static double maxFinite(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (Double.isFinite(x) && !(x <= m)) {
        m = x;
      }
    }
    return m;
  }

  /** How many updates clipping scaled the gradient down. */
  public int clippedUpdates() {
    int n = 0;
    for (int u = 0; u < normBefore.length; u++) {
      n += normAfter[u] < normBefore[u] ? 1 : 0;
    }
    return n;
  }
}
