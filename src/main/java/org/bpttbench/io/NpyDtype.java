package org.bpttbench.io;

import java.nio.ByteOrder;

/**
 * The element types this package can read: float32 and float64 (parameters, inputs), and the
 * integer types class labels come in ({@link NpyReader#readIntegers}); either byte order.
 */
enum NpyDtype {
  F4_LITTLE("<f4", 4, ByteOrder.LITTLE_ENDIAN),
  F4_BIG(">f4", 4, ByteOrder.BIG_ENDIAN),
  F8_LITTLE("<f8", 8, ByteOrder.LITTLE_ENDIAN),
  F8_BIG(">f8", 8, ByteOrder.BIG_ENDIAN),
  I1("|i1", 1, ByteOrder.LITTLE_ENDIAN),
  U1("|u1", 1, ByteOrder.LITTLE_ENDIAN),
  I2_LITTLE("<i2", 2, ByteOrder.LITTLE_ENDIAN),
  I2_BIG(">i2", 2, ByteOrder.BIG_ENDIAN),
  U2_LITTLE("<u2", 2, ByteOrder.LITTLE_ENDIAN),
  U2_BIG(">u2", 2, ByteOrder.BIG_ENDIAN),
  I4_LITTLE("<i4", 4, ByteOrder.LITTLE_ENDIAN),
  I4_BIG(">i4", 4, ByteOrder.BIG_ENDIAN),
  U4_LITTLE("<u4", 4, ByteOrder.LITTLE_ENDIAN),
  U4_BIG(">u4", 4, ByteOrder.BIG_ENDIAN),
  I8_LITTLE("<i8", 8, ByteOrder.LITTLE_ENDIAN),
  I8_BIG(">i8", 8, ByteOrder.BIG_ENDIAN),
  U8_LITTLE("<u8", 8, ByteOrder.LITTLE_ENDIAN),
  U8_BIG(">u8", 8, ByteOrder.BIG_ENDIAN);

  static final String EXPECTED = "expected float32 '<f4' or float64 '<f8', or big-endian '>f4', '>f8'";
  static final String EXPECTED_INTEGER = "expected integers: int64 '<i8' as numpy saves a"
      + " PyTorch LongTensor, or any signed/unsigned 8..64-bit integer type";

  final String descr;
  final int itemSize;
  final ByteOrder order;

  NpyDtype(String descr, int itemSize, ByteOrder order) {
    this.descr = descr;
    this.itemSize = itemSize;
    this.order = order;
  }

  boolean integer() {
    return descr.charAt(1) != 'f';
  }

  boolean unsigned() {
    return descr.charAt(1) == 'u';
  }

  /** "float32", "float64", "int64", "uint8" …, for messages. */
  String typeName() {
    if (!integer()) {
      return itemSize == 4 ? "float32" : "float64";
    }
    return (unsigned() ? "uint" : "int") + 8 * itemSize;
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
