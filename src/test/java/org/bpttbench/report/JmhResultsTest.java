package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

  @TempDir
  Path dir;

  @Test
  void parsesScoresParamsAllocationAndRunSettings() throws Exception {
    List<JmhResult> rs = JmhResults.read(TestData.jmhJson(dir));
    assertEquals(24, rs.size());
    JmhResult first = rs.get(0);
    assertEquals("KernelBench.gemv", first.shortName());
    assertEquals("KernelBench", first.className());
    assertEquals("gemv", first.method());
    assertEquals("scalar", first.param("backend"));
    assertEquals(64, first.intParam("hidden"));
    assertEquals(2000.0, first.score());
    assertEquals(40.0, first.error(), 1e-9);
    assertEquals("ns/op", first.unit());
    assertEquals(0.01, first.allocBytesPerOp(), 1e-12);
    assertEquals(2, first.run().forks());
    assertEquals("500 ms", first.run().measurementTime());
    assertTrue(first.run().jvmArgs().contains("--add-modules=jdk.incubator.vector"));
    assertEquals("17.0.15", first.run().jdkVersion());
  }

  @Test
  void nanErrorAndMissingParamsAreAccepted() throws Exception {
    JmhResult peak = JmhResults.read(TestData.jmhJson(dir)).stream()
        .filter(r -> r.shortName().equals("PeakBench.fmaPeak")).findFirst().orElseThrow();
    assertTrue(Double.isNaN(peak.error()));
    assertTrue(peak.params().isEmpty());
  }

  @Test
  void badFilesAreUsageErrorsNamingTheFile() throws Exception {
    Path missing = dir.resolve("nope.json");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResults.read(missing));
    assertTrue(e.getMessage().contains("nope.json"));
    Path notArray = Files.writeString(dir.resolve("obj.json"), "{\"a\":1}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(notArray)).getMessage()
        .contains("expected a JSON array"));
    Path garbage = Files.writeString(dir.resolve("g.json"), "[{\"benchmark\":");
    assertThrows(IllegalArgumentException.class, () -> JmhResults.read(garbage));
  }
}
