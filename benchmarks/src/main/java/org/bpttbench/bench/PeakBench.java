package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
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
 * The single-core machine limits the report compares against.
 *
 * <ul>
 *   <li>{@code fmaPeak}: {@value #CHAINS} independent FMA chains on registers
 *       ({@code acc_i = acc_i·a + b}, the kernels' species: -Dbptt.vectorBits narrows it), {@value #ITERS} rounds.
 *       FLOPs per op = 2 · lanes · CHAINS · ITERS = 2 · lanes · 12 · 1024 = 24576 · lanes:
 *       196,608 with AVX2 (8 lanes), 393,216 with AVX-512 (16), 98,304 with 128-bit vectors (4).
 *       Set-up prints the lanes. 12 chains cover FMA latency × throughput (4 × 2 on current x86)
 *       with room to spare. |a| &lt; 1 and b ≠ 0 keep every lane near the normal fixed point b/(1−a).
 *   <li>{@code stream}: vector sum of a {@value #STREAM_MIB} MiB float array (4 accumulators), far
 *       larger than the caches: the streaming read bandwidth bound, bytes per op =
 *       {@value #STREAM_MIB}·2²⁰ = 33,554,432.
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
public class PeakBench {

  static final int CHAINS = 12;
  static final int ITERS = 1024;
  static final int STREAM_MIB = 32;

  /** The kernels' species, so that -Dbptt.vectorBits=256 measures the peak the kernels can reach. */
  private static final VectorSpecies<Float> S = VectorShape.forBitSize(
      org.bpttbench.kernel.VectorKernels.vectorBitSize()).withLanes(float.class);

  private float[] coeff;
  private float[] big;

  @Setup(Level.Trial)
  public void setup() {
    coeff = new float[S.length() * (CHAINS + 1)];
    for (int i = 0; i < coeff.length; i++) {
      coeff[i] = i < S.length() ? 0.999f : 1e-3f * (1 + i % 7); // a, then b, x_1.. start values
    }
    big = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED + 4),
        STREAM_MIB * (1 << 20) / Float.BYTES, 1f);
    System.out.println("# PeakBench: " + S + ", fmaPeak FLOPs/op = " + 2L * S.length() * CHAINS * ITERS
        + ", stream bytes/op = " + (long) big.length * Float.BYTES);
  }

  @Benchmark
  public float fmaPeak() {
    float[] c = coeff;
    int l = S.length();
    // 12 accumulators + a + b = 14 live vectors: fits the 16 registers of AVX2 without spills.
    FloatVector a = FloatVector.fromArray(S, c, 0);
    FloatVector b = FloatVector.fromArray(S, c, l);
    FloatVector x0 = FloatVector.fromArray(S, c, 1 * l);
    FloatVector x1 = FloatVector.fromArray(S, c, 2 * l);
    FloatVector x2 = FloatVector.fromArray(S, c, 3 * l);
    FloatVector x3 = FloatVector.fromArray(S, c, 4 * l);
    FloatVector x4 = FloatVector.fromArray(S, c, 5 * l);
    FloatVector x5 = FloatVector.fromArray(S, c, 6 * l);
    FloatVector x6 = FloatVector.fromArray(S, c, 7 * l);
    FloatVector x7 = FloatVector.fromArray(S, c, 8 * l);
    FloatVector x8 = FloatVector.fromArray(S, c, 9 * l);
    FloatVector x9 = FloatVector.fromArray(S, c, 10 * l);
    FloatVector x10 = FloatVector.fromArray(S, c, 11 * l);
    FloatVector x11 = FloatVector.fromArray(S, c, 12 * l);
    for (int it = 0; it < ITERS; it++) {
      x0 = x0.fma(a, b);
      x1 = x1.fma(a, b);
      x2 = x2.fma(a, b);
      x3 = x3.fma(a, b);
      x4 = x4.fma(a, b);
      x5 = x5.fma(a, b);
      x6 = x6.fma(a, b);
      x7 = x7.fma(a, b);
      x8 = x8.fma(a, b);
      x9 = x9.fma(a, b);
      x10 = x10.fma(a, b);
      x11 = x11.fma(a, b);
    }
    FloatVector s = x0.add(x1).add(x2).add(x3).add(x4).add(x5)
        .add(x6).add(x7).add(x8).add(x9).add(x10).add(x11);
    return s.reduceLanes(VectorOperators.ADD);
  }

  @Benchmark
  public float stream() {
    float[] x = big;
    int l = S.length();
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int i = 0;
    for (int bound = x.length - 4 * l; i <= bound; i += 4 * l) {
      s0 = s0.add(FloatVector.fromArray(S, x, i));
      s1 = s1.add(FloatVector.fromArray(S, x, i + l));
      s2 = s2.add(FloatVector.fromArray(S, x, i + 2 * l));
      s3 = s3.add(FloatVector.fromArray(S, x, i + 3 * l));
    }
    float tail = 0f;
    for (; i < x.length; i++) {
      tail += x[i];
    }
    return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD) + tail;
  }
}
