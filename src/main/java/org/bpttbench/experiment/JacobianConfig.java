package org.bpttbench.experiment;

import org.bpttbench.analysis.JacobianWorkspace;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;

/** One trajectory of {@code cell} over the setup's input × {@code inputScale}. */
public record JacobianConfig(Setup setup, CellKind cell, Activation activation,
                             double inputScale) {
  /** Eigenvalues and QR run in double on the full matrix: this bounds the Jacobian's size. */
  public static final int MAX_SIZE = 512;

  public JacobianConfig {
    int d = cell.stateVectors * setup.hidden();
    if (d > MAX_SIZE) {
      throw new IllegalArgumentException("hidden " + setup.hidden() + " gives a " + cell.id()
          + " Jacobian of size " + d + " (at most " + MAX_SIZE + ": eigenvalues and QR run in"
          + " double on the full matrix)");
    }
    MemoryBudget.require(JacobianWorkspace.bytes(cell, setup.input(), setup.hidden(),
        setup.classes(), setup.steps()), setup.sizes());
  }

  public int size() {
    return cell.stateVectors * setup.hidden();
  }
}
