package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientCurve;
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
 * The per-step gradient-norm curve of one sequence, in process and warm: what the {@code gradnorm}
 * command computes — BPTT with the final-step loss (all parameter gradients) plus the exact,
 * renormalised ‖dL_T/dh_t‖ for every t. The PyTorch equivalent (a cell loop with
 * {@code retain_grad}) is timed by {@code pytorch_bench.py} as {@code curve_<cell>_h128_T50}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class CurveBench {

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"128"})
  public int hidden;

  @Param({"50"})
  public int seqLen;

  private Bptt bptt;
  private GradientCurve curve;
  private float[] inputs;
  private int[] target;

  @Setup(Level.Trial)
  public void setup() {
    Model m = BenchSupport.pytorchInit(CellKind.fromId(cell), hidden, hidden, 10);
    bptt = new Bptt(m, BenchSupport.kernels(backend), seqLen);
    curve = new GradientCurve(BenchSupport.kernels(backend), seqLen, bptt.stateSize());
    inputs = BenchSupport.uniform(new SplittableRandom(BenchSupport.SEED + 3), seqLen * hidden, 1f);
    target = new int[] {3};
  }

  @Benchmark
  public double gradnormCurve() {
    bptt.run(inputs, 0, seqLen, target, LossMode.FINAL);
    curve.compute(bptt);
    return curve.log10HiddenNorms()[0];
  }
}
