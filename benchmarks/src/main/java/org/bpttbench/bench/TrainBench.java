package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.TrainStep;
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
 * One full training update on a batch, what a PyTorch training loop does per batch: forward over
 * {@code batch} sequences of {@code seqLen} steps, mean cross-entropy on the final step, backward
 * through every step (batched BPTT), {@code clip_grad_norm_(1.0)} over all parameters, and one
 * {@code Adam(lr=1e-3)} step. Input size = hidden, 10 classes, PyTorch-default init, inputs
 * U(−1, 1), fixed seed.
 *
 * <p>The parameters change at every update (that is the point), so successive invocations see
 * slightly different weights; with lr = 1e-3 and clipping they stay in the same regime over a
 * run. FLOPs per update, counting the matrix parts (I = H, G = 1, 3, 4 gate blocks):
 * 6·B·T·G·H·(H + I) (forward, backward carry, weight gradients), the same count issue #12 uses
 * for PyTorch. Sequences per second = batch / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class TrainBench {

  @Param({"simd", "scalar"})
  public String backend;

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"64", "128", "256"})
  public int hidden;

  @Param({"1", "8", "32", "128"})
  public int batch;

  @Param({"50"})
  public int seqLen;

  private TrainStep step;
  private float[] x;
  private int[] y;

  @Setup(Level.Trial)
  public void setup() {
    Model m = BenchSupport.pytorchInit(CellKind.fromId(cell), hidden, hidden, 10);
    step = new TrainStep(m, BenchSupport.kernels(backend), batch, seqLen, LossMode.FINAL, 0,
        OptimizerSpec.adam(1e-3, 0.9, 0.999, 1e-8, 0), 1.0, Double.POSITIVE_INFINITY);
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 5);
    x = BenchSupport.uniform(rnd, seqLen * batch * hidden, 1f);
    y = new int[batch];
    for (int b = 0; b < batch; b++) {
      y[b] = rnd.nextInt(10);
    }
    step.update(x, y, batch);
    if (!Double.isFinite(step.loss(0))) {
      throw new IllegalStateException("loss is " + step.loss(0));
    }
  }

  /** Forward, backward, clip, Adam: returns the loss so that nothing is dead code. */
  @Benchmark
  public double trainUpdate() {
    step.update(x, y, batch);
    return step.loss(0);
  }
}
