package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bpttbench.output.Numbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native baseline on a cut-down native.json from a real run (AVX-512 machine: an avx512 build
 * and an avx2 one, d = 128 and 256) beside the synthetic JMH fixture (SIMD gemv 1600 ns at d =
 * 128, 5000 ns at 256; netlib 1800 ns at 128; fmaPeak 123.4 ns).
 */
class NativeBaselineTest {

  @TempDir
  Path dir;

  // avx2 build of the fixture: gemv d = 128 intrinsics 904.3 (plain 1609.9), d = 256 intrinsics
  // 4003.1 (plain 9645.3); gemvT d = 256 plain 3717.4 (intrinsics 5260.5); peak 79.71, best 102.1.
  private static final double GEMV_128 = 904.3;
  private static final double GEMV_256 = 4003.1;
  private static final double PEAK_AVX2 = 79.71;

  static Path fixture() throws Exception {
    return Path.of(NativeBaselineTest.class.getResource("/report/native.json").toURI());
  }

  private static NativeBaseline.Run avx2() throws Exception {
    return NativeBaseline.read(fixture()).orElseThrow().run(256).orElseThrow();
  }

  private List<JmhResult> results;

  @BeforeEach
  void readFixture() throws Exception {
    results = JmhResults.read(TestData.jmhJson(dir));
  }

  @Test
  void picksTheRunOfTheJvmWidthAndTheFasterImplByMedian() throws Exception {
    NativeBaseline nb = NativeBaseline.read(fixture()).orElseThrow();
    assertEquals(List.of("avx512", "avx2"), nb.runs().stream().map(NativeBaseline.Run::isa)
        .toList());
    assertEquals("avx512", nb.run(512).orElseThrow().isa());
    NativeBaseline.Run run = avx2();
    assertEquals("avx2", run.isa());
    assertEquals("intrinsics", run.best("gemv", 256).orElseThrow().impl());
    assertEquals(GEMV_256, run.best("gemv", 256).orElseThrow().nsPerCall());
    assertEquals("plain", run.best("gemvT", 256).orElseThrow().impl());
    assertEquals(2.0 * 256 * 256 / GEMV_256, run.best("gemv", 256).orElseThrow().gflops(), 1e-9);
    assertTrue(run.best("gemv", 1024).isEmpty(), "d = 1024 is cut from the fixture");
    assertTrue(nb.run(128).isEmpty());
  }

  @Test
  void vectorWidthComesFromRunJsonElseTheFlagsElseTheWidestNativeIsa() throws Exception {
    assertEquals(0, RunRecord.read(dir, results).vectorBits(), "no flag, no native.json");
    Path json = TestData.jmhJson(Files.createDirectory(dir.resolve("w")));
    Files.writeString(json, Files.readString(json).replace("\"-Xms1g\"",
        "\"-Dbptt.vectorBits=256\", \"-Xms1g\""));
    assertEquals(256, RunRecord.read(json.getParent(), JmhResults.read(json)).vectorBits());
    Files.writeString(json.resolveSibling(RunRecord.FILE), "{\"schema\": 1, \"cpu\": \"X\","
        + " \"vectorBits\": 128, \"jdk\": \"25\", \"vm\": \"vm\", \"flags\": []}");
    RunRecord run = RunRecord.read(json.getParent(), JmhResults.read(json));
    assertEquals(List.of("X", 128, RunRecord.FILE), List.of(run.cpu(), run.vectorBits(),
        run.vectorFrom()));
  }

  @Test
  void gemvTableHasBestNativeAndTheRatiosAgainstNativeAndNetlib() throws Exception {
    List<JmhResult> gemv = BenchSections.byBenchmark(results, BenchSections.KERNEL)
        .get("KernelBench.gemv");
    Optional<MachineLimit> limit = MachineLimit.of(results, OptionalInt.empty(),
        Optional.of(avx2()));
    String md = BackendTable.markdown(gemv, limit, Optional.of(avx2()));
    assertTrue(md.contains("| SIMD/netlib | best native avx2 (ns/call, median [best]) |"
        + " best native GFLOP/s | SIMD/native |"), md);
    // d = 128: netlib 1800 / SIMD 1600; native intrinsics 904.3 / SIMD 1600
    assertTrue(md.contains("| 1.125× ["), md);
    assertTrue(md.contains("| 904.3 [best 692.8] intrinsics | "
        + Numbers.brief(2.0 * 128 * 128 / GEMV_128) + ", "
        + Math.round(100 * 2.0 * 128 * 128 / GEMV_128 / PEAK_AVX2) + " % of peak | "
        + Numbers.brief(GEMV_128 / 1600) + "× |"), md);
    assertTrue(md.contains("| " + Numbers.brief(GEMV_256 / 5000) + "× |"), md);
    // d = 64 is not in the cut-down native run
    assertTrue(md.lines().filter(l -> l.startsWith("| 64 |")).allMatch(l -> l.endsWith(
        "| — | — | — |")), md);
    String tanh = BackendTable.markdown(BenchSections.byBenchmark(results, BenchSections.KERNEL)
        .get("KernelBench.tanh"), limit, Optional.of(avx2()));
    assertFalse(tanh.contains("native"), "only gemv and gemvT have a native counterpart");
  }

  @Test
  void peakIsTheLargerOfJavaAndNativeAndNamesWhich() throws Exception {
    // Java: 2 · 8 lanes · 12 · 1024 FLOPs / 123.4 ns = 1593 GFLOP/s > native 79.71
    MachineLimit both = MachineLimit.of(results, OptionalInt.of(8), Optional.of(avx2()))
        .orElseThrow();
    assertFalse(both.usesNative());
    assertEquals(2.0 * 8 * 12 * 1024 / 123.4, both.peakGflops(), 1e-9);
    assertTrue(both.peakLabel().endsWith("GFLOP/s, Java `PeakBench.fmaPeak`"), both.peakLabel());
    assertTrue(both.markdown().contains("| FMA peak, native C, avx2 (gcc 12.2.0, 12 FMA chains) |"
        + " 79.71 [best 102.1] GFLOP/s |"), both.markdown());

    MachineLimit nat = MachineLimit.of(results, OptionalInt.empty(), Optional.of(avx2()))
        .orElseThrow();
    assertTrue(nat.usesNative());
    assertEquals(PEAK_AVX2, nat.peakGflops());
    assertEquals("79.71 GFLOP/s, native C, avx2 (gcc 12.2.0, 12 FMA chains)", nat.peakLabel());
    assertEquals("50 % of peak", nat.share(PEAK_AVX2 / 2));
    assertTrue(nat.markdown().contains("| **FMA peak used for the shares** | 79.71 GFLOP/s,"
        + " native C"), nat.markdown());
    assertTrue(MachineLimit.of(List.of(), OptionalInt.of(8), Optional.empty()).isEmpty());
  }

  @Test
  void useAvx2MeansAWidthOf256Bits() throws Exception {
    Path json = TestData.jmhJson(Files.createDirectory(dir.resolve("avx2")));
    Files.writeString(json, Files.readString(json).replace("\"-Xms1g\"",
        "\"-XX:UseAVX=2\", \"-Xms1g\""));
    assertEquals(256, RunRecord.flagBits(JmhResults.read(json)));
  }

  @Test
  void answersRowGivesSimdAgainstNativeAtD256() throws Exception {
    List<JmhResult> rs = results;
    NativeBaseline.Choice choice = NativeBaseline.Choice.of(NativeBaseline.read(fixture()), 256);
    String md = new Answers(rs, Experiments.load(null), Optional.empty(), Optional.empty(),
        MachineLimit.of(rs, OptionalInt.empty(), choice.run()), choice).markdown();
    assertTrue(md.contains("| SIMD against the best native code (gemv, gemvT, d = 256) | gemv "
        + Numbers.brief(GEMV_256 / 5000) + "× (native intrinsics "
        + Numbers.brief(2.0 * 256 * 256 / GEMV_256) + " GFLOP/s); native avx2, medians |"
        + " [evidence](#kernels-scalar-vs-simd) |"), md);
    assertTrue(md.contains("(FMA peak 79.71 GFLOP/s, native C, avx2"), md);
  }

  @Test
  void missingFileOrWidthIsOneLineAndNoColumn() throws Exception {
    assertTrue(NativeBaseline.read(dir.resolve(NativeBaseline.FILE)).isEmpty());
    NativeBaseline.Choice none = NativeBaseline.Choice.of(Optional.empty(), 256);
    assertEquals(NativeBaseline.ABSENT, none.why());
    String kernels = BenchSections.kernels(results, Optional.empty(), none);
    assertTrue(kernels.contains(" No native baseline: no `native.json` beside `jmh-result.json`"
        + " (no C compiler when the suite ran, or `benchmarks/native/run-native.sh` was not"
        + " run)."), kernels);
    assertFalse(kernels.contains("best native"), kernels);
    String answers = new Answers(results, Experiments.load(null), Optional.empty(),
        Optional.empty(),
        Optional.empty(), none).markdown();
    assertTrue(answers.contains("| SIMD against the best native code (gemv, gemvT, d = 256) |"
        + " No native baseline: no `native.json`"), answers);
    String why = NativeBaseline.Choice.of(NativeBaseline.read(fixture()), 128).why();
    assertEquals("No native baseline at the JVM's vector width (128 bits): `native.json` has"
        + " only [avx512 (512 bits), avx2 (256 bits)].", why);
  }

  @Test
  void badFileIsOneLineNamingIt() throws Exception {
    Path f = Files.writeString(dir.resolve(NativeBaseline.FILE), "{\"schema\": 2}");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> NativeBaseline.read(f));
    assertTrue(e.getMessage().startsWith(f + ": expected native.json schema 1"), e.getMessage());
  }
}
