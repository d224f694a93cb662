package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** onednn.json and openblas.json into records, and the tables with each peer present and absent. */
class PeersTest {

  @TempDir
  Path dir;

  static final String ONEDNN = "{\"schema\": 1, \"onednn\": {\"version\": \"2.6.3\", \"hash\":"
      + " \"N/A\", \"cpuRuntime\": \"OMP\", \"effectiveIsa\": \"avx2\"}, \"cpu\": \"X\","
      + " \"compiler\": \"gcc 12.2.0\", \"flags\": \"-O2\", \"T\": 50, \"ftzDaz\": true,"
      + " \"results\": {\"rnn_h128_T50\": {\"bench\": \"bptt\", \"cell\": \"rnn\", \"algorithm\":"
      + " \"vanilla_rnn eltwise_tanh\", \"batch\": 1, \"T\": 50, \"hidden\": 128, \"input\": 128,"
      + " \"impl_fwd\": \"ref\", \"impl_bwd\": \"ref\", \"median_ms\": 0.3, \"iqr_ms\": 0.01,"
      + " \"ci95_ms\": [0.28, 0.32], \"best_ms\": 0.28, \"reps\": 5, \"calls_per_rep\": 10,"
      + " \"times_ms\": [0.28, 0.29, 0.3, 0.31, 0.32]},"
      + " \"train_rnn_h64_b32_T50\": {\"bench\": \"train\", \"cell\": \"rnn\", \"algorithm\":"
      + " \"vanilla_rnn eltwise_tanh\", \"batch\": 32, \"T\": 50, \"hidden\": 64, \"input\": 64,"
      + " \"impl_fwd\": \"brgemm:avx2\", \"impl_bwd\": \"ref\", \"median_ms\": 2.56,"
      + " \"iqr_ms\": 0.02, \"reps\": 5, \"times_ms\": [2.54, 2.55, 2.56, 2.57, 2.58]}},"
      + " \"threads\": {\"ompMaxThreads\": 1, \"processThreads\": 1, \"OMP_NUM_THREADS\": \"1\"}}";

  static final String OPENBLAS = "{\"gemm_sq128\": {\"median_ms\": 0.05, \"iqr_ms\": 0.001,"
      + " \"reps\": 11, \"calls_per_rep\": 64, \"gflops\": 83.9}, \"gemm_step_b32\":"
      + " {\"median_ms\": 0.025, \"iqr_ms\": 0.0005, \"reps\": 11, \"gflops\": 167.8},"
      + " \"gemm_sq512\": {\"median_ms\": 2.0, \"iqr_ms\": 0.01, \"reps\": 11, \"gflops\": 134.2},"
      + " \"meta\": {\"numpy\": \"1.24.2\", \"blas\": \"OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell\","
      + " \"core\": \"Haswell\", \"OPENBLAS_CORETYPE\": \"Haswell\", \"OPENBLAS_NUM_THREADS\":"
      + " \"1\"}}";

  private static JmhResult result(String bench, String unit, double median,
      Map<String, String> params) {
    double[] raw = new double[TestData.SPREAD.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = median * TestData.SPREAD[i];
    }
    return new JmhResult("org.bpttbench.bench." + bench, "avgt", params, median, median / 100,
        unit, 0, 0, new JmhResult.RunConfig(1, 2, "300 ms", 9, "100 ms", "java", List.of(), "17",
            "vm", "17", "1.37"), raw);
  }

  /** Java at every shape the fixtures have: BPTT rnn H = 128, training rnn H = 64 B = 8, 32. */
  private static List<JmhResult> java() {
    List<JmhResult> rs = new ArrayList<>();
    rs.add(result("BpttBench.bptt", "ns/op", 150_000, Map.of("backend", "simd", "cell", "rnn",
        "hidden", "128", "seqLen", "50")));
    rs.add(result("GemmBench.gemm", "ns/op", 25_000, Map.of("backend", "simd", "hidden", "128")));
    rs.add(result("GemmShapeBench.gemm", "ns/op", 50_000, Map.of("backend", "simd", "shape",
        "step_b32")));
    rs.add(result("TrainBench.trainUpdate", "us/op", 1280, Map.of("backend", "simd", "cell",
        "rnn", "hidden", "64", "batch", "32", "seqLen", "50")));
    rs.add(result("TrainBench.trainUpdate", "us/op", 400, Map.of("backend", "simd", "cell",
        "rnn", "hidden", "64", "batch", "8", "seqLen", "50")));
    return rs;
  }

  private Peers both() throws Exception {
    Files.writeString(dir.resolve(Peers.ONEDNN_FILE), ONEDNN);
    Files.writeString(dir.resolve(Peers.OPENBLAS_FILE), OPENBLAS);
    return Peers.read(dir);
  }

  @Test
  void filesReadIntoRecords() throws Exception {
    Peers p = both();
    Peers.OneDnn o = p.onednn().orElseThrow();
    assertEquals("2.6.3", o.onednn().version());
    assertEquals("avx2", o.onednn().effectiveIsa());
    assertEquals(1, o.threads().processThreads());
    assertTrue(o.ftzDaz());
    Peers.OneDnn.Entry e = o.entry("train_rnn_h64_b32_T50").orElseThrow();
    assertEquals("train", e.bench());
    assertEquals(32, e.batch());
    assertEquals(64, e.hidden());
    assertEquals("brgemm:avx2", e.implFwd());
    assertEquals(5, e.timesMs().length);
    Estimate ms = e.millis(); // five repetitions: the median and [min, max]
    assertEquals(2.56, ms.value(), 1e-12);
    assertEquals(2.54, ms.lo(), 1e-12);
    assertEquals(2.58, ms.hi(), 1e-12);
    assertEquals("forward brgemm:avx2 / ref, backward ref", o.implementations());
    assertTrue(o.describe().startsWith("oneDNN 2.6.3 (effective ISA `avx2`, OMP runtime,"
        + " 1 thread(s), FTZ/DAZ on"), o.describe());

    Peers.OpenBlas b = p.openblas().orElseThrow();
    assertEquals("Haswell", b.core());
    assertEquals("Haswell", b.coretype());
    assertEquals("1", b.threads());
    assertEquals(Map.of("sq128", 83.9, "step_b32", 167.8, "sq512", 134.2),
        new TreeMap<>(Map.of("sq128", b.gemm("sq128").orElseThrow().gflops(), "step_b32",
            b.gemm("step_b32").orElseThrow().gflops(), "sq512",
            b.gemm("sq512").orElseThrow().gflops())));
    Estimate blas = b.gemm("sq128").orElseThrow().millis(); // no times: ±1.96·1.2533·IQR/1.349/√n
    assertEquals(0.05 - 1.96 * 1.2533 * 0.001 / 1.349 / Math.sqrt(11), blas.lo(), 1e-12);
    assertTrue(b.describe().contains("core **Haswell** (`OPENBLAS_CORETYPE=Haswell`)"),
        b.describe());
  }

  @Test
  void missingFilesAreEmptyAndAWrongSchemaIsRefused() throws Exception {
    assertEquals(Peers.none(), Peers.read(dir));
    assertEquals(Peers.none(), Peers.read(null));
    Files.writeString(dir.resolve(Peers.ONEDNN_FILE), ONEDNN.replace("\"schema\": 1",
        "\"schema\": 2"));
    assertThrows(IllegalArgumentException.class, () -> Peers.read(dir));
    Files.delete(dir.resolve(Peers.ONEDNN_FILE));
    Files.writeString(dir.resolve(Peers.OPENBLAS_FILE), "{\"gemm_sq64\": {\"median_ms\": 1}}");
    assertThrows(IllegalArgumentException.class, () -> Peers.read(dir));
  }

  @Test
  void gemmShapesAndWork() {
    Peers.GemmShape s = Peers.GemmShape.of("wgrad_b128").orElseThrow();
    assertEquals(List.of(512, 128, 6400), List.of(s.m(), s.n(), s.k()));
    assertTrue(s.transA() && !s.transB());
    assertEquals("32 × 512 × 128, NT", Peers.GemmShape.of("step_b32").orElseThrow().describe());
    assertEquals(Optional.empty(), Peers.GemmShape.of("bogus_b1"));
    JmhResult step = java().get(2);
    assertEquals(2.0 * 32 * 512 * 128, Work.of(step).orElseThrow().amount());
  }

  @Test
  void gemmTableBesideOpenBlasOrOneLine() throws Exception {
    List<JmhResult> rs = java();
    String md = GemmSection.markdown(rs, Optional.empty(), both());
    assertTrue(md.startsWith("## " + GemmSection.TITLE), md);
    assertTrue(md.contains("core **Haswell** (`OPENBLAS_CORETYPE=Haswell`)"), md);
    // sq128: 4,194,304 FLOP in 25 µs = 167.8 GFLOP/s; OpenBLAS 50 µs: SIMD 2× faster
    assertTrue(md.contains("| sq128 | 128 × 128 × 128, NN | GemmBench | 25.00 [24.75–25.25] |"
        + " 167.8 [166.1–169.5] | 50.00 ["), md);
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| sq128 |") && l.endsWith(
        "| 2.000× [1.958–2.042] |")), md);
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| step_b32 | 32 × 512 × 128, NT |"
        + " GemmShapeBench |") && l.contains("| 0.500×")), md);
    assertTrue(md.contains("| sq512 | 512 × 512 × 512, NN | — | — | — |"), md);
    ReportCommandTest.assertClean(md);

    String none = GemmSection.markdown(rs, Optional.empty(), Peers.none());
    assertTrue(none.contains(Peers.OPENBLAS_ABSENT), none);
    assertFalse(none.contains("OpenBLAS µs"), none);
    assertFalse(none.contains("sq512"), none);
    assertTrue(none.contains("| sq128 | 128 × 128 × 128, NN | GemmBench |"), none);
    // a peak of 100 GFLOP/s: OpenBLAS's step_b32 at 167.8 is above it, and the report says why
    MachineLimit low = new MachineLimit(Optional.of(Estimate.fromError(100, 1)), Optional.empty(),
        Optional.empty());
    String over = GemmSection.markdown(rs, Optional.of(low), both());
    assertTrue(over.contains("| 167.8 [165.9–169.6], 168 % of peak |"), over);
    assertTrue(over.contains("A share above 100 % means this run's peak is too low"), over);
    assertFalse(md.contains("A share above 100 %"), md);
    assertEquals("", GemmSection.markdown(rs.subList(0, 1), Optional.empty(), both()),
        "no GEMM in the run: no section");
  }

  @Test
  void bpttTableHasOneDnnBesidePyTorchOrOneLine() throws Exception {
    List<JmhResult> rs = java();
    Peers p = both();
    Path py = Files.writeString(dir.resolve("pytorch.json"), "{\"rnn_h128_T50\": {\"median_ms\":"
        + " 3.0, \"iqr_ms\": 0.1, \"reps\": 50}, \"meta\": {\"torch\": \"1.13\", \"threads\": 1}}");
    Optional<PyTorchSection.Torch> torch = Optional.of(PyTorchSection.Torch.read(py));
    String md = PyTorchSection.markdown(torch, "", p.onednn(), rs);
    assertTrue(md.contains("| workload | PyTorch ms | oneDNN ms | Java SIMD ms | Java scalar ms |"
        + " Java SIMD faster by | Java SIMD vs oneDNN |"), md);
    // oneDNN 0.3 ms [0.28–0.32] over Java 0.15 ms: 2×
    assertTrue(md.contains("| rnn_h128_T50 | 3.000 [") && md.contains("| 0.300 [0.280–0.320] |"
        + " 0.150 [0.149–0.152] | — | 20.00×"), md);
    assertTrue(md.contains("| 2.000× [1.848–2.155] |"), md);
    assertTrue(md.contains("oneDNN 2.6.3 (effective ISA `avx2`"), md);
    ReportCommandTest.assertClean(md);

    String noTorch = PyTorchSection.markdown(Optional.empty(), "not requested", p.onednn(), rs);
    assertTrue(noTorch.contains("_PyTorch not measured: not requested._"), noTorch);
    assertTrue(noTorch.contains("| workload | oneDNN ms | Java SIMD ms | Java scalar ms |"
        + " Java SIMD vs oneDNN |"), noTorch);

    String noDnn = PyTorchSection.markdown(torch, "", Optional.empty(), rs);
    assertTrue(noDnn.contains(Peers.ONEDNN_ABSENT), noDnn);
    assertFalse(noDnn.contains("oneDNN ms"), noDnn);

    String neither = PyTorchSection.markdown(Optional.empty(), "not installed", Optional.empty(),
        rs);
    assertTrue(neither.contains("_PyTorch not measured: not installed._"), neither);
    assertTrue(neither.contains(Peers.ONEDNN_ABSENT), neither);
    assertFalse(neither.contains("| workload"), neither);
  }

  @Test
  void trainingTableAndCurveWithOneDnnOrOneLine() throws Exception {
    List<JmhResult> rs = java();
    Peers p = both();
    String md = TrainSection.markdown(rs, Optional.empty(), p, Optional.empty(), false);
    assertTrue(md.contains("| oneDNN fwd+bwd ms |"), md);
    assertTrue(md.contains("**forward-training + backward of the recurrent layer alone**"), md);
    // B = 32: oneDNN 2.56 ms over Java 1.28 ms = 2×
    assertTrue(md.contains("| rnn | 64 | 32 | 50 | — | 2.560 [2.540–2.580] | 1.280"), md);
    assertTrue(md.contains("| 2.000× [1.965–2.036] |"), md);
    assertTrue(md.contains("### Sequences per second against the batch"), md);
    // 8 / 0.4 ms = 20000/s, 32 / 1.28 ms = 25000/s: rises; oneDNN 32 / 2.56 ms = 12500/s
    assertTrue(md.contains("| rnn | 64 | Java SIMD sequences/s | 20000 | 25000 | yes |"), md);
    assertTrue(md.contains("| rnn | 64 | oneDNN fwd+bwd sequences/s | — | 12500 |  |"), md);
    assertTrue(md.contains("| rnn | 64 | Java SIMD GFLOP/s |"), md);
    ReportCommandTest.assertClean(md);

    String none = TrainSection.markdown(rs, Optional.empty(), Peers.none(), Optional.empty(),
        false);
    assertTrue(none.contains(Peers.ONEDNN_ABSENT), none);
    assertFalse(none.contains("oneDNN fwd+bwd"), none);
    assertEquals("no: falls at B = 128", TrainSection.neverFalls(new TreeMap<>(Map.of(1, 10.0,
        32, 12.0, 128, 11.0))));
  }

  @Test
  void answersHavePeerRowsOrSayWhyNot() throws Exception {
    List<JmhResult> rs = java();
    String md = new Answers(rs, Experiments.load(null), Optional.empty(), Optional.empty(),
        Optional.empty(), NativeBaseline.Choice.of(Optional.empty(), 256), both()).markdown();
    assertTrue(md.contains("| SIMD GEMM against OpenBLAS (OpenBLAS time / SIMD time, > 1: SIMD"
        + " faster) | d = 128 2.000× [1.958–2.042]; training shapes step_b32 0.500×"), md);
    assertTrue(md.contains("(OpenBLAS core Haswell, one thread)"), md);
    assertTrue(md.contains("oneDNN's RNN primitive (BPTT, T = 50, H = 128, same run)? | rnn"
        + " 2.000× [1.848–2.155] (oneDNN 2.6.3, forward + backward alone) |"), md);
    assertTrue(md.contains("at H = 64, B = 32, T = 50 (peer time / Java time)? | rnn 2.000×"
        + " [1.965–2.036] oneDNN fwd+bwd (PyTorch not measured)"), md);

    // the training update at B = 32 ran while another process competed: its answer is marked
    Path load = Files.writeString(dir.resolve("load.json"), "{\"schema\": 1, \"available\":"
        + " true, \"cpus\": 2, \"run\": {\"self\": 0.5, \"others\": 0.01, \"steal\": 0.0,"
        + " \"idle\": 0.49, \"seconds\": 100}, \"benchmarks\": [{\"benchmark\":"
        + " \"TrainBench.trainUpdate\", \"params\": {\"backend\": \"simd\", \"cell\":"
        + " \"rnn\", \"hidden\": \"64\", \"batch\": \"32\", \"seqLen\": \"50\"},"
        + " \"self\": 0.5, \"others\": 0.4, \"steal\": 0.0, \"idle\": 0.1, \"seconds\": 2}]}");
    String busy = new Answers(rs, Experiments.load(null), Optional.empty(),
        MachineLoad.read(load), Optional.empty(), NativeBaseline.Choice.of(Optional.empty(), 256),
        both()).markdown();
    assertTrue(busy.contains("| rnn 2.000× [1.965–2.036] oneDNN fwd+bwd ⚠ (PyTorch not"
        + " measured) |"), busy);
    assertFalse(busy.contains("one thread) ⚠"), "the GEMMs were not disturbed");

    String none = new Answers(rs, Experiments.load(null), Optional.empty(), Optional.empty(),
        Optional.empty(), NativeBaseline.Choice.of(Optional.empty(), 256)).markdown();
    assertTrue(none.contains("faster) | " + Peers.OPENBLAS_ABSENT + " |"), none);
    assertTrue(none.contains("same run)? | " + Peers.ONEDNN_ABSENT + " |"), none);
  }

  @Test
  void reportReadsThePeersBesideTheJmhResults() throws Exception {
    both();
    Path out = Files.createDirectories(dir.resolve("out"));
    Report.write(new Report.Inputs(java(), "test", null, null, "not run", null, null, null,
        RunRecord.of(List.of()), dir), out);
    String md = Files.readString(out.resolve(Report.MARKDOWN));
    assertTrue(md.contains("## " + GemmSection.TITLE), md);
    assertTrue(md.contains("| oneDNN fwd+bwd ms |"), md);
    assertTrue(md.contains("| workload | oneDNN ms |"), md);
    assertFalse(md.contains("### GemmShapeBench.gemm"), "not repeated under Other benchmarks");
    ReportCommandTest.assertClean(md);
  }
}
