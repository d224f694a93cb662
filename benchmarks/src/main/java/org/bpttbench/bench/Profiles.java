package org.bpttbench.bench;

import java.util.List;
import java.util.Map;

/**
 * The benchmark profiles {@code ./run-bench.sh --profile NAME} runs: per benchmark class, how long
 * to measure and which parameter values. A new profile is one more entry in {@link #ALL}; a new
 * benchmark class is one more {@link PlanEntry} in the profiles that should run it (classes in no
 * profile, such as {@code SubnormalBench} and {@code GemvAlignBench}, run only by hand).
 */
final class Profiles {
  private Profiles() {}

  /** A named list of JMH runs. */
  record Profile(String name, String summary, List<PlanEntry> entries) {}

  /** Checks the whole flow in about two minutes; 3 iterations are the fewest JMH gives an error for. */
  static final RunSettings SMOKE = RunSettings.of(1, 1, "200ms", 3, "100ms");

  /**
   * Most of the default profile (about 16 minutes on two cores in all). Nine short iterations,
   * the same measuring time as six of 150 ms: the report's 95 % interval for the median is then
   * [x(2), x(8)] of the nine (96 %), so one disturbed iteration cannot widen it; with 6 it is
   * [min, max], with 3 only a 75 % one.
   */
  static final RunSettings DEFAULT = RunSettings.of(1, 2, "300ms", 9, "100ms");

  /**
   * The kernels in the default profile: three forks of three iterations, the same measuring time
   * as {@link #DEFAULT}'s nine. Each JVM places the arrays anew (a 4 MB matrix 16 bytes past a
   * 64-byte boundary, smaller ones at any 8-byte-aligned address), and with 512-bit loads that
   * moved one fork's gemv at d = 128 by a quarter (696 against 897 ns in two JDK 25 runs of the
   * same code); the median over three placements is the figure a user can expect. Costs about
   * 3.6 s more per combination (two more JVMs and warm-ups).
   */
  static final RunSettings KERNELS = RunSettings.of(3, 2, "300ms", 3, "100ms");

  /**
   * Training updates in the default profile: three forks of three iterations, as for the kernels,
   * with a longer warm-up: an update at B = 128 takes 25–40 ms, and after two warm-up iterations
   * of 500 ms the LSTM's at H = 128 still allocated 0.56–0.81 MB per update (code still being
   * compiled) and took 34.4 ms, after four (and 200 ms iterations) 5.5 KB and 32.1 ms (2026-12-04,
   * JDK 17, 512 bits). On JDK 17 a whole JVM can also run an update with some of its C2 code
   * boxing vectors (late-inlined vector intrinsics tried once on stale types, JDK-8302459): before
   * the GEMM micro-kernel lost its adding store section, one to five forks in ten allocated MB per
   * update and ran it up to 40 % slower; after it, 1 of 11 forks of the GRU at H = 128, B = 128
   * and 2 of 21 of the LSTM did (2026-12-04, 512 bits). The median over three forks is what a
   * user can expect.
   */
  static final RunSettings TRAIN = RunSettings.of(3, 4, "500ms", 3, "100ms");

  /** Figures worth publishing: a couple of hours. */
  static final RunSettings FULL = RunSettings.of(3, 5, "1s", 5, "1s");

  private static final Map<String, Profile> ALL = Map.of(
      "smoke", new Profile("smoke", "a few sizes per benchmark, ~2 min: checks the flow",
          List.of(
              PlanEntry.of("KernelBench", SMOKE, "hidden=100,256", "backend=scalar,simd,netlib"),
              PlanEntry.of("ActivationBench", SMOKE, "hidden=256"),
              PlanEntry.of("CellBench", SMOKE, "hidden=128"),
              PlanEntry.of("BpttBench", SMOKE, "hidden=64", "seqLen=16,64,256"),
              // H = 64: pytorch_bench.py --quick's stack_* entries
              PlanEntry.of("StackBench", SMOKE, "backend=simd", "cell=rnn", "hidden=64",
                  "layers=1,2"),
              // scalar: after 200 ms of warm-up SIMD still runs uncompiled (MB boxed per op)
              PlanEntry.of("RecurrenceBench", SMOKE, "backend=scalar", "hidden=64", "seqLen=64"),
              // one point per model; scalar for the same reason
              PlanEntry.of("SeqBench", SMOKE, "backend=scalar", "hidden=64", "seqLen=64"),
              PlanEntry.of("GemmBench", SMOKE, "hidden=128"),
              // GemmBench's d = 128 again and one training shape: openblas_bench.py --quick's
              PlanEntry.of("GemmShapeBench", SMOKE, "shape=sq128,step_b32"),
              PlanEntry.of("JacobianBench", SMOKE, "hidden=32", "seqLen=8,32"),
              PlanEntry.of("CurveBench", SMOKE, "backend=simd"),
              PlanEntry.of("TrainBench", SMOKE, "backend=simd", "cell=gru", "hidden=64",
                  "batch=8"),
              PlanEntry.of("PeakBench", SMOKE))),
      "default", new Profile("default", "kernels 64..1024 with peers, BPTT T = 16..512 and "
          + "H = 128..1024 (its recurrence at H = 128, 256; stacks of 1, 2, 4 layers), ~16 min",
          List.of(
              PlanEntry.of("KernelBench", KERNELS, "hidden=64,100,128,256,1024"),
              PlanEntry.of("ActivationBench", DEFAULT, "hidden=100,1024"),
              PlanEntry.of("CellBench", DEFAULT, "hidden=128"),
              PlanEntry.of("BpttBench", DEFAULT, "hidden=128", "seqLen=16,64,256,512"),
              PlanEntry.of("BpttBench", DEFAULT, "seqLen=50", "hidden=128,256,512,1024"),
              PlanEntry.of("RecurrenceBench", DEFAULT, "backend=simd", "seqLen=50",
                  "hidden=128,256"),
              PlanEntry.of("StackBench", DEFAULT, "backend=simd"),
              // attention's O(T²) against the recurrences' O(T): 5 models × 6 T, ~2 min
              PlanEntry.of("SeqBench", DEFAULT, "backend=simd"),
              PlanEntry.of("CurveBench", DEFAULT),
              PlanEntry.of("GemmBench", DEFAULT),
              // every shape (square 64..512, the LSTM update's at B = 32, 128), simd: beside OpenBLAS
              PlanEntry.of("GemmShapeBench", DEFAULT, "backend=simd"),
              PlanEntry.of("JacobianBench", DEFAULT, "hidden=32,64", "seqLen=16"),
              PlanEntry.of("TrainBench", TRAIN, "backend=simd", "hidden=64,128",
                  "batch=1,8,32,128"),
              PlanEntry.of("TrainBench", DEFAULT, "backend=scalar", "hidden=128", "batch=32"),
              PlanEntry.of("PeakBench", DEFAULT))),
      "full", new Profile("full", "every declared parameter value, 3 forks: hours", List.of(
          PlanEntry.of("KernelBench", FULL),
          PlanEntry.of("ActivationBench", FULL),
          PlanEntry.of("CellBench", FULL),
          PlanEntry.of("BpttBench", FULL),
          PlanEntry.of("BpttBench", FULL, "seqLen=50", "hidden=128,256,512,1024"),
          PlanEntry.of("RecurrenceBench", FULL, "hidden=128,256,512,1024"),
          PlanEntry.of("StackBench", FULL, "backend=simd"),
          PlanEntry.of("SeqBench", FULL),
          PlanEntry.of("CurveBench", FULL),
          PlanEntry.of("GemmBench", FULL),
          PlanEntry.of("GemmShapeBench", FULL, "backend=simd"),
          PlanEntry.of("JacobianBench", FULL),
          PlanEntry.of("TrainBench", FULL),
          PlanEntry.of("PeakBench", FULL))));

  /** Profile names in the order {@code --help} lists them. */
  static final List<String> NAMES = List.of("smoke", "default", "full");

  static Profile named(String name) {
    Profile p = ALL.get(name);
    if (p == null) {
      throw new IllegalArgumentException("--profile '" + name + "': expected one of "
          + String.join(", ", NAMES));
    }
    return p;
  }
}
