package org.bpttbench.seq;

import org.bpttbench.cell.EnumId;

/**
 * The sequence models beside the recurrent cells ({@link org.bpttbench.cell.CellKind}): the
 * registry the command line and the report iterate, as they iterate {@code CellKind.values()}.
 */
public enum SequenceKind implements EnumId {
  /** {@link Lru}: its per-step gradient is ‖dL/dh_t‖ of the complex state. */
  LRU,
  /** {@link CausalAttention}: its per-step gradient is ‖dL/dx_t‖ of the input. */
  ATTENTION;

  /** Parses {@code lru|attention}. */
  public static SequenceKind fromId(String id) {
    return EnumId.fromId(SequenceKind.class, id, "sequence model");
  }
}
