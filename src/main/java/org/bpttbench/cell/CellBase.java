package org.bpttbench.cell;

import org.bpttbench.kernel.ArrayAlignment;
import org.bpttbench.kernel.Kernels;

/** The sizes, states and bookkeeping every {@link RecurrentCell} shares. */
abstract class CellBase implements RecurrentCell {
  final Kernels k;
  final Layer p;
  final int hid;
  final int gh;           // G·H: the width of a pre-activation row
  final int stateSize;
  final int maxBatch;
  final int maxSteps;
  final float[] states;   // (maxSteps+1)·maxBatch·S, time-major
  /**
   * W_hhᵀ and W_hh laid out for {@link Kernels#gemmPacked} from {@link #PACKED_AT}; null where
   * no pass of the workspace's sizes packs them ({@link Cells#packsRecurrentWeights}).
   */
  private final float[] packedHhT;
  private final float[] packedHh;
  /**
   * Where the packed copies start in their buffers: on a cache line when the JVM aligns objects to
   * 64 bytes ({@link ArrayAlignment}), so that no load of the per-step products straddles two.
   */
  static final int PACKED_AT = ArrayAlignment.firstAlignedIndex();
  /** This pass's packed W_hhᵀ for the recurrent product, or null: the gemv on W_hh. */
  float[] forwardPacked;
  /** This pass's packed W_hh for the carried gradient, or null: the gemvT on W_hh. */
  float[] carryPacked;
  int batch;

  /**
   * From this many steps a batch-1 pass packs W_hhᵀ and W_hh and runs each step's products on them
   * (one row times the packed panels, no reduction across lanes) instead of the dot-form gemv and
   * the gemvT on W_hh; below it the packing would not pay back. The packed copies start on a cache
   * line where the JVM allows it ({@link #PACKED_AT}), which W_hh itself does not.
   */
  static final int PACK_FROM_STEPS = 4;
  /**
   * Only up to this many floats of W_hh (1 MiB): then each step's product is bound by L2 and a
   * pass took 0.79–0.97× the time with it (BpttBench T = 50, H = 64 … 256, two A/B runs, 512
   * bits). Beyond L2 both forms stream W_hh from memory and the packing is one more pass over it
   * (H = 512: 0.96–1.08× the time packed).
   */
  static final int PACK_MAX_FLOATS = 1 << 18;

  CellBase(Layer params, CellKind kind, Kernels kernels, int maxBatch, int maxSteps) {
    if (params.kind() != kind) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a " + kind.id()
          + " model, got " + params.kind().id());
    }
    this.k = kernels;
    this.p = params;
    this.hid = params.hiddenSize();
    this.gh = kind.gates * hid;
    this.stateSize = kind.stateVectors * hid;
    this.maxBatch = maxBatch;
    this.maxSteps = maxSteps;
    this.states = new float[(maxSteps + 1) * maxBatch * stateSize];
    boolean packs = Cells.packsRecurrentWeights(kind, hid, maxBatch, maxSteps);
    this.packedHhT = packs ? packBuffer(kernels, hid, gh) : null;
    this.packedHh = packs ? packBuffer(kernels, gh, hid) : null;
    this.batch = 1;
  }

  /**
   * dL/d(pre-activations) of the last sweep, input side, one G·H row per (step, sequence): what
   * the input weights' gradient and the gradient of the inputs are made of.
   */
  abstract float[] inputSideGradients();

  /** The same on the hidden side (equal to the input side but for the GRU's n block). */
  abstract float[] hiddenSideGradients();

  @Override
  public final void writeParameterGradients(float[] inputs, int inOff, int steps,
                                            Layer grads) {
    ParameterGradients.write(k, steps * batch, inputSideGradients(), hiddenSideGradients(),
        inputs, inOff, states, stateSize, grads);
  }

  @Override
  public final void inputGradients(int steps, float[] dx, int dxOff) {
    int in = p.inputSize();
    k.gemm(false, false, steps * batch, in, gh, 1f, inputSideGradients(), 0, gh,
        p.weightIh().data(), 0, in, 0f, dx, dxOff, in);
  }

  /**
   * Heap bytes of the states array and the packed copies of W_hh (W_hhᵀ where
   * {@link Cells#packsRecurrentWeights}, W_hh above batch 1; {@link #packBuffer}),
   * overflow-checked ({@link ArrayBytes}).
   */
  static long stateBytes(CellKind kind, int hidden, int maxBatch, int maxSteps) {
    int gh = kind.gates * hidden;
    boolean packs = Cells.packsRecurrentWeights(kind, hidden, maxBatch, maxSteps);
    long packedT = packs ? ArrayBytes.floats(packFloats(hidden, gh)) : 0;
    long packed = packs ? ArrayBytes.floats(packFloats(gh, hidden)) : 0;
    return ArrayBytes.sum(packedT, packed, ArrayBytes.floats(
        ArrayBytes.product(maxSteps + 1L, maxBatch, kind.stateVectors, hidden)));
  }

  /** The widest panel any backend packs B into: two 512-bit vectors of floats. */
  private static final int WIDEST_PANEL = 32;

  /**
   * Floats of a buffer for a packed k×n B from {@link #PACKED_AT}: n padded to
   * {@link #WIDEST_PANEL}, the same for every backend, so the workspace's size is known without the
   * backend, and a cache line of room for the offset.
   */
  private static long packFloats(int k, int n) {
    return ArrayBytes.product(k, (n + WIDEST_PANEL - 1L) / WIDEST_PANEL * WIDEST_PANEL)
        + ArrayAlignment.LINE_FLOATS;
  }

  private static float[] packBuffer(Kernels kernels, int k, int n) {
    long floats = packFloats(k, n);
    long budget = floats - ArrayAlignment.LINE_FLOATS;
    if (kernels.packedSize(k, n) > budget) {
      throw new IllegalStateException(kernels.name() + " packs a " + k + "x" + n + " B into "
          + kernels.packedSize(k, n) + " floats, more than the " + budget + " budgeted");
    }
    return new float[Math.toIntExact(floats)];
  }

  /**
   * Whether a batch-1 pass of this many steps packs W_hhᵀ ({@link #PACK_FROM_STEPS},
   * {@link #PACK_MAX_FLOATS}).
   */
  static boolean packsAtBatch1(CellKind kind, int hidden, int steps) {
    return steps >= PACK_FROM_STEPS && (long) kind.gates * hidden * hidden <= PACK_MAX_FLOATS;
  }

  /** Heap bytes of one float array of {@code width} floats per (step, sequence) row. */
  static long rowBytes(int maxBatch, int maxSteps, long width) {
    return ArrayBytes.floats(ArrayBytes.product(maxSteps, maxBatch, width));
  }

  /** A workspace array of {@code width} floats per (step, sequence) row, for the whole workspace. */
  final float[] perRow(int width) {
    return new float[maxSteps * maxBatch * width];
  }

  /**
   * Checks the sizes of a forward pass and records its batch; packs W_hh once for the pass where
   * that pays (every step's recurrent product and its carried gradient reuse it).
   */
  final void begin(int batch, int steps) {
    if (batch < 1 || batch > maxBatch || steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException("batch " + batch + " × " + steps + " steps outside the"
          + " workspace's 1.." + maxBatch + " × 1.." + maxSteps);
    }
    this.batch = batch;
    float[] w = p.weightHh().data();
    boolean packs = Cells.packsRecurrentWeights(kind(), hid, batch, steps);
    forwardPacked = packs ? packedHhT : null;
    carryPacked = packs ? packedHh : null;
    if (packs) {
      k.packB(true, hid, gh, w, 0, hid, forwardPacked, PACKED_AT);
      k.packB(false, gh, hid, w, 0, hid, carryPacked, PACKED_AT);
    }
  }

  /** Offset of step t's first pre-activation row (row (t−1, 0)) in a steps·batch×G·H array. */
  final int gateRow(int t) {
    return (t - 1) * batch * gh;
  }

  /** Offset of state_t of sequence b. */
  final int state(int t, int b) {
    return (t * batch + b) * stateSize;
  }

  /** Index of the (step t, sequence b) row among the steps·batch rows, t 1-based. */
  final int row(int t, int b) {
    return (t - 1) * batch + b;
  }

  @Override
  public final CellKind kind() {
    return p.kind();
  }

  @Override
  public final Layer layer() {
    return p;
  }

  @Override
  public final int inputSize() {
    return p.inputSize();
  }

  @Override
  public final int hiddenSize() {
    return hid;
  }

  @Override
  public final int stateSize() {
    return stateSize;
  }

  @Override
  public final int maxBatch() {
    return maxBatch;
  }

  @Override
  public final int maxSteps() {
    return maxSteps;
  }

  @Override
  public final int batch() {
    return batch;
  }

  @Override
  public final float[] states() {
    return states;
  }
}
