package org.bpttbench.cell;

import java.util.Locale;

/** The recurrent cells, with PyTorch's number of stacked gate blocks in {@code weight_ih}/{@code weight_hh}. */
public enum CellKind {
  RNN(1, 1),
  GRU(3, 1),
  LSTM(4, 2);

  /** Stacked gate blocks G: the weights have G·H rows. */
  public final int gates;
  /** Recurrent state vectors per step: h (and c for LSTM). */
  public final int stateVectors;

  CellKind(int gates, int stateVectors) {
    this.gates = gates;
    this.stateVectors = stateVectors;
  }

  /** The lower-case name used on the command line and in benchmark parameters. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code rnn|gru|lstm}. */
  public static CellKind fromId(String id) {
    for (CellKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown cell '" + id + "' (expected rnn, gru or lstm)");
  }
}
