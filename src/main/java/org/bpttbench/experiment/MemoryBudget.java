package org.bpttbench.experiment;

import java.util.Locale;

/**
 * Refuses a run whose workspace cannot fit in this JVM's heap, from its sizes and before anything
 * is allocated: a one-line {@link IllegalArgumentException} in milliseconds instead of an
 * {@link OutOfMemoryError} after seconds of allocation.
 */
public final class MemoryBudget {
  /** Where users raise the heap: run-bench.sh passes it to every java it starts. */
  static final String HOW = "give it more with BPTT_JAVA_OPTS=-Xmx16g";

  private MemoryBudget() {}

  /** Throws unless {@code bytes} fit in {@link Runtime#maxMemory()}. */
  public static void require(long bytes, String sizes) {
    require(bytes, sizes, Runtime.getRuntime().maxMemory());
  }

  static void require(long bytes, String sizes, long limit) {
    if (bytes == Long.MAX_VALUE) {
      throw new IllegalArgumentException(sizes + " needs an array longer than Java allows"
          + " (2^31 − 9 elements) or more bytes than a long counts (expected smaller sizes)");
    }
    if (bytes > limit) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs %s of workspace; this JVM may use %s (%s, or lower the sizes)", sizes,
          gigabytes(bytes), gigabytes(limit), HOW));
    }
  }

  /** {@code 7.6 GB}, or {@code 12 MB} below a gigabyte. */
  static String gigabytes(long bytes) {
    return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / 1e6)));
  }
}
