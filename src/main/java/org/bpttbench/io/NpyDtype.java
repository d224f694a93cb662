package org.bpttbench.io;

import java.nio.ByteOrder;

/** The element types this package can read: float32 and float64, either byte order. */
enum NpyDtype {
  F4_LITTLE("<f4", 4, ByteOrder.LITTLE_ENDIAN),
  F4_BIG(">f4", 4, ByteOrder.BIG_ENDIAN),
  F8_LITTLE("<f8", 8, ByteOrder.LITTLE_ENDIAN),
  F8_BIG(">f8", 8, ByteOrder.BIG_ENDIAN);

  static final String EXPECTED = "expected float32 '<f4' or float64 '<f8', or big-endian '>f4', '>f8'";

  final String descr;
  final int itemSize;
  final ByteOrder order;

  NpyDtype(String descr, int itemSize, ByteOrder order) {
    this.descr = descr;
    this.itemSize = itemSize;
    this.order = order;
  }

  /** "float32" or "float64", for messages. */
  String typeName() {
    return itemSize == 4 ? "float32" : "float64";
  }

  /**
   * The dtype for a header's {@code descr} value, or {@code null} if it is not supported.
   *
   * <p>'|f4' and '=f4' are refused: '|' is meant for types without byte order and '=' means "the
   * writer's machine", so the byte order of the data would be a guess.
   */
  static NpyDtype fromDescr(String descr) {
    for (NpyDtype t : values()) {
      if (t.descr.equals(descr)) {
        return t;
      }
    }
    return null;
  }
}
