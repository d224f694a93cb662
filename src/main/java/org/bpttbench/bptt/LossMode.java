package org.bpttbench.bptt;

/** Which steps carry a loss term. */
public enum LossMode {
  /** Only the final step: the lesson's L_T, one target class. */
  FINAL,
  /** The sum over all steps, one target per step. */
  ALL_STEPS
}
