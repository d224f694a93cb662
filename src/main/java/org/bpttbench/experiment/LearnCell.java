package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * A model the {@code learn} experiment trains: a cell of {@link CellKind} with PyTorch's default
 * initialisation, or the LSTM with the forget-gate bias b_f = 1 (Jozefowicz et al. 2015) — the
 * same weights as {@code lstm} for the same seed, only that bias differs. {@link #values()} reads
 * the cells off {@link CellKind}, so a new cell is learned without a line here.
 *
 * @param forgetBias the forget-gate bias this variant sets, or NaN for PyTorch's default
 */
public record LearnCell(CellKind kind, float forgetBias) {
  public static final LearnCell RNN = new LearnCell(CellKind.RNN, Float.NaN);
  public static final LearnCell GRU = new LearnCell(CellKind.GRU, Float.NaN);
  public static final LearnCell LSTM = new LearnCell(CellKind.LSTM, Float.NaN);
  public static final LearnCell LSTM_FB1 = new LearnCell(CellKind.LSTM, 1f);

  /** Every {@link CellKind} with PyTorch's initialisation, in its order, then lstm-fb1. */
  public static List<LearnCell> values() {
    List<LearnCell> all = new ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      all.add(new LearnCell(kind, Float.NaN));
    }
    all.add(LSTM_FB1);
    return List.copyOf(all);
  }

  /** The cell's id, with {@code -fb1} for the forget-gate bias of 1: rnn, gru, lstm, lstm-fb1. */
  public String id() {
    return kind.id() + (Float.isNaN(forgetBias) ? "" : "-fb" + Math.round(forgetBias));
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
    Model m = Init.model(kind, Activation.TANH, input, hidden, outputs, InitScheme.PYTORCH, 1,
        seed);
    if (!Float.isNaN(forgetBias)) {
      Init.lstmForgetGateBias(m, forgetBias);
    }
    return m;
  }

  @Override
  public String toString() {
    return id();
  }
}
