package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;

/**
 * A model the {@code learn} experiment trains: a cell of {@link CellKind} with PyTorch's default
 * initialisation, the LSTM with the forget-gate bias b_f = 1 (Jozefowicz et al. 2015) — the same
 * weights as {@code lstm} for the same seed, only that bias differs — or a sequence model of
 * {@link SequenceKind} (the linear recurrent unit with the paper's long-range ring, causal
 * attention with {@code nn.MultiheadAttention}'s initialisation). {@link #values()} reads the
 * cells off {@link CellKind} and the sequence models off {@link SequenceKind}, so a new one is
 * learned without a line here.
 *
 * @param kind the cell, or null for a sequence model
 * @param forgetBias the forget-gate bias this variant sets, or NaN for PyTorch's default
 * @param sequence the sequence model, or null for a cell
 */
public record LearnCell(CellKind kind, float forgetBias, SequenceKind sequence) {
  public static final LearnCell RNN = new LearnCell(CellKind.RNN, Float.NaN);
  public static final LearnCell GRU = new LearnCell(CellKind.GRU, Float.NaN);
  public static final LearnCell LSTM = new LearnCell(CellKind.LSTM, Float.NaN);
  public static final LearnCell LSTM_FB1 = new LearnCell(CellKind.LSTM, 1f);
  public static final LearnCell LRU = new LearnCell(null, Float.NaN, SequenceKind.LRU);
  public static final LearnCell ATTENTION =
      new LearnCell(null, Float.NaN, SequenceKind.ATTENTION);

  /** The ring the LRU is initialised on: the paper's long-range setting. */
  public static final Lru.Ring LRU_RING = Lru.Ring.LONG_RANGE;

  public LearnCell {
    if ((kind == null) == (sequence == null)) {
      throw new IllegalArgumentException("a learn model is a cell or a sequence model");
    }
  }

  public LearnCell(CellKind kind, float forgetBias) {
    this(kind, forgetBias, null);
  }

  /** Every {@link CellKind} with PyTorch's initialisation, lstm-fb1, then every sequence model. */
  public static List<LearnCell> values() {
    List<LearnCell> all = new ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      all.add(new LearnCell(kind, Float.NaN));
    }
    all.add(LSTM_FB1);
    for (SequenceKind s : SequenceKind.values()) {
      all.add(new LearnCell(null, Float.NaN, s));
    }
    return List.copyOf(all);
  }

  /** Whether this is a sequence model of {@code seq} rather than a recurrent cell. */
  public boolean isSequenceModel() {
    return sequence != null;
  }

  /**
   * The id: rnn, gru, lstm, lstm-fb1 ({@code -fb1} for the forget-gate bias of 1), lru,
   * attention.
   */
  public String id() {
    return sequence != null ? sequence.id()
        : kind.id() + (Float.isNaN(forgetBias) ? "" : "-fb" + Math.round(forgetBias));
  }

  /** The initialisation, as the report names it. */
  public String init() {
    if (sequence == SequenceKind.LRU) {
      return "ring, moduli in [" + LRU_RING.rMin() + ", " + LRU_RING.rMax() + "], phases up to "
          + String.format(java.util.Locale.ROOT, "%.3g", LRU_RING.maxPhase());
    }
    if (sequence == SequenceKind.ATTENTION) {
      return "nn.MultiheadAttention's (Xavier-uniform in_proj)";
    }
    return Float.isNaN(forgetBias) ? "PyTorch default U(±1/√H)"
        : "PyTorch default, forget-gate bias " + Math.round(forgetBias);
  }

  public static LearnCell fromId(String id) {
    List<LearnCell> all = values();
    for (LearnCell c : all) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    List<String> ids = all.stream().map(LearnCell::id).toList();
    throw new IllegalArgumentException("unknown cell '" + id + "' (expected "
        + ids.subList(0, ids.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
        + ids.get(ids.size() - 1) + ")");
  }

  /** The initial model: tanh, every parameter uniform(±1/√H) as PyTorch draws them. */
  public Model model(int input, int hidden, int outputs, long seed) {
    if (isSequenceModel()) {
      throw new IllegalStateException(id() + " is not a recurrent cell (use spec)");
    }
    Model m = Init.model(kind, Activation.TANH, input, hidden, outputs, InitScheme.PYTORCH, 1,
        seed);
    if (!Float.isNaN(forgetBias)) {
      Init.lstmForgetGateBias(m, forgetBias);
    }
    return m;
  }

  /** A sequence model's sizes: the LRU with N = H on {@link #LRU_RING}, one-head attention. */
  public SequenceSpec spec(int input, int hidden, int outputs) {
    if (!isSequenceModel()) {
      throw new IllegalStateException(id() + " is a recurrent cell (use model)");
    }
    return sequence == SequenceKind.LRU
        ? new SequenceSpec(SequenceKind.LRU, input, hidden, hidden, 1, LRU_RING, outputs)
        : SequenceSpec.attention(input, hidden, outputs);
  }

  /** A number unique to this model, for seeding its initial weights. */
  int ordinal() {
    return sequence != null ? CellKind.values().length + sequence.ordinal() : kind.ordinal();
  }

  @Override
  public String toString() {
    return id();
  }
}
