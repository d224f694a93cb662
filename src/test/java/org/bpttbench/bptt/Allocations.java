package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Bytes this thread allocates while building something, from the JVM's per-thread counter. */
public final class Allocations {
  private Allocations() {}

  /** Builds once untimed (class loading is not part of it), then returns the bytes of a second build. */
  public static long measure(Supplier<Object> build) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
    mx.setThreadAllocatedMemoryEnabled(true);
    long id = Thread.currentThread().getId();
    build.get();
    long before = mx.getThreadAllocatedBytes(id);
    Object built = build.get();
    long used = mx.getThreadAllocatedBytes(id) - before;
    if (built == null) {
      throw new AssertionError("nothing built");
    }
    return used;
  }
}
