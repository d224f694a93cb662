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
 * {@code C = A·B} (no transposes, beta = 0) for square {@code hidden×hidden} float32 matrices:
 * 2·h³ FLOPs per op. The compute-bound kernel, for the share of the FMA peak ({@link PeakBench}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class GemmBench {

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"64", "128", "256"})
  public int hidden;

  private Kernels k;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup(Level.Trial)
  public void setup() {
    k = BenchSupport.kernels(backend);
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 3);
    a = BenchSupport.uniform(rnd, hidden * hidden, 1f);
    b = BenchSupport.uniform(rnd, hidden * hidden, 1f);
    c = new float[hidden * hidden];
  }

  @Benchmark
  public float[] gemm() {
    int h = hidden;
    k.gemm(false, false, h, h, h, 1f, a, 0, h, b, 0, h, 0f, c, 0, h);
    return c;
  }
}
