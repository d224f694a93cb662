package org.bpttbench.io;

import java.util.Optional;

/** Finds NaN and infinite values, and describes them for the user. */
public final class NonFinite {

  private NonFinite() {}

  /** Index of the first NaN or ±Infinity in {@code values}, or -1 if all are finite. */
  public static int firstIndex(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A one-line message naming the first non-finite value of {@code array} and where it is, e.g.
   * {@code weight_hh.npy: non-finite value NaN at index (3, 7) (use --allow-nonfinite to run
   * anyway)}; empty if all values are finite.
   */
  public static Optional<String> check(String fileName, NpyArray array) {
    int flat = firstIndex(array.data());
    if (flat < 0) {
      return Optional.empty();
    }
    int[] index = Shapes.multiIndex(array.shape(), flat);
    return Optional.of(OneLine.of(fileName) + ": non-finite value " + array.data()[flat]
        + " at index " + Shapes.tuple(index) + " (use --allow-nonfinite to run anyway)");
  }
}
