package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersTest {

  @TempDir
  Path dir;

  @Test
  void answersLinkTheLearnSectionAndGiveTheDecaysBesideTheLesson() throws Exception {
    Path experiments = Path.of(AnswersTest.class.getResource("/report/experiments").toURI());
    var results = JmhResults.read(TestData.jmhJson(dir));
    String md = new Answers(results, Experiments.load(experiments), Optional.empty(),
        Optional.empty(),
        MachineLimit.of(results, OptionalInt.of(8)),
        NativeBaseline.Choice.of(Optional.empty(), 256)).markdown();
    assertTrue(md.contains("| Does each cell learn the stretched task (longest lag solved)? |"
        + " agreement: rnn up to lag 10 (tried 5–30), gru up to lag 20 (tried 5–30) (lag 30: rnn"
        + " 0/2, gru 1/2 seeds solved) |"
        + " [evidence](#can-it-learn) |"), md);
    assertTrue(md.contains("rnn 2.619 (lesson ≈ 3); gru 1.945 (lesson ≈ 1); lstm 1.993 (lesson"
        + " like GRU); lru 0.091 (ring long-range), attention -0.057 (‖dL_T/dx_t‖); one seed,"
        + " pytorch init"), md);
    assertTrue(md.contains("| How much faster is Java SIMD than PyTorch (BPTT, T = 50, H = 128,"
        + " same run)? | PyTorch not measured in this run |"), md);
    // cell step forward at H = 128: scalar 9000, SIMD 3000 for rnn and lstm
    assertTrue(md.contains("rnn 3.000× ["), md);
    assertTrue(md.contains("lstm 3.000× ["), md);
    // fmaPeak 123.4 ns for 8 lanes: 196608 / 123.4 = 1593 GFLOP/s; best gemv d = 256 SIMD
    assertTrue(md.contains("best gemv d = 256: 26.21 GFLOP/s = 2 % of peak"), md);
    assertTrue(md.contains("not recorded (no load.json"), md);
    ReportCommandTest.assertClean(md);
  }

  /** A GEMM shape with no size parameter is named by its shape (it once read "d = null"). */
  @Test
  void theFastestKernelIsNamedByItsShapeWhenItHasOne() throws Exception {
    Path json = dir.resolve("jmh.json");
    java.nio.file.Files.writeString(json, "[" + String.join(",",
        TestData.jmhEntry("PeakBench.fmaPeak", "ns/op", 123.4),
        TestData.jmhEntry("KernelBench.gemv", "ns/op", 5000, "backend=simd", "hidden=256"),
        TestData.jmhEntry("GemmShapeBench.gemm", "ns/op", 5_000_000, "backend=simd",
            "shape=inproj_b128")) + "]");
    var results = JmhResults.read(json);
    String md = new Answers(results, Experiments.load(dir), Optional.empty(), Optional.empty(),
        MachineLimit.of(results, OptionalInt.of(8)),
        NativeBaseline.Choice.of(Optional.empty(), 256)).markdown();
    // 2·6400·512·128 FLOPs in 5 ms
    assertTrue(md.contains("best gemm inproj_b128: 167.8 GFLOP/s"), md);
    assertFalse(md.contains("null"), md);
  }
}
