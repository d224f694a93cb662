package org.bpttbench.seq;

import java.util.List;
import java.util.Random;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * The sizes and initialisation options of a sequence model with its read-out: input size I,
 * hidden size H (the LRU's output width, attention's E), the LRU's state size N (complex entries)
 * and ring ({@link Lru.Ring}), attention's number of heads, and the read-out's classes V.
 */
public record SequenceSpec(SequenceKind kind, int input, int hidden, int state, int heads,
                           Lru.Ring ring, int classes) {

  public SequenceSpec {
    if (input < 1 || hidden < 1 || classes < 1) {
      throw new IllegalArgumentException("input, hidden and classes must be >= 1, got " + input
          + ", " + hidden + ", " + classes);
    }
    if (kind == SequenceKind.LRU && state < 1) {
      throw new IllegalArgumentException("the lru's state size must be >= 1, got " + state);
    }
    if (kind == SequenceKind.ATTENTION && (heads < 1 || hidden % heads != 0)) {
      throw new IllegalArgumentException("embed_dim " + hidden + " is not divisible by " + heads
          + " heads");
    }
  }

  /** The LRU with N = H and the reference code's ring (r in [0, 1], phase up to 2π). */
  public static SequenceSpec lru(int input, int hidden, int classes) {
    return new SequenceSpec(SequenceKind.LRU, input, hidden, hidden, 1, Lru.Ring.REFERENCE,
        classes);
  }

  /** One-head causal attention with E = {@code hidden}. */
  public static SequenceSpec attention(int input, int hidden, int classes) {
    return new SequenceSpec(SequenceKind.ATTENTION, input, hidden, 0, 1, Lru.Ring.REFERENCE,
        classes);
  }

  /** The model's parameters, all zero (the embedding only when I ≠ H), in state_dict order. */
  public List<Tensor> zeros() {
    return kind == SequenceKind.LRU ? Lru.zeros(input, hidden, state)
        : CausalAttention.zeros(input, hidden);
  }

  /** The model's parameters initialised as the paper (LRU) or PyTorch (attention) does. */
  public List<Tensor> init(Random rnd) {
    return kind == SequenceKind.LRU
        ? Lru.ring(input, hidden, state, ring.rMin(), ring.rMax(), ring.maxPhase(), rnd)
        : CausalAttention.pytorchDefault(input, hidden, rnd);
  }

  /** The model on {@code params} (as {@link #zeros} lays them out). */
  public SequenceModel model(List<Tensor> params, Kernels k, int maxBatch, int maxSteps) {
    return kind == SequenceKind.LRU ? new Lru(params, k, maxBatch, maxSteps)
        : new CausalAttention(params, heads, k, maxBatch, maxSteps);
  }

  /** A freshly initialised model with an nn.Linear read-out, all from {@code rnd}. */
  public SequenceBptt create(Kernels k, int maxBatch, int maxSteps, Random rnd) {
    SequenceModel m = model(init(rnd), k, maxBatch, maxSteps);
    Tensor[] out = SequenceBptt.linearReadout(hidden, classes, rnd);
    return new SequenceBptt(m, out[0], out[1], k);
  }

  /** Bound on the small objects around the arrays (model, tensors, shapes, lists). */
  public static final long OBJECTS = 16 * 1024;

  /** Heap bytes of the parameters and the read-out (see {@link ArrayBytes}). */
  public long parameterBytes() {
    long sum = ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(classes, hidden)),
        ArrayBytes.floats(classes));
    for (Tensor t : zeros()) {
      sum = ArrayBytes.sum(sum, ArrayBytes.floats(t.size()));
    }
    return sum;
  }

  /**
   * Heap bytes a {@link SequenceBptt} for this spec allocates beyond the parameters: the
   * gradients, the model's workspace and the read-out's, plus {@link #OBJECTS}, overflow-checked.
   * Attention's grows as
   * B·heads·T² (the attention weights kept for backward).
   *
   * @throws ArithmeticException when a count overflows or one array would exceed Java's limit
   */
  public long workspaceBytes(int maxBatch, int maxSteps) {
    long rows = ArrayBytes.product(maxBatch, maxSteps);
    long h = hidden;
    long in = input;
    boolean embed = input != hidden;
    long model;
    if (kind == SequenceKind.LRU) {
      long s = 2L * state;
      model = ArrayBytes.sum(
          embed ? ArrayBytes.floats(ArrayBytes.product(rows, h)) : 0,
          ArrayBytes.floats(ArrayBytes.product(maxSteps + 1L, maxBatch, s)),
          ArrayBytes.product(2, ArrayBytes.floats(ArrayBytes.product(rows, h))),
          ArrayBytes.floats(ArrayBytes.product(rows, s)),
          ArrayBytes.product(4, ArrayBytes.floats(ArrayBytes.product(s, h))),
          ArrayBytes.product(7, ArrayBytes.floats(state)),
          ArrayBytes.floats(rows));
    } else {
      model = ArrayBytes.sum(
          ArrayBytes.floats(ArrayBytes.product(maxSteps, h)),
          ArrayBytes.product(5, ArrayBytes.floats(ArrayBytes.product(rows, h))),
          ArrayBytes.product(2, ArrayBytes.floats(ArrayBytes.product(rows, 3, h))),
          ArrayBytes.floats(ArrayBytes.product(maxBatch, heads, maxSteps, maxSteps)),
          ArrayBytes.floats(ArrayBytes.product(maxSteps, maxSteps)),
          ArrayBytes.floats(ArrayBytes.product(rows, in)),
          ArrayBytes.floats(rows));
    }
    return ArrayBytes.sum(OBJECTS, model, parameterBytes(),
        ArrayBytes.floats(ArrayBytes.product(rows, classes)), ArrayBytes.floats(rows),
        ArrayBytes.floats(ArrayBytes.product(rows, h)));
  }
}
