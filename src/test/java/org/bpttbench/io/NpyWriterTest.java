package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

  @TempDir
  Path dir;

  private static final int[][] SHAPES = {
      {}, {0}, {1}, {7}, {3, 4}, {4, 3}, {1, 1}, {0, 5}, {2, 3, 4}, {2, 1, 3, 1, 2}, {100_003},
      {1234567890, 0}, {2, 0, 1_000_000_000}
  };

  @Test
  void roundTripsSeveralShapes() throws IOException {
    Random random = new Random(42);
    for (int[] shape : SHAPES) {
      float[] data = new float[(int) Shapes.elementCount(shape)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) random.nextGaussian();
      }
      Path path = dir.resolve("x.npy");
      NpyWriter.write(path, shape, data);
      NpyArray back = NpyReader.read(path);
      assertArrayEquals(shape, back.shape(), Shapes.tuple(shape));
      assertArrayEquals(data, back.data(), Shapes.tuple(shape));
    }
  }

  @Test
  void roundTripsSpecialValuesBitForBit() throws IOException {
    float[] data = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
        Float.MIN_VALUE, Float.MAX_VALUE, Float.intBitsToFloat(0x7fc00001)};
    Path path = dir.resolve("special.npy");
    NpyWriter.write(path, new NpyArray(new int[] {7}, data));
    float[] back = NpyReader.read(path).data();
    for (int i = 0; i < data.length; i++) {
      assertEquals(Float.floatToRawIntBits(data[i]), Float.floatToRawIntBits(back[i]), "index " + i);
    }
  }

  @Test
  void headerIsAlignedTo64BytesAndEndsWithNewline() {
    for (int[] shape : SHAPES) {
      byte[] header = NpyWriter.header(shape);
      assertEquals(0, header.length % 64, Shapes.tuple(shape));
      assertEquals('\n', header[header.length - 1]);
      assertEquals(header.length - 10, (header[8] & 0xff) | (header[9] & 0xff) << 8);
    }
  }

  @Test
  void replacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path path = dir.resolve("w.npy");
    Files.writeString(path, "old contents");
    NpyWriter.write(path, new int[] {2}, new float[] {1, 2});
    assertArrayEquals(new float[] {1, 2}, NpyReader.read(path).data());
    assertEquals(List.of(path), listDir());
  }

  @Test
  void rejectsShapeThatDoesNotMatchDataAndKeepsExistingFile() throws IOException {
    Path path = dir.resolve("w.npy");
    NpyWriter.write(path, new int[] {2}, new float[] {1, 2});
    assertThrows(IllegalArgumentException.class,
        () -> NpyWriter.write(path, new int[] {3}, new float[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> NpyWriter.write(path, new int[] {-1, -2}, new float[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> NpyWriter.write(path, new int[65], new float[0]));
    assertArrayEquals(new float[] {1, 2}, NpyReader.read(path).data());
    assertEquals(List.of(path), listDir());
  }

  @Test
  void newFileGetsOrdinaryPermissionsNotPrivateTemporaryOnes() throws IOException {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
    Path ordinary = Files.createFile(dir.resolve("ordinary"));
    Path written = dir.resolve("w.npy");
    NpyWriter.write(written, new int[] {1}, new float[] {1});
    assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(written));
  }

  @Test
  void missingDirectoryIsAnIoError() {
    assertThrows(NoSuchFileException.class,
        () -> NpyWriter.write(dir.resolve("no/such/dir/x.npy"), new int[] {1}, new float[] {1}));
  }

  @Test
  void writesRelativePaths() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.npy"));
    NpyWriter.write(relative, new int[] {1}, new float[] {3});
    assertArrayEquals(new float[] {3}, NpyReader.read(relative).data());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
