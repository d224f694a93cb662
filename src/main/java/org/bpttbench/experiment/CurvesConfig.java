package org.bpttbench.experiment;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;

/**
 * The headline figure's run: RNN, GRU, LSTM, the LRU and causal attention generated from one
 * {@link Setup} and fed the same input (standard normal × {@code inputScale}); {@code activation}
 * is the RNN's nonlinearity.
 */
public record CurvesConfig(Setup setup, Activation activation, int target, double inputScale) {
  public CurvesConfig {
    setup.checkSteps(2, "a decay needs two points");
    setup.checkTarget(target);
    for (CellKind kind : CellKind.values()) {
      setup.requireMemory(kind, 1); // the cells run one after the other
    }
    try {
      MemoryBudget.require(CurvesExperiment.sequenceBytes(setup), setup.sizes());
    } catch (ArithmeticException overflow) {
      MemoryBudget.require(Long.MAX_VALUE, setup.sizes());
    }
  }
}
