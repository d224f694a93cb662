package org.bpttbench.experiment;

import java.util.Locale;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * The models the {@code learn} experiment trains: PyTorch's default initialisation of each cell,
 * and the LSTM with the forget-gate bias b_f = 1 (Jozefowicz et al. 2015) — the same weights as
 * {@code lstm} for the same seed, only that bias differs.
 */
public enum LearnCell {
  RNN(CellKind.RNN, Float.NaN),
  GRU(CellKind.GRU, Float.NaN),
  LSTM(CellKind.LSTM, Float.NaN),
  LSTM_FB1(CellKind.LSTM, 1f);

  public final CellKind kind;
  private final float forgetBias;

  LearnCell(CellKind kind, float forgetBias) {
    this.kind = kind;
    this.forgetBias = forgetBias;
  }

  /** rnn, gru, lstm, lstm-fb1. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static LearnCell fromId(String id) {
    for (LearnCell c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cell '" + id
        + "' (expected rnn, gru, lstm or lstm-fb1)");
  }

  /** The forget-gate bias this variant sets, or NaN for PyTorch's default. */
  public float forgetBias() {
    return forgetBias;
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
}
