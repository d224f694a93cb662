package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NpyReader#readIntegers}: class labels in every integer type numpy writes. */
class NpyIntegerReaderTest {
  @TempDir Path tmp;

  @Test
  void readsInt64AsNumpySavesALongTensor() {
    Path f = IntegerNpy.int64(tmp.resolve("y.npy"), "(2, 3)", 0, 1, 2, 7, -1, 2147483647);
    NpyIntArray a = NpyReader.readIntegers(f);
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new int[] {0, 1, 2, 7, -1, Integer.MAX_VALUE}, a.data());
  }

  @Test
  void readsBigEndianAndUnsignedNarrowTypes() {
    ByteBuffer be = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putInt(5).putInt(-3)
        .putInt(70000);
    Path i4 = NpyBytes.write(tmp, "be.npy", NpyBytes.file(1, NpyBytes.dict(">i4", false, "(3,)"),
        be.array()));
    assertArrayEquals(new int[] {5, -3, 70000}, NpyReader.readIntegers(i4).data());
    Path u1 = NpyBytes.write(tmp, "u1.npy", NpyBytes.file(1, NpyBytes.dict("|u1", false, "(2,)"),
        new byte[] {(byte) 200, 3}));
    assertArrayEquals(new int[] {200, 3}, NpyReader.readIntegers(u1).data());
  }

  @Test
  void refusesFloatsValuesBeyondIntAndFortranOrder() {
    Path f4 = NpyBytes.write(tmp, "f.npy", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(1,)"),
        NpyBytes.floats(ByteOrder.LITTLE_ENDIAN, 1f)));
    assertEquals(f4 + ": dtype '<f4' is not supported (" + NpyDtype.EXPECTED_INTEGER + ")",
        assertThrows(NpyFormatException.class, () -> NpyReader.readIntegers(f4)).getMessage());
    Path big = IntegerNpy.int64(tmp.resolve("big.npy"), "(2,)", 1, 1L << 33);
    assertEquals(big + ": int64 value 8589934592 at flat index 1 does not fit a 32-bit int",
        assertThrows(NpyFormatException.class, () -> NpyReader.readIntegers(big)).getMessage());
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    Path fortran = NpyBytes.write(tmp, "fo.npy", NpyBytes.file(1,
        NpyBytes.dict("<i8", true, "(2, 2)"), b.array()));
    assertEquals(fortran + ": integer array in Fortran order (expected C order; save"
            + " numpy.ascontiguousarray(a))",
        assertThrows(NpyFormatException.class, () -> NpyReader.readIntegers(fortran))
            .getMessage());
  }
}
