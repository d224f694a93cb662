package org.bpttbench.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes float32 (and int64) arrays as {@code .npy} files byte for byte like {@code numpy.save}:
 * format 1.0, {@code '<f4'} ({@code '<i8'}), C order, header padded with spaces to a 64-byte boundary and ended by a newline.
 *
 * <p>The file is written to a temporary file in the target's directory, flushed to disk, then
 * renamed over the target, so readers never see a half-written file even if the process dies.
 */
public final class NpyWriter {

  private static final int ALIGN = 64;
  /** Magic (6), version (2) and the 2-byte header length of format 1.0. */
  private static final int PREFIX_BYTES = 10;
  /** numpy leaves room for the first dimension to grow to this many digits. */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final int CHUNK_FLOATS = 1 << 14;

  private NpyWriter() {}

  public static void write(Path path, NpyArray array) throws IOException {
    write(path, array.shape(), array.data());
  }

  /**
   * Writes {@code data} (C order) with the given shape.
   *
   * @throws IllegalArgumentException if the shape does not match the data length or has more than
   *     64 dimensions
   */
  public static void write(Path path, int[] shape, float[] data) throws IOException {
    new NpyArray(shape, data); // validates shape against data length
    write(path, "<f4", shape, out -> writeData(out, data));
  }

  /**
   * Writes {@code data} as int64 ({@code '<i8'}, what {@code np.save} gives an int64 array, e.g.
   * class labels for {@code torch.long}) with the given shape.
   *
   * @throws IllegalArgumentException if the shape does not match the data length
   */
  public static void writeInt64(Path path, int[] shape, long[] data) throws IOException {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Shapes.tuple(shape) + " does not match "
          + data.length + " values");
    }
    write(path, "<i8", shape, out -> writeLongs(out, data));
  }

  /** The bytes after the header. */
  private interface Payload {
    void write(FileChannel out) throws IOException;
  }

  private static void write(Path path, String descr, int[] shape, Payload payload)
      throws IOException {
    if (shape.length > NpyHeader.MAX_DIMS) {
      // Also keeps the header far below the 65535 bytes format 1.0 allows.
      throw new IllegalArgumentException("shape has " + shape.length + " dimensions, more than "
          + NpyHeader.MAX_DIMS);
    }
    Path target = path.toAbsolutePath();
    Path temp = createTemp(target);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(out, ByteBuffer.wrap(header(descr, shape)));
        payload.write(out);
        out.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * An empty temporary file next to {@code target}. Temporary files are private (0600) by default;
   * ask for 0666 instead so that, after the umask, the result has the permissions of an ordinary
   * new file, as with numpy.save.
   */
  private static Path createTemp(Path target) throws IOException {
    Path dir = target.getParent();
    String prefix = "." + target.getFileName();
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-rw-rw-")));
    }
    return Files.createTempFile(dir, prefix, ".tmp");
  }

  /** Magic, version, header length and the padded header dict, as numpy writes them. */
  static byte[] header(int[] shape) {
    return header("<f4", shape);
  }

  static byte[] header(String descr, int[] shape) {
    StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False,"
        + " 'shape': ")
        .append(Shapes.tuple(shape)).append(", }");
    if (shape.length > 0) {
      dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS
          - String.valueOf(shape[0]).length())));
    }
    int unpadded = dict.length() + 1; // + the final newline
    int padding = ALIGN - (PREFIX_BYTES + unpadded) % ALIGN;
    dict.append(" ".repeat(padding)).append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);

    ByteBuffer out = ByteBuffer.allocate(PREFIX_BYTES + text.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.put((byte) 1).put((byte) 0);
    out.putShort((short) text.length);
    return out.put(text).array();
  }

  private static void writeData(FileChannel out, float[] data) throws IOException {
    writeChunks(out, data.length, Float.BYTES,
        (chunk, done, count) -> chunk.asFloatBuffer().put(data, done, count));
  }

  private static void writeLongs(FileChannel out, long[] data) throws IOException {
    writeChunks(out, data.length, Long.BYTES,
        (chunk, done, count) -> chunk.asLongBuffer().put(data, done, count));
  }

  /** Puts items done..done+count−1 into the (little-endian) chunk. */
  private interface Fill {
    void put(ByteBuffer chunk, int done, int count);
  }

  private static void writeChunks(FileChannel out, int length, int itemBytes, Fill fill)
      throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * itemBytes)
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < length; done += CHUNK_FLOATS) {
      int count = Math.min(CHUNK_FLOATS, length - done);
      chunk.clear();
      fill.put(chunk, done, count);
      chunk.limit(count * itemBytes);
      writeFully(out, chunk);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }
}
