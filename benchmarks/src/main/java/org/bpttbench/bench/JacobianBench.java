package org.bpttbench.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bpttbench.kernel.KernelProvider;
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
 * The same backward information two ways: the explicit Jacobian product P = J_T⋯J_1 accumulated
 * with gemm (O(T·d³), what the {@code jacobian} experiment does to get norms and spectra), and the
 * vector–Jacobian products vᵀJ_T⋯J_1 that BPTT actually performs (O(T·d²), one gemvT per step).
 *
 * <p>The Jacobians are random with entries uniform(±0.9·√(3/d)) (variance 0.81/d, spectral radius
 * ≈ 0.9 by the circular law), so products stay well inside float range for every seqLen here. No allocation per operation: all buffers are
 * made in {@link #setup}, and the two ping-pong buffers are swapped by offset, not reallocated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class JacobianBench {

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"32", "64", "128"})
  public int hidden;

  @Param({"8", "16", "32"})
  public int seqLen;

  private Kernels k;
  private float[] jacs;    // seqLen·d²: J_t at (t−1)·d²
  private float[] prod;    // 2·d²: ping-pong product buffers
  private float[] vec;     // 2·d: ping-pong vectors
  private float[] start;   // d: the fixed starting vector (dL/dh_T)

  @Setup(Level.Trial)
  public void setup() {
    k = KernelProvider.forName(backend);
    int d = hidden;
    Random rnd = new Random(42);
    jacs = new float[seqLen * d * d];
    float bound = (float) (0.9 * Math.sqrt(3.0 / d));
    for (int i = 0; i < jacs.length; i++) {
      jacs[i] = (rnd.nextFloat() * 2f - 1f) * bound;
    }
    prod = new float[2 * d * d];
    vec = new float[2 * d];
    start = new float[d];
    for (int i = 0; i < d; i++) {
      start[i] = (float) rnd.nextGaussian();
    }
  }

  /** P ← P·J_t for t = T..1 from P = J_T: P(0, T) = J_T⋯J_1 by T−1 gemms of d×d. */
  @Benchmark
  public float jacobianProduct() {
    int d = hidden;
    int dd = d * d;
    System.arraycopy(jacs, (seqLen - 1) * dd, prod, 0, dd);
    int cur = 0;
    for (int t = seqLen - 1; t >= 1; t--) {
      int next = dd - cur;
      k.gemm(false, false, d, d, d, 1f, prod, cur, d, jacs, (t - 1) * dd, d, 0f, prod, next, d);
      cur = next;
    }
    return prod[cur];
  }

  /** vᵀ ← vᵀ·J_t for t = T..1 from v = dL/dh_T: one gemvT per step, as BPTT does. */
  @Benchmark
  public float vjp() {
    int d = hidden;
    int dd = d * d;
    System.arraycopy(start, 0, vec, 0, d);
    int cur = 0;
    for (int t = seqLen; t >= 1; t--) {
      int next = d - cur;
      k.gemvT(jacs, (t - 1) * dd, d, d, vec, cur, vec, next);
      cur = next;
    }
    return vec[cur];
  }
}
