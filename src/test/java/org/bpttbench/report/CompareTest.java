package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bpttbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {

  @TempDir
  Path dir;

  private static JmhResult result(String name, double score, double error) {
    return new JmhResult("org.bpttbench.bench." + name, "avgt", Map.of("backend", "simd",
        "hidden", "128"), score, error, "ns/op", Double.NaN, Double.NaN,
        new JmhResult.RunConfig(1, 1, "1 s", 1, "1 s", "java", List.of(), "17", "vm", "17",
            "1.37"));
  }

  @Test
  void flagsATwofoldChangeButNotOnePercentWithinError() {
    List<JmhResult> old = List.of(result("KernelBench.gemv", 1000, 20),
        result("KernelBench.ger", 1000, 20), result("KernelBench.tanh", 300, 3));
    List<JmhResult> neu = List.of(result("KernelBench.gemv", 2000, 40),
        result("KernelBench.ger", 1010, 20), result("KernelBench.tanh", 150, 3));
    Comparison c = new Comparison(old, neu);
    assertEquals(3, c.pairs().size());
    assertEquals("SLOWER", c.pairs().get(0).verdict());
    assertEquals(2.0, c.pairs().get(0).ratio().value(), 1e-12);
    assertEquals("~ within noise", c.pairs().get(1).verdict());
    assertEquals("FASTER", c.pairs().get(2).verdict());
    String table = c.table();
    assertTrue(table.contains("2.000× [1.922–2.082]"), table);
  }

  @Test
  void unmatchedBenchmarksAreListed() {
    Comparison c = new Comparison(List.of(result("KernelBench.gemv", 1, 0.1)),
        List.of(result("KernelBench.ger", 1, 0.1)));
    assertEquals(0, c.pairs().size());
    assertEquals(1, c.onlyOld().size());
    assertEquals(1, c.onlyNew().size());
  }

  @Test
  void commandReadsReportDirectoriesAndRejectsBadOnes() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    TestData.jmhJson(a);
    String doubled = Files.readString(a.resolve("jmh-result.json"))
        .replace("\"score\" : 2000.0,", "\"score\" : 4000.0,")
        .replaceFirst("\\[\\s*1960.0,\\s*2040.0\\s*],\\s*\\[\\s*2020.0,\\s*1980.0\\s*]",
            "[3960.0, 4040.0], [4020.0, 3980.0]");
    Files.writeString(b.resolve("jmh-result.json"), doubled);
    String out = compare(a, b);
    assertTrue(out.contains("SLOWER"), out);
    assertTrue(out.contains("1 outside the noise"), out);
    assertEquals(2, Main.run(new String[] {"compare", a.toString()}));
    assertEquals(2, Main.run(new String[] {"compare", a.toString(), dir.resolve("x").toString()}));
    assertEquals(2, Main.run(new String[] {"compare", dir.toString(), b.toString()}));
  }

  private static String runJson(String cpu, int bits) {
    return "{\"schema\": 1, \"cpu\": \"" + cpu + "\", \"vectorBits\": " + bits + ", \"jdk\": \"17\","
        + " \"vm\": \"vm\", \"flags\": []}";
  }

  private String compare(Path a, Path b) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      assertEquals(0, Main.run(new String[] {"compare", a.toString(), b.toString()}));
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anotherCpuOrVectorWidthIsNotComparable() throws Exception {
    Path a = Files.createDirectories(dir.resolve("avx512"));
    Path b = Files.createDirectories(dir.resolve("avx2"));
    TestData.jmhJson(a);
    TestData.jmhJson(b);
    Files.writeString(a.resolve(RunRecord.FILE), runJson("AMD EPYC", 512));
    Files.writeString(b.resolve(RunRecord.FILE), runJson("AMD Ryzen 9 5950X", 256));
    String out = compare(a, b);
    assertTrue(out.lines().skip(1).findFirst().orElse("").equals("Runs differ in CPU: AMD EPYC vs"
        + " AMD Ryzen 9 5950X; vector width: 512 bits vs 256 bits."), out);
    assertTrue(out.contains("not comparable: different CPU"), out);
    assertFalse(out.contains("SLOWER") || out.contains("FASTER") || out.contains("within noise"),
        out);
    assertTrue(out.contains("0 outside the noise"), out);
  }

  @Test
  void anotherJdkIsNamedBesideTheVerdict() throws Exception {
    Path a = Files.createDirectories(dir.resolve("jdk17"));
    Path b = Files.createDirectories(dir.resolve("jdk25"));
    TestData.jmhJson(a);
    Files.writeString(b.resolve("jmh-result.json"), Files.readString(a.resolve("jmh-result.json"))
        .replace("\"jdkVersion\" : \"17.0.15\"", "\"jdkVersion\" : \"25.0.1\"")
        .replace("\"score\" : 2000.0,", "\"score\" : 4000.0,")
        .replaceFirst("\\[\\s*1960.0,\\s*2040.0\\s*],\\s*\\[\\s*2020.0,\\s*1980.0\\s*]",
            "[3960.0, 4040.0], [4020.0, 3980.0]"));
    Files.writeString(a.resolve(RunRecord.FILE), runJson("AMD EPYC", 512));
    Files.writeString(b.resolve(RunRecord.FILE), runJson("AMD EPYC", 512));
    String out = compare(a, b);
    assertTrue(out.contains("Runs differ in JDK: 17.0.15 17.0.15+6-Debian-1deb12u1 vs 25.0.1"
        + " 17.0.15+6-Debian-1deb12u1."), out);
    assertTrue(out.contains("SLOWER (JDK differs)"), out);
    assertTrue(out.contains("~ within noise (JDK differs)"), out);
    assertTrue(out.contains("1 outside the noise"), out);
  }

  @Test
  void theTwoJdk25ReferenceRunsDifferInVectorWidthSoNothingIsCompared() throws Exception {
    Path ref = Path.of("reports/reference");
    List<JmhResult> wide = JmhResults.read(ref.resolve("jdk25/jmh-result.json"));
    List<JmhResult> avx2 = JmhResults.read(ref.resolve("avx2-emulated/jmh-result.json"));
    RunRecord a = RunRecord.read(ref.resolve("jdk25"), wide);
    RunRecord b = RunRecord.read(ref.resolve("avx2-emulated"), avx2);
    assertEquals(List.of("AMD EPYC", 512, "AMD EPYC", 256),
        List.of(a.cpu(), a.vectorBits(), b.cpu(), b.vectorBits()));
    assertEquals(java.util.Optional.of("different vector width"), a.incomparable(b));
    Comparison c = new Comparison(wide, a, avx2, b);
    assertFalse(c.pairs().isEmpty());
    assertTrue(c.pairs().stream().allMatch(p -> p.verdict().equals("not comparable: different"
        + " vector width")));
  }
}
