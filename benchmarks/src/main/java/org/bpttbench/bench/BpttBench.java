package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
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
 * Full BPTT over one sequence: {@code Bptt.run} = forward over seqLen steps, softmax
 * cross-entropy on the final step ({@link LossMode#FINAL}), backward through every step, all
 * parameter gradients. Input size = hidden, 10 classes, PyTorch-default init U(-1/√H, 1/√H),
 * inputs U(-1, 1), fixed seed. Each run starts from h_0 = 0 (the cell never writes state_0), so
 * the activations are identical on every call: no drift, no reset needed.
 *
 * <p>FLOPs per time step (matrix parts, I = H): forward 2·G·H·I + 2·G·H², backward 2·G·H² (carry),
 * weight gradients 2·G·H² + 2·G·H·I; total ≈ 10·G·H² per step (G = 1 rnn, 3 gru, 4 lstm), plus
 * O(G·H) elementwise work and the O(V·H) read-out once. Cost must grow linearly in seqLen.
 *
 * <p>Caveat printed in set-up: with FINAL loss the carried gradient vanishes geometrically; once
 * it falls below Float.MIN_NORMAL (1.2e-38) the arithmetic on subnormals can be slow on x86, so the
 * set-up reports how many steps have subnormal gradient entries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class BpttBench {

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"16", "32", "64", "128", "256", "512"})
  public int seqLen;

  @Param({"128"})
  public int hidden;

  private Bptt bptt;
  private float[] inputs;
  private int[] targets;
  private LossMode mode;

  @Setup(Level.Trial)
  public void setup() {
    CellKind kind = CellKind.fromId(cell);
    Model m = BenchSupport.pytorchInit(kind, hidden, hidden, 10);
    bptt = new Bptt(m, BenchSupport.kernels(backend), seqLen);
    inputs = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED + 2), seqLen * hidden, 1f);
    targets = new int[] {3};
    mode = LossMode.FINAL;
    double loss = bptt.run(inputs, 0, seqLen, targets, mode);
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException("loss is " + loss);
    }
    reportSubnormals();
  }

  /** Counts the steps whose dL/d(state_t) has subnormal entries (a slow path on many CPUs). */
  private void reportSubnormals() {
    float[] g = bptt.stateGrad();
    int s = bptt.stateSize();
    int steps = 0;
    int zeroSteps = 0;
    for (int t = 0; t < seqLen; t++) {
      boolean sub = false;
      boolean allZero = true;
      for (int i = t * s; i < (t + 1) * s; i++) {
        float a = Math.abs(g[i]);
        sub |= a != 0f && a < Float.MIN_NORMAL;
        allZero &= a == 0f;
      }
      steps += sub ? 1 : 0;
      zeroSteps += allZero ? 1 : 0;
    }
    System.out.println("# BpttBench " + cell + "/" + backend + " T=" + seqLen + ": " + steps
        + " step(s) with subnormal state gradients, " + zeroSteps + " step(s) all zero");
  }

  @Benchmark
  public double bptt() {
    return bptt.run(inputs, 0, seqLen, targets, mode);
  }
}
