package org.bpttbench.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding float32 or float64 data in
 * either byte order and either C or Fortran order, into a C-order float32 {@link NpyArray}; and,
 * for class labels, integer arrays into an {@link NpyIntArray} ({@link #readIntegers}).
 *
 * <p>float64 values are narrowed to float32; values outside the float32 range become ±Infinity
 * (and NaN stays NaN), which the caller's finite check ({@link NonFinite}) then reports.
 *
 * <p>Everything the file says is checked before it is trusted: the header length against a limit
 * and the file size, and the size the header promises against the actual data length, so memory
 * is only allocated for data that is really there. Every problem, including I/O failures, is
 * reported as an {@link NpyFormatException} with a one-line message naming the file.
 */
public final class NpyReader {

  /** Largest header accepted; numpy's own default limit is 10000 bytes. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK_BYTES = 1 << 16;

  private NpyReader() {}

  public static NpyArray read(Path path) {
    return open(path, NpyReader::read);
  }

  /**
   * Reads a C-order {@code .npy} of integers (class labels: numpy saves a PyTorch LongTensor as
   * int64 {@code '<i8'}); every value must fit a Java int.
   */
  public static NpyIntArray readIntegers(Path path) {
    return open(path, NpyReader::readIntegers);
  }

  /** One of the readers below, on an open channel. */
  private interface ChannelReader<T> {
    T read(String file, SeekableByteChannel channel) throws IOException;
  }

  private static <T> T open(Path path, ChannelReader<T> reader) {
    String file = path.toString();
    if (Files.isDirectory(path)) {
      throw new NpyFormatException(file, "is a directory (expected a .npy file)");
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return reader.read(file, channel);
    } catch (NoSuchFileException e) {
      throw new NpyFormatException(file, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new NpyFormatException(file, "permission denied", e);
    } catch (IOException e) {
      throw new NpyFormatException(file, "cannot read file: " + e.getMessage(), e);
    }
  }

  /** Reads from an open channel; {@code file} names it in messages. Used directly by tests. */
  static NpyArray read(String file, SeekableByteChannel channel) throws IOException {
    Located at = locate(file, channel, false);
    NpyHeader header = at.header();
    float[] data = readData(file, channel, at.dataStart(), header);
    if (header.fortranOrder()) {
      data = FortranOrder.toC(data, header.shape());
    }
    return new NpyArray(header.shape(), data);
  }

  static NpyIntArray readIntegers(String file, SeekableByteChannel channel) throws IOException {
    Located at = locate(file, channel, true);
    NpyHeader header = at.header();
    if (header.fortranOrder() && header.shape().length > 1) {
      throw new NpyFormatException(file, "integer array in Fortran order (expected C order;"
          + " save numpy.ascontiguousarray(a))");
    }
    return new NpyIntArray(header.shape(), readIntData(file, channel, at.dataStart(), header));
  }

  /** A checked header and where its data starts. */
  private record Located(NpyHeader header, long dataStart) {}

  /** Reads and checks the preamble and header, and that the data size is what it promises. */
  private static Located locate(String file, SeekableByteChannel channel, boolean integers)
      throws IOException {
    long fileSize = channel.size();
    if (fileSize < 10) {
      throw new NpyFormatException(file, "file is " + fileSize
          + " bytes long (expected a .npy file of at least 10 bytes)");
    }
    ByteBuffer start = readExactly(file, channel, 0, 8);
    byte[] magic = new byte[MAGIC.length];
    start.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new NpyFormatException(file, "not a .npy file: starts with bytes " + hex(magic)
          + " (expected 93 4e 55 4d 50 59, i.e. \\x93NUMPY)");
    }
    int major = start.get() & 0xff;
    int minor = start.get() & 0xff;
    if ((major < 1 || major > 3) || minor != 0) {
      throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor
          + " (expected 1.0, 2.0 or 3.0)");
    }

    int lengthFieldSize = major == 1 ? 2 : 4;
    long headerStart = 8 + lengthFieldSize;
    if (fileSize < headerStart) {
      throw new NpyFormatException(file, "file is " + fileSize + " bytes long (expected at least "
          + headerStart + " for the preamble of a version " + major + ".0 file)");
    }
    ByteBuffer lengthField = readExactly(file, channel, 8, lengthFieldSize)
        .order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1
        ? lengthField.getShort() & 0xffffL
        : lengthField.getInt() & 0xffffffffL;
    if (headerLength > MAX_HEADER_BYTES) {
      throw new NpyFormatException(file, "header length field says " + headerLength
          + " bytes (expected at most " + MAX_HEADER_BYTES + ")");
    }
    if (headerLength > fileSize - headerStart) {
      throw new NpyFormatException(file, "truncated header: header length field says "
          + headerLength + " bytes but only " + Math.max(0, fileSize - headerStart)
          + " bytes follow");
    }
    ByteBuffer headerBytes = readExactly(file, channel, headerStart, (int) headerLength);
    NpyHeader header = NpyHeader.parse(file, decodeHeader(file, headerBytes, major), integers);

    long dataStart = headerStart + headerLength;
    long dataBytes = fileSize - dataStart;
    if (dataBytes != header.dataBytes()) {
      String problem = dataBytes < header.dataBytes() ? "truncated data" : "trailing data";
      String hint = dataBytes < header.dataBytes() ? "" : "; the header's shape does not match";
      throw new NpyFormatException(file, problem + ": header promises " + header.elementCount()
          + " " + header.dtype().typeName() + " values (" + header.dataBytes()
          + " bytes) for shape " + Shapes.tuple(header.shape()) + " but the file has "
          + dataBytes + " bytes of data" + hint);
    }
    return new Located(header, dataStart);
  }

  private static String decodeHeader(String file, ByteBuffer bytes, int major) {
    if (major < 3) {
      return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new NpyFormatException(file,
          "header is not valid UTF-8 (expected UTF-8, as format version 3.0 requires)");
    }
  }

  /** Reads and converts the data in fixed-size chunks, so only the float[] is allocated. */
  private static float[] readData(String file, SeekableByteChannel channel, long position,
      NpyHeader header) throws IOException {
    NpyDtype dtype = header.dtype();
    float[] out = new float[header.elementCount()];
    forEachChunk(file, channel, position, dtype, out.length, (chunk, done, count) -> {
      if (dtype.itemSize == 4) {
        chunk.asFloatBuffer().get(out, done, count);
      } else {
        for (int i = 0; i < count; i++) {
          out[done + i] = (float) chunk.getDouble();
        }
      }
    });
    return out;
  }

  /** Integer data in chunks, each value checked to fit an int. */
  private static int[] readIntData(String file, SeekableByteChannel channel, long position,
      NpyHeader header) throws IOException {
    NpyDtype dtype = header.dtype();
    int[] out = new int[header.elementCount()];
    forEachChunk(file, channel, position, dtype, out.length, (chunk, done, count) -> {
      for (int i = 0; i < count; i++) {
        long v = integer(chunk, dtype);
        if (v != (int) v || (dtype.unsigned() && dtype.itemSize == 8 && v < 0)) {
          throw new NpyFormatException(file, dtype.typeName() + " value "
              + (v < 0 && dtype.unsigned() ? Long.toUnsignedString(v) : v) + " at flat index "
              + (done + i) + " does not fit a 32-bit int");
        }
        out[done + i] = (int) v;
      }
    });
    return out;
  }

  /** Receives one chunk of {@code count} elements, the first of which is element {@code done}. */
  private interface ChunkReader {
    void read(ByteBuffer chunk, int done, int count);
  }

  /** Reads {@code elements} values in chunks of at most CHUNK_BYTES, reusing one buffer. */
  private static void forEachChunk(String file, SeekableByteChannel channel, long position,
      NpyDtype dtype, int elements, ChunkReader reader) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(dtype.order);
    int done = 0;
    long offset = position;
    while (done < elements) {
      int count = Math.min(elements - done, CHUNK_BYTES / dtype.itemSize);
      chunk.clear().limit(count * dtype.itemSize);
      fill(file, channel, chunk, offset);
      chunk.flip();
      reader.read(chunk, done, count);
      done += count;
      offset += (long) count * dtype.itemSize;
    }
  }

  private static long integer(ByteBuffer b, NpyDtype dtype) {
    boolean u = dtype.unsigned();
    switch (dtype.itemSize) {
      case 1: return u ? b.get() & 0xffL : b.get();
      case 2: return u ? b.getShort() & 0xffffL : b.getShort();
      case 4: return u ? b.getInt() & 0xffffffffL : b.getInt();
      default: return b.getLong();
    }
  }

  private static ByteBuffer readExactly(String file, SeekableByteChannel channel, long position,
      int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    fill(file, channel, buffer, position);
    return buffer.flip();
  }

  /** Fills the buffer's remaining space; the file may have shrunk since its size was taken. */
  private static void fill(String file, SeekableByteChannel channel, ByteBuffer buffer,
      long position)
      throws IOException {
    long at = position;
    channel.position(position);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer);
      if (n < 0) {
        throw new NpyFormatException(file, "file ended at byte " + at
            + " while reading (expected the file not to change while it is read)");
      }
      at += n;
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() > 0 ? " " : "").append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
