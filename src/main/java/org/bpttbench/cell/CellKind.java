package org.bpttbench.cell;

import org.bpttbench.kernel.Kernels;

/**
 * The recurrent cells, with PyTorch's number of stacked gate blocks in {@code weight_ih}/{@code weight_hh}.
 * This is the cell registry: a new cell is one class and one line here.
 */
public enum CellKind implements EnumId {
  RNN(1, 1, RnnCell::new, RnnCell::workspaceBytes),
  GRU(3, 1, GruCell::new, GruCell::workspaceBytes),
  LSTM(4, 2, LstmCell::new, LstmCell::workspaceBytes);

  /** Stacked gate blocks G: the weights have G·H rows. */
  public final int gates;
  /** Recurrent state vectors per step: h (and c for LSTM). */
  public final int stateVectors;
  final Factory factory;
  final Workspace workspace;

  /** The cell's constructor. */
  interface Factory {
    RecurrentCell create(Layer params, Kernels kernels, int maxBatch, int maxSteps);
  }

  /** The heap bytes the cell's constructor allocates (overflow-checked, see {@link ArrayBytes}). */
  interface Workspace {
    long bytes(int hidden, int maxBatch, int maxSteps);
  }

  CellKind(int gates, int stateVectors, Factory factory, Workspace workspace) {
    this.gates = gates;
    this.stateVectors = stateVectors;
    this.factory = factory;
    this.workspace = workspace;
  }

  /** Parses {@code rnn|gru|lstm}. */
  public static CellKind fromId(String id) {
    return EnumId.fromId(CellKind.class, id, "cell");
  }
}
