package org.bpttbench.experiment;

import org.bpttbench.cell.EnumId;

/**
 * Where {@code learn}'s training batches come from. {@link #FRESH}: batch u is sequences
 * u·B … u·B+B−1 of the (lag, seed)'s seeded stream ({@link LearnStream}), never one seen before
 * and never one of the held-out test set. {@link #FIXED}: the first {@code trainSize} sequences of
 * that stream, cycled in order (what {@code task --split train} exports, for replay in PyTorch).
 */
public enum LearnData implements EnumId {
  FRESH, FIXED;

  public static LearnData fromId(String id) {
    return EnumId.fromId(LearnData.class, id, "training data");
  }
}
