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
 * Full BPTT through a unidirectional stack of {@code layers} layers ({@code nn.RNN/GRU/LSTM} with
 * {@code num_layers}): {@code Bptt.run} = forward over seqLen steps layer by layer (layer k + 1
 * reads layer k's outputs), softmax cross-entropy on the last layer's final step
 * ({@link LossMode#FINAL}), backward through every step of every layer, all parameter gradients.
 * Batch 1, input size = hidden, 10 classes, PyTorch-default init U(-1/√H, 1/√H), inputs U(-1, 1),
 * fixed seed; the workload of {@code pytorch_bench.py}'s {@code stack_<cell>_l<L>_h<H>_T<T>}
 * entries. At {@code layers = 1} it is {@link BpttBench}'s pass.
 *
 * <p>FLOPs per time step and layer (matrix parts, I = H): as {@link BpttBench}, forward
 * 2·G·H·I + 2·G·H², backward 2·G·H² (carry), weight gradients 2·G·H² + 2·G·H·I, ≈ 10·G·H²
 * (G = 1 rnn, 3 gru, 4 lstm); every layer above the first also sends the gradient of its input
 * down, 2·G·H·I more: ≈ 12·G·H². A pass is ≈ (12·L − 2)·G·H²·seqLen, so time per layer should
 * grow by at most 1.2× from 1 layer to many if the stack adds nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class StackBench {

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"1", "2", "4"})
  public int layers;

  @Param({"128"})
  public int hidden;

  @Param({"50"})
  public int seqLen;

  private Bptt bptt;
  private float[] inputs;
  private int[] targets;

  @Setup(Level.Trial)
  public void setup() {
    Model m = BenchSupport.pytorchInit(CellKind.fromId(cell), hidden, hidden, 10, layers, false);
    bptt = new Bptt(m, BenchSupport.kernels(backend), seqLen);
    inputs = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED + 2), seqLen * hidden, 1f);
    targets = new int[] {3};
    double loss = bptt.run(inputs, 0, seqLen, targets, LossMode.FINAL);
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException("loss is " + loss);
    }
  }

  @Benchmark
  public double bptt() {
    return bptt.run(inputs, 0, seqLen, targets, LossMode.FINAL);
  }
}
