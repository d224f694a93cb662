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
 * Elementwise activations over {@code hidden} floats (inputs uniform in [-3, 3], the range where
 * tanh and σ are not yet saturated to ±1/0/1). Only our backends: the BLAS peers have no such
 * kernel. Not counted in FLOPs (transcendental).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class ActivationBench {

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"64", "100", "128", "256", "512", "1024"})
  public int hidden;

  private Kernels k;
  private float[] x;
  private float[] y;

  @Setup(Level.Trial)
  public void setup() {
    k = BenchSupport.kernels(backend);
    x = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED), hidden, 3f);
    y = new float[hidden];
  }

  @Benchmark
  public float[] tanh() {
    k.tanh(x, 0, y, 0, hidden);
    return y;
  }

  @Benchmark
  public float[] sigmoid() {
    k.sigmoid(x, 0, y, 0, hidden);
    return y;
  }
}
