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
 * Experiment: does the address alignment of W and x matter for the SIMD gemv/gemvT? With
 * {@code -XX:ObjectAlignmentInBytes=64} every array object starts on a 64-byte boundary and its
 * data 16 bytes later, so offset {@code off} floats puts the data at 16 + 4·off mod 64: off = 12
 * is 64-byte aligned (no 512-bit load splits a cache line), off = 0 is the default 16-byte skew.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:ObjectAlignmentInBytes=64"})
public class GemvAlignBench {

  @Param({"0", "12"})
  public int off;

  @Param({"128", "256"})
  public int hidden;

  private Kernels k;
  private float[] w;
  private float[] x;
  private float[] y;

  @Setup(Level.Trial)
  public void setup() {
    k = BenchSupport.kernels("simd");
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED);
    w = BenchSupport.uniform(rnd, hidden * hidden + 16, 0.1f);
    x = BenchSupport.uniform(rnd, hidden + 16, 1f);
    y = new float[hidden + 16];
  }

  @Benchmark
  public float[] gemv() {
    k.gemv(w, off, hidden, hidden, x, off, null, 0, y, off);
    return y;
  }

  @Benchmark
  public float[] gemvT() {
    k.gemvT(w, off, hidden, hidden, x, off, y, off);
    return y;
  }
}
