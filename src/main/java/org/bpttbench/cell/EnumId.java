package org.bpttbench.cell;

import java.util.Locale;

/**
 * An enum whose constants have ids, as the command line, the output files and the benchmark
 * parameters spell them: the constant's name in lower case, '_' written '-', unless the enum
 * overrides {@link #id()} (where the spelling users know differs from the constant's name).
 */
public interface EnumId {
  /** The constant's name ({@link Enum#name()}). */
  String name();

  default String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant of {@code type} with the id {@code id}, else an {@link IllegalArgumentException}
   * "unknown WHAT 'id' (expected a, b or c)".
   */
  static <E extends Enum<E> & EnumId> E fromId(Class<E> type, String id, String what) {
    E[] all = type.getEnumConstants();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      if (all[i].id().equals(id)) {
        return all[i];
      }
      expected.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].id());
    }
    throw new IllegalArgumentException("unknown " + what + " '" + id + "' (expected " + expected
        + ")");
  }
}
