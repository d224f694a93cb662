package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks against files written by numpy 2.4 (src/test/resources/npy), generated once with:
 *
 * <pre>
 * import numpy as np
 * from numpy.lib import format as fmt
 * a = (np.arange(12, dtype='&lt;f4').reshape(3, 4) - 5.5) / 4
 * np.save('c_3x4_f4.npy', a)
 * np.save('scalar_f4.npy', np.array(-2.5, dtype='&lt;f4'))
 * np.save('vec5_f4.npy', np.array([1, -0.0, 3.25, 1e-30, 6e30], dtype='&lt;f4'))
 * np.save('empty_1000000000x0_f4.npy', np.zeros((1000000000, 0), dtype='&lt;f4'))
 * np.save('c_2x3x4_f4.npy', np.arange(24, dtype='&lt;f4').reshape(2, 3, 4) * 0.5)
 * for v in [(2, 0), (3, 0)]:
 *     with open('v%d_3x4_f4.npy' % v[0], 'wb') as f:
 *         fmt.write_array(f, a, version=v)
 * np.save('be_3x4_f4.npy', a.astype('&gt;f4'))
 * np.save('be_3x4_f8.npy', a.astype('&gt;f8'))
 * np.save('le_f8_big_values.npy', np.array([1e300, -1e300, 0.1, np.nan], dtype='&lt;f8'))
 * np.save('fortran_3x4_f4.npy', np.asfortranarray(a))
 * np.save('fortran_2x3x4_f8.npy', np.asfortranarray(np.arange(24, dtype='&lt;f8').reshape(2, 3, 4)))
 * </pre>
 */
class NpyFixtureTest {

  @TempDir
  Path dir;

  private static Path fixture(String name) {
    try {
      return Path.of(NpyFixtureTest.class.getResource("/npy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The values of {@code a} in the generating script. */
  private static float[] a() {
    float[] v = new float[12];
    for (int i = 0; i < 12; i++) {
      v[i] = (i - 5.5f) / 4;
    }
    return v;
  }

  private static float[] halfRamp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.5f;
    }
    return v;
  }

  private void assertWriterMatchesNumpy(String name, int[] shape, float[] data)
      throws IOException {
    Path ours = dir.resolve(name);
    NpyWriter.write(ours, shape, data);
    assertArrayEquals(Files.readAllBytes(fixture(name)), Files.readAllBytes(ours), name);
  }

  @Test
  void writerOutputIsByteIdenticalToNumpySave() throws IOException {
    assertWriterMatchesNumpy("c_3x4_f4.npy", new int[] {3, 4}, a());
    assertWriterMatchesNumpy("scalar_f4.npy", new int[] {}, new float[] {-2.5f});
    assertWriterMatchesNumpy("vec5_f4.npy", new int[] {5},
        new float[] {1, -0.0f, 3.25f, 1e-30f, 6e30f});
    assertWriterMatchesNumpy("empty_1000000000x0_f4.npy", new int[] {1000000000, 0},
        new float[0]);
    assertWriterMatchesNumpy("c_2x3x4_f4.npy", new int[] {2, 3, 4}, halfRamp(24));
  }

  @Test
  void readsNumpyFilesOfEveryVersionAndByteOrder() {
    for (String name : new String[] {"c_3x4_f4.npy", "v2_3x4_f4.npy", "v3_3x4_f4.npy",
        "be_3x4_f4.npy", "be_3x4_f8.npy", "fortran_3x4_f4.npy"}) {
      NpyArray array = NpyReader.read(fixture(name));
      assertEquals("(3, 4)", array.shapeString(), name);
      assertArrayEquals(a(), array.data(), name);
    }
  }

  @Test
  void readsNumpyFortranOrder3dFloat64() {
    NpyArray array = NpyReader.read(fixture("fortran_2x3x4_f8.npy"));
    assertEquals("(2, 3, 4)", array.shapeString());
    float[] expected = new float[24];
    for (int i = 0; i < 24; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, array.data());
  }

  @Test
  void readsNumpyScalarVectorAndEmpty() {
    assertEquals(new NpyArray(new int[] {}, new float[] {-2.5f}),
        NpyReader.read(fixture("scalar_f4.npy")));
    assertArrayEquals(new float[] {1, -0.0f, 3.25f, 1e-30f, 6e30f},
        NpyReader.read(fixture("vec5_f4.npy")).data());
    assertEquals("(1000000000, 0)",
        NpyReader.read(fixture("empty_1000000000x0_f4.npy")).shapeString());
  }

  @Test
  void narrowsNumpyFloat64() {
    assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.1f,
        Float.NaN}, NpyReader.read(fixture("le_f8_big_values.npy")).data());
  }
}
