package org.bpttbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profiles against the benchmarks JMH's annotation processor really generated. */
class ProfilesTest {

  private static final Map<String, Map<String, List<String>>> JAR = Plan.declared();

  private static Plan plan(String profile) {
    return Plan.of(SuiteOptions.parse("--profile", profile), JAR);
  }

  @Test
  void everyProfileNamesRealClassesAndParameters() {
    for (String name : Profiles.NAMES) {
      assertTrue(plan(name).combinations() > 0, name); // Plan.of throws on an unknown name
    }
  }

  @Test
  void smokeFitsTwoMinutesAndDefaultFifteenWithAFiniteInterval() {
    assertTrue(plan("smoke").estimateMillis() <= 150_000, "smoke");
    // --list estimates (the measured time is longer): 7m58s before RecurrenceBench, 8m14s with it,
    // about 11m50s with three forks for KernelBench, 12m47s with the peers' shapes and the
    // training curve, 14m08s with SeqBench (30 combinations × ~2.7 s = 1m21s), 16m03s with three
    // forks of the training updates, 17m15s with four warm-up iterations for them
    assertTrue(plan("default").estimateMillis() <= 1_050_000, "default leaves time for the rest");
    for (PlanEntry e : Profiles.named("default").entries()) {
      // t(0.9995, df) for JMH's 99.9 % interval over all forks' iterations: 31.6 at df = 2,
      // 6.9 at df = 5
      RunSettings s = e.settings();
      assertTrue(s.forks() * s.measurementIterations() >= 6, e.className());
    }
  }

  @Test
  void defaultCoversTheHeadlineComparisons() {
    Plan p = plan("default");
    List<String> names = p.runs().stream().flatMap(r -> r.benchmarks().stream())
        .map(b -> b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1)).toList();
    for (String b : List.of("KernelBench.gemv", "KernelBench.gemvT", "GemmBench.gemm",
        "CellBench.forwardStep", "BpttBench.bptt", "StackBench.bptt", "CurveBench.gradnormCurve",
        "PeakBench.fmaPeak", "PeakBench.stream")) {
      assertTrue(names.contains(b), b);
    }
    assertTrue(p.runs().stream().anyMatch(r -> r.params().getOrDefault("seqLen", List.of())
        .equals(List.of("50")) && r.params().get("hidden").contains("1024")), "BPTT T=50 vs H");
    assertEquals(List.of("scalar", "simd", "netlib", "ejml"),
        p.runs().get(0).params().get("backend"));
  }

  @Test
  void stacksRunSimdAtOneTwoAndFourLayersAndStaySmallInSmoke() {
    for (String name : List.of("default", "full")) {
      Plan.Run r = stackRun(plan(name));
      assertEquals(List.of("simd"), r.params().get("backend"), name);
      assertEquals(List.of("rnn", "gru", "lstm"), r.params().get("cell"), name);
      assertEquals(List.of("1", "2", "4"), r.params().get("layers"), name);
      assertEquals(List.of("128"), r.params().get("hidden"), name);
      assertEquals(List.of("50"), r.params().get("seqLen"), name);
      assertEquals(9, r.combinations(), name);
    }
    Plan.Run smoke = stackRun(plan("smoke"));
    assertEquals(2, smoke.combinations());
    assertEquals(List.of("64"), smoke.params().get("hidden"), "pytorch_bench.py --quick's H");
  }

  @Test
  void seqBenchRunsEveryModelOverTheTGridInDefaultAndOnePointInSmoke() {
    Plan.Run d = run(plan("default"), "SeqBench", "simd");
    assertEquals(List.of("rnn", "gru", "lstm", "lru", "attention"), d.params().get("model"));
    assertEquals(List.of("16", "32", "64", "128", "256", "512"), d.params().get("seqLen"));
    assertEquals(List.of("simd"), d.params().get("backend"));
    assertEquals(List.of("128"), d.params().get("hidden"));
    assertEquals(30, d.combinations());
    assertTrue(d.estimateMillis() <= 120_000,
        "the T grid adds under two minutes");
    Plan.Run smoke = run(plan("smoke"), "SeqBench", "scalar");
    assertEquals(5, smoke.combinations());
    assertEquals(List.of("64"), smoke.params().get("seqLen"));
  }

  @Test
  void trainingCurveAndGemmShapesBesideThePeers() {
    // the report's curve: B = 1, 8, 32, 128 for every cell at H = 64, 128 (simd), 256 in full
    for (String name : List.of("default", "full")) {
      Plan.Run train = run(plan(name), "TrainBench", "simd");
      assertTrue(train.params().get("batch").containsAll(List.of("1", "8", "32", "128")), name);
      assertTrue(train.params().get("hidden").containsAll(List.of("64", "128")), name);
      assertEquals(List.of("rnn", "gru", "lstm"), train.params().get("cell"), name);
      // every shape openblas_bench.py times, simd only
      Plan.Run gemm = run(plan(name), "GemmShapeBench", "simd");
      assertEquals(JAR.get(gemm.benchmarks().get(0)).get("shape"), gemm.params().get("shape"));
      assertEquals(List.of("simd"), gemm.params().get("backend"), name);
    }
    assertTrue(run(plan("full"), "TrainBench", "simd").params().get("hidden").contains("256"));
    // on JDK 17 a JVM can box the update's vectors for its whole life: the median of three
    assertEquals(3, run(plan("default"), "TrainBench", "simd").settings().forks());
    assertEquals(2, run(plan("smoke"), "GemmShapeBench", "simd").combinations());
  }

  private static Plan.Run run(Plan p, String className, String backend) {
    return p.runs().stream().filter(r -> r.entry().className().equals(className)
        && r.params().get("backend").contains(backend)).findFirst().orElseThrow();
  }

  private static Plan.Run stackRun(Plan p) {
    return p.runs().stream().filter(r -> r.entry().className().equals("StackBench")).findFirst()
        .orElseThrow();
  }

  @Test
  void fullRunsEveryDeclaredValueWithThreeForks() {
    Plan p = plan("full");
    assertTrue(p.runs().stream().allMatch(r -> r.settings().forks() == 3));
    Plan.Run kernels = p.runs().get(0);
    assertEquals(JAR.get(kernels.benchmarks().get(0)).get("hidden"), kernels.params().get("hidden"));
  }
}
