package org.bpttbench.analysis;

import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/** Shared helpers of the analysis tests. */
final class AnalysisFixtures {
  private AnalysisFixtures() {}

  /** Whether {@link Cells#create} accepts this kind yet (GRU/LSTM arrive on another branch). */
  static boolean cellAvailable(CellKind kind, Kernels k) {
    try {
      Cells.create(Model.zeros(kind, Activation.TANH, 1, 1, 1), k, 1);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Model random(CellKind kind, Activation act, int in, int hid, int classes, float scale,
                      long seed) {
    return TestModels.random(kind, act, in, hid, classes, scale, seed);
  }

  /** A linear RNN: W_hh = ρ·Q (Q orthogonal), every other parameter zero, so with zero input h stays 0 and J_t = W_hh. */
  static Model linearOrthogonal(int hidden, double rho, long seed) {
    Model m = Init.model(CellKind.RNN, Activation.TANH, 3, hidden, 4, InitScheme.ORTHOGONAL, rho,
        seed);
    java.util.Arrays.fill(m.biasIh.data(), 0f);
    java.util.Arrays.fill(m.biasHh.data(), 0f);
    java.util.Arrays.fill(m.weightIh.data(), 0f);
    return m;
  }
}
