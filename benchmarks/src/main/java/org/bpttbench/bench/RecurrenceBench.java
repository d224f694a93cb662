package org.bpttbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.kernel.ArrayAlignment;
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
 * The recurrent matrix-vector work of one {@link BpttBench} pass and nothing else, to profile BPTT
 * by subtraction: run beside {@code BpttBench} with the same cell, backend, hidden and seqLen, and
 * {@code recurrence / bptt} is the share of a pass spent in the kernels that cannot be batched.
 *
 * <p>Per step, as the cells call them: forward the product of h_{t−1} with the stacked
 * {@code weight_hh} (G·H × H): where the cells pack it ({@link Cells#packsRecurrentWeights}), W_hhᵀ
 * and W_hh packed once per op as once per pass, where the cells place them, then
 * {@code gemmPacked} with one row per step forward (on W_hhᵀ) and backward (the G·H gate gradients
 * times W_hh into dL/dh_{t−1}); else {@code gemv} with the bias forward and {@code gemvT} backward
 * (GRU and LSTM accumulate, which differs by not zeroing H floats first; writing instead of
 * accumulating keeps every call identical). FLOPs per op:
 * 4·G·H²·seqLen (+G·H·seqLen for the bias on the gemv path). Inputs are never written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class RecurrenceBench {

  @Param({"rnn", "gru", "lstm"})
  public String cell;

  @Param({"scalar", "simd"})
  public String backend;

  @Param({"50"})
  public int seqLen;

  @Param({"128", "256"})
  public int hidden;

  private Kernels k;
  private int gh;
  private float[] w;
  private float[] bias;
  private float[] states;
  private float[] proj;
  private float[] gateGrads;
  private float[] carry;
  private float[] packed;
  private float[] packedCarry;
  /** Where the cells start their packed copies of W_hh (a cache line with the fork's flags). */
  private final int at = ArrayAlignment.firstAlignedIndex();

  @Setup(Level.Trial)
  public void setup() {
    k = BenchSupport.kernels(backend);
    int h = hidden;
    gh = CellKind.fromId(cell).gates * h;
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED + 5);
    float scale = (float) (1.0 / Math.sqrt(h));
    w = BenchSupport.uniform(rnd, gh * h, scale);
    bias = BenchSupport.uniform(rnd, gh, scale);
    states = BenchSupport.uniform(rnd, seqLen * h, 1f);
    gateGrads = BenchSupport.uniform(rnd, seqLen * gh, 1e-2f);
    proj = new float[seqLen * gh];
    carry = new float[seqLen * h];
    CellKind kind = CellKind.fromId(cell);
    if (Cells.packsRecurrentWeights(kind, h, 1, seqLen)) {
      packed = new float[at + k.packedSize(h, gh)];
      packedCarry = new float[at + k.packedSize(gh, h)];
    }
  }

  @Benchmark
  public float[] recurrence() {
    int h = hidden;
    if (packed != null) {
      k.packB(true, h, gh, w, 0, h, packed, at);
      k.packB(false, gh, h, w, 0, h, packedCarry, at);
      for (int t = 0; t < seqLen; t++) {
        k.gemmPacked(false, 1, gh, h, 1f, states, t * h, h, packed, at, 0f, proj, t * gh, gh);
      }
      for (int t = seqLen - 1; t >= 0; t--) {
        k.gemmPacked(false, 1, h, gh, 1f, gateGrads, t * gh, gh, packedCarry, at, 0f, carry, t * h,
            h);
      }
    } else {
      for (int t = 0; t < seqLen; t++) {
        k.gemv(w, 0, gh, h, states, t * h, bias, 0, proj, t * gh);
      }
      for (int t = seqLen - 1; t >= 0; t--) {
        k.gemvT(w, 0, gh, h, gateGrads, t * gh, carry, t * h);
      }
    }
    return carry;
  }
}
