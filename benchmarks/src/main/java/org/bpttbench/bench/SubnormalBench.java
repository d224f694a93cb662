package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
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
 * Experiment: the price of a subnormal carry. One {@code backwardStep} of a cell (as in
 * {@link CellBench}) with the carried gradient scaled to {@code carryScale}: 1 (normal), 1e-30
 * (small but normal: products stay normal only partly), 1e-39 (every entry subnormal, the case
 * {@code Bptt} flushes to zero), 0 (what the flush leaves).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class SubnormalBench {

  @Param({"rnn", "lstm"})
  public String cell;

  @Param({"1", "1e-30", "1e-39", "0"})
  public float carryScale;

  @Param({"128"})
  public int hidden;

  private RecurrentCell rc;
  private float[] carry;
  private float[] out;

  @Setup(Level.Trial)
  public void setup() {
    Model m = BenchSupport.pytorchInit(CellKind.fromId(cell), hidden, hidden, 10);
    rc = Cells.create(m, BenchSupport.kernels("simd"), 1);
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 1);
    float[] input = BenchSupport.uniform(rnd, hidden, 1f);
    carry = BenchSupport.uniform(rnd, rc.stateSize(), 1f);
    for (int i = 0; i < carry.length; i++) {
      carry[i] *= carryScale;
    }
    out = new float[rc.stateSize()];
    rc.forward(input, 0, 1);
  }

  @Benchmark
  public float[] backwardStep() {
    rc.backwardStep(1, carry, 0, out, 0);
    return out;
  }
}
