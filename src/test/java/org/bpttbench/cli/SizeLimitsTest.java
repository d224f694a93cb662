package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11's table: sizes that used to end in an overflow, NegativeArraySizeException or
 * OutOfMemoryError after seconds of allocation are refused up front with one line and status 2.
 * "Up front" is checked as allocation, not time: the refusal must allocate under 64 MB.
 */
class SizeLimitsTest {
  private static final long HEAP = Runtime.getRuntime().maxMemory();

  @TempDir
  Path dir;

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "gradnorm --hidden 100000          | hidden 100000 | 0",
      "gradnorm --steps 2147483647       | steps 2147483647 | 0",
      "gradnorm --steps 10000000         | needs 1     | 10000000000",
      "gradnorm --hidden 20000           | hidden 20000  | 20000000000",
      "jacobian --steps 1000000          | steps 1000000 | 0",
      "sweep --steps 10000000            | steps 10000000 | 10000000000",
      "curves --steps 10000000           | steps 10000000 | 10000000000",
      "saturation --steps 10000000       | steps 10000000 | 10000000000",
      "clip --steps 10000000             | steps 10000000 | 10000000000",
  })
  void oversizedRunsAreRefusedBeforeAllocating(String command, String named, long heapBelow) {
    assumeTrue(heapBelow == 0 || HEAP < heapBelow, "this JVM's heap would hold the run");
    String[] argv = (command + " --out " + dir.resolve("out")).split(" +");
    long before = allocatedBytes();
    CliRunner r = CliRunner.run(argv);
    long allocated = allocatedBytes() - before;
    assertEquals(2, r.status, r.err);
    assertTrue(r.oneLineError(), r.err);
    assertTrue(r.err.contains(named), r.err);
    assertTrue(r.err.contains("needs"), r.err);
    assertTrue(allocated < 64 << 20, "allocated " + allocated + " bytes before refusing");
    assertTrue(!Files.exists(dir.resolve("out")), "no output directory");
  }

  @ParameterizedTest(name = "--rho {0}")
  @CsvSource({"1e-300", "1e300"})
  void scalesThatLeaveFloat32AreRefused(String rho) {
    CliRunner r = CliRunner.run("gradnorm", "--rho", rho, "--hidden", "8", "--steps", "5",
        "--out", dir.resolve("out").toString());
    assertEquals(2, r.status, r.err);
    assertTrue(r.oneLineError(), r.err);
    assertTrue(r.err.contains("float32"), r.err);
  }
}
