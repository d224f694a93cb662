package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
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
 * One time step of a cell, input size = hidden (as for a stacked layer), PyTorch-default init.
 *
 * <ul>
 *   <li>{@code forwardStep}: {@code cell.forward} over a 1-step sequence from h_0 = 0 (the cell never
 *       writes state_0, so every call starts from the same state: steady). Includes the input
 *       projection W_ih·x. FLOPs ≈ 2·G·H·I + 2·G·H² = 4·G·H² (G = 1 rnn, 3 gru, 4 lstm).
 *   <li>{@code backwardStep}: one {@code cell.backwardStep(1, …)} on the state left by a forward in
 *       set-up, with a fixed random carry dL/d(state_1). It only writes the cell's per-step
 *       gradient workspace and {@code out}, so it is steady too. FLOPs ≈ 2·G·H² (the Wᵀ product;
 *       weight gradients are accumulated once per sequence, not per step).
 * </ul>
 * A cell that is not implemented yet fails its own parameter combinations in set-up; JMH goes on
 * with the others.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class CellBench {

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"64", "128", "256", "512"})
  public int hidden;

  private RecurrentCell rc;
  private float[] input;
  private float[] carry;
  private float[] out;

  @Setup(Level.Trial)
  public void setup() {
    Kernels k = BenchSupport.kernels(backend);
    CellKind kind = CellKind.fromId(cell);
    Model m = BenchSupport.pytorchInit(kind, hidden, hidden, 10);
    rc = Cells.create(m, k, 1);
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 1);
    input = BenchSupport.uniform(rnd, hidden, 1f);
    carry = BenchSupport.uniform(rnd, rc.stateSize(), 1f);
    out = new float[rc.stateSize()];
    rc.forward(input, 0, 1);
  }

  @Benchmark
  public float[] forwardStep() {
    rc.forward(input, 0, 1);
    return rc.states();
  }

  @Benchmark
  public float[] backwardStep() {
    rc.backwardStep(1, carry, 0, out, 0);
    return out;
  }
}
