package org.bpttbench.bptt;

import org.bpttbench.cell.EnumId;

/** Which steps carry a loss term. */
public enum LossMode implements EnumId {
  /** Only the final step: the lesson's L_T, one target class. */
  FINAL,
  /** The sum over all steps, one target per step. */
  ALL_STEPS;

  /** {@code final} and {@code all}, as {@code train --loss} and its summary.json spell them. */
  @Override
  public String id() {
    return this == ALL_STEPS ? "all" : EnumId.super.id();
  }
}
