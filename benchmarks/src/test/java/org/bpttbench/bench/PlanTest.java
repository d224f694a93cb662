package org.bpttbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.junit.jupiter.api.Test;

class PlanTest {

  private static final String P = "org.bpttbench.bench.";

  /** A stand-in for the jar's list: two KernelBench methods, BpttBench, PeakBench. */
  private static final Map<String, Map<String, List<String>>> DECLARED = Map.of(
      P + "KernelBench.gemv", Map.of("backend", List.of("scalar", "simd", "netlib", "ejml"),
          "hidden", List.of("64", "100", "128", "256", "512", "1024")),
      P + "KernelBench.gemvT", Map.of("backend", List.of("scalar", "simd", "netlib", "ejml"),
          "hidden", List.of("64", "100", "128", "256", "512", "1024")),
      P + "BpttBench.bptt", Map.of("cell", List.of("rnn", "gru", "lstm"),
          "backend", List.of("scalar", "simd"), "seqLen", List.of("16", "32", "64", "128", "256",
              "512"), "hidden", List.of("128")),
      P + "PeakBench.fmaPeak", Map.of());

  private static final List<PlanEntry> ENTRIES = List.of(
      PlanEntry.of("KernelBench", Profiles.SMOKE, "hidden=100,256", "backend=scalar,simd,netlib"),
      PlanEntry.of("BpttBench", Profiles.SMOKE, "seqLen=16,64"),
      PlanEntry.of("PeakBench", Profiles.SMOKE));

  private static Plan plan(String... args) {
    return Plan.of(SuiteOptions.parse(args), DECLARED, ENTRIES);
  }

  @Test
  void entryListsReplaceDeclaredValuesForTheirClassOnly() {
    Plan p = plan();
    assertEquals(3, p.runs().size());
    assertEquals(2 * 3 * 2, p.runs().get(0).combinations());
    assertEquals(List.of("100", "256"), p.runs().get(0).params().get("hidden"));
    assertEquals(3 * 2 * 2, p.runs().get(1).combinations());
    assertEquals(List.of("128"), p.runs().get(1).params().get("hidden"));
    assertEquals(1, p.runs().get(2).combinations());
    assertEquals(12 + 12 + 1, p.combinations());
    assertEquals(25 * (200 + 3 * 100 + RunSettings.FORK_OVERHEAD_MS), p.estimateMillis());
  }

  @Test
  void onlyAndJmhArgumentsNarrowAndOverrideEveryRun() {
    Plan p = plan("--only", "KernelBench.gemv$", "--", "-p", "hidden=64",
        "-f", "2", "-i", "5");
    assertEquals(1, p.runs().size());
    Plan.Run r = p.runs().get(0);
    assertEquals(List.of(P + "KernelBench.gemv"), r.benchmarks());
    assertEquals(List.of("64"), r.params().get("hidden"));
    assertEquals(List.of("scalar", "simd", "netlib"), r.params().get("backend"));
    assertEquals(3, r.combinations());
    assertEquals(2, r.options().getForkCount().get());
    assertEquals(5, r.options().getMeasurementIterations().get());
    assertEquals(1, r.options().getWarmupIterations().get());
    assertEquals(List.of("64"), List.copyOf(r.options().getParameter("hidden").get()));
    assertEquals(3 * 2 * (200 + 5 * 100 + RunSettings.FORK_OVERHEAD_MS), p.estimateMillis());
  }

  @Test
  void everyRunIncludesExactlyItsBenchmarksWithTheGcProfiler() {
    Plan.Run r = plan().runs().get(0);
    assertEquals(1, r.options().getIncludes().size());
    String include = r.options().getIncludes().get(0);
    assertTrue(P.concat("KernelBench.gemvT").matches(include));
    assertFalse(P.concat("KernelBench.gemvTx").matches(include));
    assertTrue(r.options().getProfilers().stream()
        .anyMatch(c -> c.getKlass().equals(GCProfiler.class.getName())));
    assertEquals(100, r.options().getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS));
  }

  @Test
  void nothingMatchingOnlyIsAUsageError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plan("--profile", "smoke", "--only", "NoSuchBench"));
    assertTrue(e.getMessage().startsWith("--only 'NoSuchBench': no benchmark of the smoke"));
  }

  @Test
  void aProfileNamingAnUnknownClassOrParameterIsRefused() {
    SuiteOptions o = SuiteOptions.parse();
    assertThrows(IllegalStateException.class, () -> Plan.of(o, DECLARED,
        List.of(PlanEntry.of("GoneBench", Profiles.SMOKE))));
    assertThrows(IllegalStateException.class, () -> Plan.of(o, DECLARED,
        List.of(PlanEntry.of("BpttBench", Profiles.SMOKE, "hiden=64"))));
  }
}
