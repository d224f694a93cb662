package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bpttbench.kernel.KernelProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI in fresh JVMs the way users start it: without the incubator module (scalar fallback,
 * one line saying so; forcing simd is a clean error) and on a narrower vector ISA (-XX:UseAVX=2,
 * 256-bit vectors) where the SIMD backend must still agree with scalar.
 */
class RuntimeEnvironmentTest {
  @TempDir Path tmp;

  private record Result(int status, String out, String err) {}

  private static Result java(List<String> jvmArgs, String... mainArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(mainArgs));
    Process p = new ProcessBuilder(cmd).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static String[] small(Path out, String backend) {
    return new String[] {"gradnorm", "--out", out.toString(), "--hidden", "37", "--input", "5",
        "--steps", "30", "--backend", backend};
  }

  @Test
  void withoutTheIncubatorModuleAutoFallsBackToScalarWithOneLine() throws Exception {
    Result r = java(List.of(), small(tmp.resolve("auto"), "auto"));
    assertEquals(0, r.status, r.err);
    List<String> lines = r.err.strip().lines().toList();
    assertEquals(1, lines.size(), r.err);
    assertTrue(lines.get(0).contains("using the scalar backend")
        && lines.get(0).contains("--add-modules jdk.incubator.vector"), r.err);
    assertTrue(Files.readString(tmp.resolve("auto/summary.json")).contains("\"scalar\""));
  }

  @Test
  void withoutTheIncubatorModuleForcingSimdIsAClearError() throws Exception {
    Result r = java(List.of(), small(tmp.resolve("simd"), "simd"));
    assertEquals(2, r.status, r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertTrue(r.err.contains("backend 'simd' is not available")
        && r.err.contains("jdk.incubator.vector"), r.err);
    assertTrue(Files.notExists(tmp.resolve("simd")));
  }

  @Test
  void simdOnAvx2AgreesWithScalar() throws Exception {
    String arch = System.getProperty("os.arch");
    assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
    assumeTrue(KernelProvider.simdAvailable(), "SIMD backend not available in this JVM");
    List<String> avx2 = List.of("--add-modules=jdk.incubator.vector", "-XX:UseAVX=2");
    Result simd = java(avx2, small(tmp.resolve("avx2-simd"), "simd"));
    assertEquals(0, simd.status, simd.err);
    Result scalar = java(avx2, small(tmp.resolve("avx2-scalar"), "scalar"));
    assertEquals(0, scalar.status, scalar.err);
    List<String> a = Files.readAllLines(tmp.resolve("avx2-simd/gradnorm.csv"));
    List<String> b = Files.readAllLines(tmp.resolve("avx2-scalar/gradnorm.csv"));
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      double x = Double.parseDouble(a.get(i).split(",")[1]);
      double y = Double.parseDouble(b.get(i).split(",")[1]);
      assertEquals(y, x, 1e-4 * y, "line " + i);
    }
  }
}
