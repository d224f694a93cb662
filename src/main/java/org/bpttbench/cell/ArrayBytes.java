package org.bpttbench.cell;

/**
 * Heap bytes of primitive arrays, an upper bound for HotSpot's 64-bit layouts (an array header is
 * 16 bytes with compressed class pointers, 24 without; the payload is padded to 8), in
 * overflow-checked {@code long} arithmetic. Every method throws {@link ArithmeticException} when a
 * size overflows {@code long} or one array would be longer than a Java array can be.
 */
public final class ArrayBytes {
  /** The longest array HotSpot allocates (a few slots below {@link Integer#MAX_VALUE}). */
  public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;
  private static final long HEADER = 24;

  private ArrayBytes() {}

  public static long floats(long n) {
    return array(n, 4);
  }

  public static long doubles(long n) {
    return array(n, 8);
  }

  public static long ints(long n) {
    return array(n, 4);
  }

  /** a·b·…, exact. */
  public static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      p = Math.multiplyExact(p, f);
    }
    return p;
  }

  /** a + b + …, exact. */
  public static long sum(long... terms) {
    long s = 0;
    for (long t : terms) {
      s = Math.addExact(s, t);
    }
    return s;
  }

  private static long array(long n, int width) {
    if (n < 0 || n > MAX_LENGTH) {
      throw new ArithmeticException("an array of " + n + " elements exceeds Java's limit of "
          + MAX_LENGTH);
    }
    return HEADER + ((n * width + 7) & ~7L);
  }
}
