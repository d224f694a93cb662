package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bpttbench.output.Numbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native timings at both data placements, on a synthetic native.json (one avx2 build; gemv
 * d = 128: aligned plain 1000 / intrinsics 800 ns, offset 16 plain 1100 / intrinsics 1000; d = 256:
 * aligned plain 4000 / intrinsics 5000, offset 16 plain 6000 / intrinsics 5000; d = 512 aligned
 * only; d = 1024 intrinsics 50000 / 62500; gemvT d = 256 intrinsics 3000 / 3300) beside the
 * synthetic JMH fixture (SIMD gemv 1600 ns at d = 128, 5000 ns at 256, no gemvT, no d = 1024).
 */
class NativePlacementTest {

  @TempDir
  Path dir;

  private List<JmhResult> results;

  private static Path fixture() throws Exception {
    return Path.of(NativePlacementTest.class.getResource("/report/native-placement.json").toURI());
  }

  private static NativeBaseline.Choice choice(Path file) throws Exception {
    return NativeBaseline.Choice.of(NativeBaseline.read(file), 256);
  }

  private static String gflops(int d, double ns) {
    return Numbers.brief(2.0 * d * d / ns);
  }

  private static String line(String md, String start) {
    return md.lines().filter(l -> l.startsWith(start)).findFirst().orElse("(no row " + start
        + ")");
  }

  @BeforeEach
  void readFixture() throws Exception {
    results = JmhResults.read(TestData.jmhJson(dir));
  }

  @Test
  void bestIsPerPlacementAndTheDefaultBestIsAligned() throws Exception {
    NativeBaseline.Run run = choice(fixture()).run().orElseThrow();
    NativeBaseline.Kernel aligned = run.best("gemv", 256).orElseThrow();
    assertEquals(List.of("plain", NativeBaseline.ALIGNED, 4000.0),
        List.of(aligned.impl(), aligned.placement(), aligned.nsPerCall()));
    NativeBaseline.Kernel offset = run.best("gemv", 256, NativeBaseline.OFFSET16).orElseThrow();
    assertEquals(List.of("intrinsics", NativeBaseline.OFFSET16, 5000.0),
        List.of(offset.impl(), offset.placement(), offset.nsPerCall()));
    assertEquals(run.best("gemv", 256), run.best("gemv", 256, NativeBaseline.ALIGNED));
    assertEquals(List.of(128, 256, 512, 1024), run.sizes("gemv", NativeBaseline.ALIGNED));
    assertEquals(List.of(128, 256, 1024), run.sizes("gemv", NativeBaseline.OFFSET16));
    assertTrue(run.best("gemv", 512, NativeBaseline.OFFSET16).isEmpty());
  }

  @Test
  void entriesWithoutAPlacementAreAligned() throws Exception {
    NativeBaseline old = NativeBaseline.read(NativeBaselineTest.fixture()).orElseThrow();
    assertTrue(old.runs().stream().flatMap(r -> r.kernels().stream())
        .allMatch(k -> k.placement().equals(NativeBaseline.ALIGNED)));
    NativeBaseline.Run avx2 = old.run(256).orElseThrow();
    assertEquals(4003.1, avx2.best("gemv", 256).orElseThrow().nsPerCall());
    assertTrue(avx2.sizes("gemv", NativeBaseline.OFFSET16).isEmpty());
  }

  @Test
  void tableGivesBothPlacementsTheirCostAndSimdAgainstEach() throws Exception {
    String md = NativePlacement.markdown(results, choice(fixture()).run());
    assertTrue(md.startsWith("### " + NativePlacement.TITLE + "\n\nJava cannot choose"), md);
    assertTrue(md.contains(" Native build: avx2.\n\n| kernel | d | best native GFLOP/s, aligned |"
        + " best native GFLOP/s, offset 16 | placement cost (aligned / offset-16 time) |"
        + " Java SIMD GFLOP/s | SIMD/native aligned | SIMD/native offset 16 |"), md);
    // d = 128: aligned intrinsics 800, offset 16 intrinsics 1000, SIMD 1600
    String d128 = line(md, "| gemv | 128 |");
    assertTrue(d128.startsWith("| gemv | 128 | " + gflops(128, 800) + " intrinsics | "
        + gflops(128, 1000) + " intrinsics | " + Numbers.brief(800.0 / 1000) + "× (+25.0 % time)"
        + " | " + gflops(128, 1600) + " ["), d128);
    assertTrue(d128.endsWith("| " + Numbers.brief(800.0 / 1600) + "× | "
        + Numbers.brief(1000.0 / 1600) + "× |"), d128);
    // d = 256: the faster implementation differs between the placements
    String d256 = line(md, "| gemv | 256 |");
    assertTrue(d256.startsWith("| gemv | 256 | " + gflops(256, 4000) + " plain | "
        + gflops(256, 5000) + " intrinsics | " + Numbers.brief(4000.0 / 5000)), d256);
    assertTrue(d256.endsWith("| " + Numbers.brief(4000.0 / 5000) + "× | "
        + Numbers.brief(5000.0 / 5000) + "× |"), d256);
    // no SIMD result at d = 1024 nor for gemvT; d = 512 has no offset-16 timing
    assertTrue(line(md, "| gemv | 1024 |").endsWith(String.format(Locale.ROOT,
        "(%+.1f %% time) | — | — | — |", 100 * (62500.0 / 50000 - 1))), md);
    assertTrue(line(md, "| gemvT | 256 |").endsWith("| — | — | — |"), md);
    assertFalse(md.contains("| gemv | 512 |"), md);
  }

  @Test
  void oldFileIsOneLineAndNoBuildNothing() throws Exception {
    String old = NativePlacement.markdown(results, choice(NativeBaselineTest.fixture()).run());
    assertEquals("### " + NativePlacement.TITLE + "\n\n" + NativePlacement.OLD_FILE + "\n\n",
        old);
    assertTrue(old.contains("`native.json` has no offset16 timings"), old);
    assertEquals("", NativePlacement.markdown(results, Optional.empty()));
  }

  @Test
  void kernelSectionLinksToTheTableAndKeepsTheAlignedBestNative() throws Exception {
    String md = BenchSections.kernels(results, Optional.empty(), choice(fixture()));
    String anchor = NativePlacement.TITLE.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
        .replace(' ', '-');
    assertTrue(md.contains("[" + NativePlacement.TITLE + "](#" + anchor + ")"), md);
    assertTrue(md.contains("\n### " + NativePlacement.TITLE + "\n"), md);
    assertTrue(md.indexOf("### KernelBench.gemv") < md.indexOf("### " + NativePlacement.TITLE),
        md);
    // the best-native column of the gemv table is aligned: plain 4000, not offset 16's 5000
    assertTrue(line(md, "| 256 |").contains("| 4000 [best 3800] plain |"), md);
  }

  @Test
  void answersRowAddsTheOffset16Ratio() throws Exception {
    String md = new Answers(results, Experiments.load(null), Optional.empty(), Optional.empty(),
        Optional.empty(),
        choice(fixture())).markdown();
    assertTrue(md.contains("| SIMD against the best native code (gemv, gemvT, d = 256) | gemv "
        + Numbers.brief(4000.0 / 5000) + "× (native plain " + gflops(256, 4000) + " GFLOP/s), "
        + Numbers.brief(5000.0 / 5000) + "× with native data at Java's offset 16; native avx2,"
        + " medians |"), md);
  }
}
