package org.bpttbench.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Where the elements of a {@code float[]} fall against 64-byte cache lines. A 512-bit load that
 * straddles two lines costs two L1 accesses, and a product streaming a packed operand from L2 runs
 * at the rate of those accesses: one row times W_hhᵀ's 256 KB of panels (k = 128, n = 512) took
 * 1.72 µs with every load inside a line and 2.64 µs with every load straddling two, in Java as in
 * C (2026-12-04, Intel Xeon with AVX-512, one thread).
 *
 * <p>HotSpot puts an array's elements a fixed header after the object's start (16 bytes; 12 with
 * compact object headers) and starts objects on 8-byte boundaries, so where a line begins inside a
 * heap array is unknown, and can change when the collector moves the array, unless the JVM runs
 * with {@code -XX:ObjectAlignmentInBytes=64} (or more): then every object starts on a line and
 * element {@link #firstAlignedIndex()} of every float[] does too. Buffers this library allocates
 * for itself (the packed operands) start there; arrays it is handed are read where they are.
 */
public final class ArrayAlignment {
  /** Floats per 64-byte cache line. */
  public static final int LINE_FLOATS = 16;

  private static final int FIRST_ALIGNED = fromVmOptions();

  private ArrayAlignment() {}

  /**
   * The index of the first element of any float[] that starts a cache line, or 0 when the JVM does
   * not align objects to 64 bytes or its header size is not one of the known ones (nothing is
   * known then, and 0 is as good as any index).
   */
  public static int firstAlignedIndex() {
    return FIRST_ALIGNED;
  }

  /**
   * {@link #firstAlignedIndex()} for a JVM with these settings: objects aligned to
   * {@code objectAlignment} bytes, float elements {@code 12} bytes after the object with compact
   * object headers, 16 with compressed class pointers; 0 otherwise.
   */
  static int firstAlignedIndex(long objectAlignment, boolean compactHeaders,
                               boolean compressedClassPointers) {
    if (objectAlignment < 64 || objectAlignment % 64 != 0) {
      return 0;
    }
    int headerBytes = compactHeaders ? 12 : compressedClassPointers ? 16 : -1;
    return headerBytes < 0 ? 0 : (64 - headerBytes) / Float.BYTES % LINE_FLOATS;
  }

  private static int fromVmOptions() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (vm == null) {
        return 0;
      }
      long alignment = Long.parseLong(vm.getVMOption("ObjectAlignmentInBytes").getValue());
      return firstAlignedIndex(alignment, flag(vm, "UseCompactObjectHeaders"),
          flag(vm, "UseCompressedClassPointers"));
    } catch (RuntimeException | LinkageError e) {
      return 0; // not HotSpot, or no management module: alignment unknown
    }
  }

  /** A boolean VM option's value; false when this JVM does not have the option. */
  private static boolean flag(HotSpotDiagnosticMXBean vm, String name) {
    try {
      VMOption option = vm.getVMOption(name);
      return Boolean.parseBoolean(option.getValue());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
