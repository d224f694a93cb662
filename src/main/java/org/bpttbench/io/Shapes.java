package org.bpttbench.io;

/** Small helpers for shapes and indices, formatted the way Python prints tuples. */
final class Shapes {

  private Shapes() {}

  /** {@code ()}, {@code (5,)}, {@code (3, 4)}. */
  static String tuple(int[] values) {
    if (values.length == 1) {
      return "(" + values[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values[i]);
    }
    return sb.append(')').toString();
  }

  /** Number of elements; {@code -1} if it does not fit in a {@code long}. */
  static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d == 0) {
        return 0;
      }
    }
    for (int d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n;
  }

  /** The C-order multi-index of flat position {@code flat} in an array of the given shape. */
  static int[] multiIndex(int[] shape, int flat) {
    int[] index = new int[shape.length];
    int rest = flat;
    for (int k = shape.length - 1; k >= 0; k--) {
      index[k] = rest % shape[k];
      rest /= shape[k];
    }
    return index;
  }
}
