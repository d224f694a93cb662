package org.bpttbench.io;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.bpttbench.io.NpyBytes.dict;
import static org.bpttbench.io.NpyBytes.doubles;
import static org.bpttbench.io.NpyBytes.file;
import static org.bpttbench.io.NpyBytes.floats;
import static org.bpttbench.io.NpyBytes.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs the reader must accept, built byte by byte in Java. */
class NpyReaderTest {

  @TempDir
  Path dir;

  private NpyArray read(byte[] bytes) {
    return NpyReader.read(NpyBytes.write(dir, "a.npy", bytes));
  }

  private static final float[] TWELVE = ramp(12);

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void readsEveryFormatVersion(int major) {
    NpyArray a = read(file(major, dict("<f4", false, "(3, 4)"), floats(LITTLE_ENDIAN, TWELVE)));
    assertEquals("(3, 4)", a.shapeString());
    assertArrayEquals(TWELVE, a.data());
  }

  @Test
  void readsBigEndianFloat32() {
    NpyArray a = read(file(1, dict(">f4", false, "(3, 4)"), floats(BIG_ENDIAN, TWELVE)));
    assertArrayEquals(new int[] {3, 4}, a.shape());
    assertArrayEquals(TWELVE, a.data());
  }

  @Test
  void readsFloat64InBothByteOrders() {
    double[] values = NpyBytes.toDoubles(TWELVE);
    for (String descr : new String[] {"<f8", ">f8"}) {
      var order = descr.startsWith("<") ? LITTLE_ENDIAN : BIG_ENDIAN;
      NpyArray a = read(file(1, dict(descr, false, "(12,)"), doubles(order, values)));
      assertArrayEquals(TWELVE, a.data(), descr);
    }
  }

  @Test
  void narrowsFloat64ToFloat32WithOutOfRangeValuesBecomingInfinite() {
    double[] values = {0.1, 1e300, -1e300, 1e-60, Double.NaN, 3.4028234663852886e38};
    NpyArray a = read(file(1, dict("<f8", false, "(6,)"), doubles(LITTLE_ENDIAN, values)));
    assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f,
        Float.NaN, Float.MAX_VALUE}, a.data());
    assertEquals(1, NonFinite.firstIndex(a.data()));
  }

  @Test
  void convertsFortranOrder2d() {
    // The 2x3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column.
    NpyArray a = read(file(1, dict("<f4", true, "(2, 3)"),
        floats(LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.data());
    assertArrayEquals(new int[] {2, 3}, a.shape());
  }

  @Test
  void convertsFortranOrder3dAnd4d() {
    for (int[] shape : new int[][] {{2, 3, 4}, {3, 1, 2, 5}, {4, 3}, {1, 7}, {7, 1}}) {
      float[] c = ramp((int) Shapes.elementCount(shape));
      String shapeText = Shapes.tuple(shape);
      NpyArray a = read(file(1, dict(">f8", true, shapeText),
          doubles(BIG_ENDIAN, NpyBytes.toDoubles(NpyBytes.toFortran(c, shape)))));
      assertArrayEquals(c, a.data(), shapeText);
      assertArrayEquals(shape, a.shape(), shapeText);
    }
  }

  @Test
  void fortranOrderOfOneDimensionalAndScalarArraysIsTheSameAsC() {
    assertArrayEquals(new float[] {1, 2, 3},
        read(file(1, dict("<f4", true, "(3,)"), floats(LITTLE_ENDIAN, 1, 2, 3))).data());
    assertArrayEquals(new float[] {7},
        read(file(1, dict("<f4", true, "()"), floats(LITTLE_ENDIAN, 7))).data());
  }

  @Test
  void readsScalarAsOneElementWithEmptyShape() {
    NpyArray a = read(file(1, dict("<f4", false, "()"), floats(LITTLE_ENDIAN, -2.5f)));
    assertEquals(0, a.ndim());
    assertEquals(1, a.size());
    assertEquals("()", a.shapeString());
    assertEquals(-2.5f, a.data()[0]);
  }

  @Test
  void readsEmptyArrays() {
    for (String shape : new String[] {"(0,)", "(3, 0)", "(0, 5, 2)"}) {
      NpyArray a = read(file(1, dict("<f4", false, shape), new byte[0]));
      assertEquals(0, a.size());
      assertEquals(shape, a.shapeString());
    }
    assertEquals(0, read(file(1, dict("<f8", true, "(0, 3)"), new byte[0])).size());
  }

  @Test
  void acceptsHeaderVariations() {
    byte[] data = floats(LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);
    String[] headers = {
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
        "{ 'descr' : '<f4' ,\t'fortran_order':False,'shape':( 2 ,3 , ) , }",
        "{'descr': '<f4',\n 'fortran_order': False,\r\n 'shape': (2L, 3L)}",
        "  {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        "{u'descr': u'<f4', 'fortran_order': False, 'shape': (2, 3), }",
    };
    for (String header : headers) {
      NpyArray a = read(file(1, header, data));
      assertEquals("(2, 3)", a.shapeString(), header);
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.data(), header);
    }
  }

  @Test
  void acceptsSixteenByteAlignmentAndNoPaddingAtAll() {
    String header = dict("<f4", false, "(2,)");
    byte[] data = floats(LITTLE_ENDIAN, 1, 2);
    // Old writers aligned to 16 bytes; the data offset comes from the length field either way.
    int unpadded = 10 + header.length() + 1;
    String padded16 = header + " ".repeat((16 - unpadded % 16) % 16) + "\n";
    assertArrayEquals(new float[] {1, 2}, read(NpyBytes.unpadded(1, padded16, data)).data());
    assertArrayEquals(new float[] {1, 2}, read(NpyBytes.unpadded(1, header, data)).data());
  }

  @Test
  void readsLargeArrayAcrossManyChunks() {
    float[] values = ramp(100_003);
    NpyArray a = read(file(2, dict(">f4", false, "(100003,)"), floats(BIG_ENDIAN, values)));
    assertArrayEquals(values, a.data());
  }
}
