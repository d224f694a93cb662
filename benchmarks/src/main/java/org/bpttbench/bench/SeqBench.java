package org.bpttbench.bench;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.CellKind;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;
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
 * Forward + full backward over one sequence against its length T, for the recurrences and causal
 * attention side by side: {@code rnn}, {@code gru}, {@code lstm} through {@link Bptt} (as
 * {@link BpttBench}), {@code lru} and {@code attention} through {@link SequenceBptt}. Batch 1,
 * input size = hidden (no embedding), 10 classes, softmax cross-entropy on the final step,
 * every parameter gradient. The cells are PyTorch-default U(-1/√H, 1/√H); the LRU has N = H
 * complex states on the paper's long-range ring; attention is one head with E = H and
 * {@code nn.MultiheadAttention}'s init. Inputs U(-1, 1), fixed seed; every call starts from the
 * same state, so no drift.
 *
 * <p>Matrix FLOPs per pass: a cell ≈ 10·G·H²·T (G = 1, 3, 4); the LRU ≈ 6·4·N·H·T (six
 * products with a 2N×H matrix: B·u and C·h forward, C's transpose, both weight gradients and B's
 * transpose back) plus O(N·T) for the elementwise recurrence; attention ≈ 24·E²·T (the
 * projections, forward and back) + 12·E·T² (Q·Kᵀ and P·V forward, four products back, over the
 * causal T×T block computed whole), so by FLOPs its cost turns quadratic in T where 12·E·T²
 * passes 24·E²·T, T ≈ 2·E.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class SeqBench {

  @Param({"rnn", "gru", "lstm", "lru", "attention"})
  public String model;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"16", "32", "64", "128", "256", "512"})
  public int seqLen;

  @Param({"128"})
  public int hidden;

  private Bptt cell;
  private SequenceBptt seq;
  private float[] inputs;
  private int[] targets;

  @Setup(Level.Trial)
  public void setup() {
    Kernels k = BenchSupport.kernels(backend);
    inputs = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED + 2), seqLen * hidden,
        1f);
    targets = new int[] {3};
    if (model.equals("lru") || model.equals("attention")) {
      SequenceKind kind = SequenceKind.fromId(model);
      seq = new SequenceSpec(kind, hidden, hidden, hidden, 1, Lru.Ring.LONG_RANGE, 10)
          .create(k, 1, seqLen, new Random(BenchSupport.SEED));
    } else {
      cell = new Bptt(BenchSupport.pytorchInit(CellKind.fromId(model), hidden, hidden, 10), k,
          seqLen);
    }
    double loss = pass();
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException("loss is " + loss);
    }
  }

  private double pass() {
    return cell != null ? cell.run(inputs, 0, seqLen, targets, LossMode.FINAL)
        : seq.run(inputs, 0, 1, seqLen, targets, 0, LossMode.FINAL, Reduction.SUM);
  }

  @Benchmark
  public double bptt() {
    return pass();
  }
}
