package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bpttbench.cli.Main;
import org.bpttbench.output.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir
  Path dir;

  @Test
  void writesReportFiguresCsvsAndTheUntouchedJson() throws Exception {
    Path jmh = TestData.jmhJson(dir);
    Files.writeString(dir.resolve("jmh.log"), "# Benchmark: org.bpttbench.bench.KernelBench.gemv\n"
        + "# Parameters: (backend = ejml, hidden = 64)\n\n# Warmup Iteration   1: <failure>\n\n"
        + "org.bpttbench.kernel.BackendUnavailableException: backend 'ejml' is not available\n"
        + "\tat org.bpttbench.kernel.KernelProvider.forName(KernelProvider.java:44)\n");
    Path experiments = TestData.experiments(dir);
    Path out = dir.resolve("out");
    int status = Main.run(new String[] {"report", "--jmh", jmh.toString(), "--experiments",
        experiments.toString(), "--out", out.toString(), "--profile", "smoke"});
    assertEquals(0, status);
    for (String f : List.of("gradnorm", "speedup", "bptt")) {
      byte[] png = Files.readAllBytes(out.resolve(f + ".png"));
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4), f + ".png is a PNG");
      assertTrue(Files.readString(out.resolve(f + ".csv")).lines().count() > 1, f + ".csv");
    }
    assertArrayEquals(Files.readAllBytes(jmh), Files.readAllBytes(out.resolve("jmh-result.json")));
    try (Stream<Path> s = Files.list(out)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".partial")),
          "no temporary directory left behind");
    }

    String md = Files.readString(out.resolve("REPORT.md"));
    assertTrue(md.contains("| Profile | smoke |"), md);
    assertTrue(md.contains("--add-modules=jdk.incubator.vector -Xms1g -Xmx1g"));
    assertTrue(md.contains("| Vector width (benchmark JVM's kernels) | unknown (unknown) |"), md);
    // gemv, hidden 64: scalar 2000 ± 40, SIMD 500 ± 10 → 4× [1960/510, 2040/490]
    assertTrue(md.contains("4.000× [3.843–4.163]"), md);
    assertTrue(md.contains("netlib (ns/op)"), "extra backends become columns");
    assertTrue(md.contains("| 64 | 2000 [1960–2040] | 500.0 [490.0–510.0] | — |"), md);
    // GFLOP/s for gemv h=64 scalar: 2·64²/2000 = 4.096
    assertTrue(md.contains("4.096"), md);
    assertTrue(md.contains("### CellBench.forwardStep"));
    // BPTT synthetic data is exactly linear in T
    assertTrue(md.contains("| rnn | scalar | 1.000 ["), md);
    assertTrue(md.contains("| 1.0000 | 16, 32, 64, 128 | yes |"), md);
    assertTrue(md.contains("### PeakBench.fmaPeak"), "unknown benchmarks get a generic table");
    assertTrue(md.contains("gc.alloc.rate.norm"));
    assertTrue(md.contains("| BpttBench.bptt | backend=scalar, cell=rnn, seqLen=16 | 256.0 ± 0.000 |"),
        md);
    assertTrue(md.contains("| rnn | h_t | 64 | 50 | simd | orthogonal | 1.0 | xent | 42 | -0.5 |"),
        md);
    assertTrue(md.contains("![gradient norm vs t](gradnorm.png)"));
    assertTrue(md.indexOf("## Answers") < md.indexOf("## The lesson's claims, checked")
        && md.indexOf("## The lesson's claims, checked") < md.indexOf("## Gradient-norm curves")
        && md.indexOf("## Gradient-norm curves") < md.indexOf("## Kernels"), "answers first");
    // gemv d = 256 in the fixture: scalar 32000, SIMD 5000 -> 6.4x
    assertTrue(md.contains("| What does SIMD buy for gemv at d = 256? | 6.400× ["), md);
    assertTrue(md.contains("| Does each cell learn the stretched task (longest lag solved)? | not run"
        + " in this report |"), md);
    assertTrue(md.contains("| Is BPTT cost linear in T (SIMD, time ∝ T^k)? | rnn yes, k = 1.000 ["),
        md);
    assertTrue(md.contains(NativeBaseline.ABSENT), "no native.json: one line says why");
    assertClean(md);
    assertTrue(md.contains("| KernelBench.gemv | (backend = ejml, hidden = 64) |"
        + " `BackendUnavailableException: backend 'ejml' is not available` |"), md);
  }

  @Test
  void nativeJsonBesideTheJmhJsonAddsTheNativeColumnsAtTheJvmsWidth() throws Exception {
    Path jmh = TestData.jmhJson(dir);
    Files.writeString(jmh, Files.readString(jmh).replace("\"-Xms1g\"",
        "\"-Dbptt.vectorBits=256\", \"-Xms1g\""));
    Files.copy(NativeBaselineTest.fixture(), dir.resolve(NativeBaseline.FILE));
    Path out = dir.resolve("out");
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--out",
        out.toString()}));
    String md = Files.readString(out.resolve("REPORT.md"));
    assertTrue(md.contains("| best native avx2 (ns/call, median [best]) |"), md);
    assertTrue(md.contains("| SIMD against the best native code (gemv, gemvT, d = 256) | gemv"
        + " " + Numbers.brief(4003.1 / 5000) + "× (native intrinsics"), md);
    assertTrue(md.contains("| FMA peak, native C, avx2 (gcc 12.2.0, 12 FMA chains) |"), md);
    assertTrue(md.contains("| **FMA peak used for the shares** |"), md);
    assertFalse(md.contains(NativeBaseline.ABSENT), md);
    assertTrue(md.contains(NativePlacement.OLD_FILE), "a native.json without placements loads");
    assertClean(md);

    Files.writeString(dir.resolve(NativeBaseline.FILE), "{\"schema\": 2}");
    assertEquals(2, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--out",
        dir.resolve("out3").toString()}), "a bad native.json is bad input");
  }

  @Test
  void missingSectionsAreOneLineNotesNotCrashes() throws Exception {
    Path jmh = Files.writeString(dir.resolve("only-peak.json"),
        Files.readString(TestData.jmhJson(dir)).replaceAll("(?s)^\\[.*\\{\\s*\"jmhVersion\" : "
            + "\"1.37\",\\s*\"benchmark\" : \"org.bpttbench.bench.PeakBench", "[{\"jmhVersion\" : "
            + "\"1.37\", \"benchmark\" : \"org.bpttbench.bench.PeakBench"));
    Path noCurves = Files.createDirectories(dir.resolve("nocurves"));
    Path out = dir.resolve("out2");
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--experiments",
        noCurves.toString(), "--out", out.toString()}));
    String md = Files.readString(out.resolve("REPORT.md"));
    assertTrue(md.contains("No kernel benchmarks"), md);
    assertTrue(md.contains("No BPTT benchmarks"), md);
    assertTrue(md.contains("No curves.csv under"), md);
    assertFalse(Files.exists(out.resolve("speedup.png")));
    assertFalse(Files.exists(out.resolve("gradnorm.png")));
  }

  @Test
  void pytorchJsonBecomesATable() throws Exception {
    Path py = Files.writeString(dir.resolve("pytorch.json"), "{\"rnn_h64_T50\": {\"median_ms\":"
        + " 1.25, \"iqr_ms\": 0.05, \"reps\": 5}, \"grad_norm_h128_T50\": {\"rnn\": [1, 2]},"
        + " \"meta\": {\"torch\": \"1.13\"}}");
    Path out = dir.resolve("outpy");
    Path jmh = TestData.jmhJson(dir);
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(),
        "--out", out.toString(), "--pytorch", py.toString()}));
    String md = Files.readString(out.resolve("REPORT.md"));
    // median 1.25 ms, IQR 0.05, 5 reps: ± 1.96 · 1.2533 · 0.05 / 1.349 / √5 = ± 0.0407
    assertTrue(md.contains("| rnn_h64_T50 | 1.250 [1.209–1.291] | — | — | — |"), md);
    assertTrue(md.contains("allocator settings PyTorch ran with were not recorded"), md);
    Path tuned = Files.writeString(dir.resolve("tuned.json"), "{\"rnn_h64_T50\": {\"median_ms\":"
        + " 1.25, \"iqr_ms\": 0.05, \"reps\": 5}, \"meta\": {\"allocator\": {\"malloc\":"
        + " \"tuned\", \"GLIBC_TUNABLES\": \"glibc.malloc.mmap_threshold=4294967296\"},"
        + " \"cpuCapability\": \"AVX2\", \"ATEN_CPU_CAPABILITY\": \"avx2\"}}");
    Path out2 = dir.resolve("outpy2");
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(),
        "--out", out2.toString(), "--pytorch", tuned.toString()}));
    String md2 = Files.readString(out2.resolve("REPORT.md"));
    assertTrue(md2.contains("PyTorch ran with glibc"
        + " malloc tuned (`GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296`)"), md2);
    assertTrue(md2.contains("Its own kernels dispatched to AVX2 (`ATEN_CPU_CAPABILITY=avx2`)."), md2);
    assertFalse(md.contains("Its own kernels dispatched"), md);
    assertEquals(2, Main.run(new String[] {"report", "--jmh", jmh.toString(),
        "--out", out.toString(), "--pytorch", dir.resolve("none.json").toString()}));
  }

  /** No JSON, no infinities, no nulls in the Markdown. */
  static void assertClean(String md) {
    for (String bad : List.of("inf]", "–inf", " inf ", "null", "{\"", "[{", "Infinity", "| NaN",
        "NaN |")) {
      assertFalse(md.contains(bad), "REPORT.md contains '" + bad + "'");
    }
  }

  @Test
  void aBusyMachineIsSaidAndItsAnswersMarked() throws Exception {
    Path jmh = TestData.jmhJson(dir);
    Files.writeString(dir.resolve("load.json"), "{\"schema\": 1, \"available\": true,"
        + " \"cpus\": 2, \"run\": {\"self\": 0.5, \"others\": 0.2, \"steal\": 0.0,"
        + " \"idle\": 0.3, \"seconds\": 100}, \"benchmarks\": [{\"benchmark\":"
        + " \"KernelBench.gemv\", \"params\": {\"backend\": \"simd\", \"hidden\": \"256\"},"
        + " \"self\": 0.5, \"others\": 0.4, \"steal\": 0.01, \"idle\": 0.1, \"seconds\": 2},"
        + " {\"benchmark\": \"KernelBench.gemv\", \"params\": {\"backend\": \"scalar\","
        + " \"hidden\": \"64\"}, \"self\": 0.5, \"others\": 0.01, \"steal\": 0.0,"
        + " \"idle\": 0.49, \"seconds\": 2}]}");
    Path out = dir.resolve("busy");
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--out",
        out.toString()}));
    String md = Files.readString(out.resolve("REPORT.md"));
    assertTrue(md.contains("**Another process competed for the CPU during this run** (others 20 %,"
        + " steal 0 % of all CPUs' time)"), md);
    assertTrue(md.contains("| KernelBench.gemv | backend=simd, hidden=256 | 40 % | 1 % |"), md);
    assertTrue(md.matches("(?s).*\\| What does SIMD buy for gemv at d = 256\\? \\| [^|]* ⚠ \\|.*"),
        md);
    assertFalse(md.matches("(?s).*\\| What does SIMD buy for gemvT at d = 256\\? \\| [^|]* ⚠ \\|.*"),
        "gemvT was not disturbed");
    assertTrue(md.contains("No: others 20 %, steal 0 % of all CPUs' time over the run; 1 of 2"
        + " benchmark combinations disturbed"), md);
    assertClean(md);
  }

  @Test
  void aWideIntervalIsMarkedNoisyNotInfinite() throws Exception {
    Path jmh = Files.writeString(dir.resolve("wide.json"), Files.readString(TestData.jmhJson(dir))
        .replaceFirst("\\[\\s*1960.0,\\s*2040.0\\s*],\\s*\\[\\s*2020.0,\\s*1980.0\\s*]",
            "[500.0, 2000.0], [2100.0, 9000.0]"));
    Path out = dir.resolve("wide");
    assertEquals(0, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--out",
        out.toString()}));
    String md = Files.readString(out.resolve("REPORT.md"));
    // median 2050 of {500, 2000, 2100, 9000}, interval [500, 9000]: far beyond ±25 %
    assertTrue(md.contains("| 64 | 2050 (noisy, ±339 %) | 500.0 [490.0–510.0] |"), md);
    assertTrue(md.contains("4.100× (noisy, ±348 %)"), md);
    assertClean(md);
  }

  @Test
  void badInputIsExitTwo() throws Exception {
    Path out = dir.resolve("out3");
    assertEquals(2, Main.run(new String[] {"report", "--jmh", dir.resolve("none.json").toString(),
        "--out", out.toString()}));
    assertEquals(2, Main.run(new String[] {"report", "--out", out.toString()}));
    Path jmh = TestData.jmhJson(dir);
    assertEquals(2, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--experiments",
        dir.resolve("no-such-dir").toString(), "--out", out.toString()}));
    Path badCurve = Files.createDirectories(dir.resolve("bad/curves"));
    Files.writeString(badCurve.resolve("curves.csv"), "t,rnn,gru,lstm\n1,abc,1,1\n");
    assertEquals(2, Main.run(new String[] {"report", "--jmh", jmh.toString(), "--experiments",
        dir.resolve("bad").toString(), "--out", out.toString()}));
  }
}
