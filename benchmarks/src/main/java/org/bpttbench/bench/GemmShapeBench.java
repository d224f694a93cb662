package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of one training update, at TrainBench's LSTM shapes (G·H = 4·128 = 512,
 * I = H = 128, T = 50) and batches B = 32 and 128, plus square ones; 2·m·n·k FLOPs per op. The same
 * shapes and names as {@code benchmarks/openblas_bench.py}, so each has OpenBLAS beside it:
 * <ul>
 *   <li>{@code step_bB}: the recurrent product of one time step, H_{t−1}·W_hhᵀ (NT, B × G·H × H);
 *       the library runs it on a W_hh packed once per pass ({@code gemmPacked}), here
 *       {@code gemm} packs it in every call, as OpenBLAS does.
 *   <li>{@code carry_bB}: the carried gradient of one step, dA·W_hh (NN, B × H × G·H).
 *   <li>{@code inproj_bB}: the input projection of all steps, X·W_ihᵀ (NT, B·T × G·H × I).
 *   <li>{@code wgrad_bB}: a weight gradient over all steps, dAᵀ·H (TN, G·H × H × B·T).
 *   <li>{@code sqD}: square D×D×D (NN), as GemmBench, up to 512.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class GemmShapeBench {

  /** A GEMM shape: the transpositions and m, n, k. */
  record Shape(boolean transA, boolean transB, int m, int n, int k) {
    static Shape of(String name) {
      int gh = 4 * 128;
      int h = 128;
      if (name.startsWith("sq")) {
        int d = Integer.parseInt(name.substring(2));
        return new Shape(false, false, d, d, d);
      }
      int b = Integer.parseInt(name.substring(name.indexOf("_b") + 2));
      return switch (name.substring(0, name.indexOf('_'))) {
        case "step" -> new Shape(false, true, b, gh, h);
        case "carry" -> new Shape(false, false, b, h, gh);
        case "inproj" -> new Shape(false, true, b * 50, gh, h);
        case "wgrad" -> new Shape(true, false, gh, h, b * 50);
        default -> throw new IllegalArgumentException("unknown GEMM shape " + name);
      };
    }

    double flops() {
      return 2.0 * m * n * k;
    }
  }

  @Param({"simd"})
  public String backend;

  @Param({"sq64", "sq128", "sq256", "sq512", "step_b32", "carry_b32", "inproj_b32", "wgrad_b32",
      "step_b128", "carry_b128", "inproj_b128", "wgrad_b128"})
  public String shape;

  private Kernels k;
  private Shape s;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup(Level.Trial)
  public void setup() {
    k = BenchSupport.kernels(backend);
    s = Shape.of(shape);
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 11);
    a = BenchSupport.uniform(rnd, s.m() * s.k(), 1f);
    b = BenchSupport.uniform(rnd, s.k() * s.n(), 1f);
    c = new float[s.m() * s.n()];
  }

  @Benchmark
  public float[] gemm() {
    int lda = s.transA() ? s.m() : s.k();
    int ldb = s.transB() ? s.k() : s.n();
    k.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
    return c;
  }
}
