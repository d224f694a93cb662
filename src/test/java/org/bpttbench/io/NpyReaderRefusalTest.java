package org.bpttbench.io;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.bpttbench.io.NpyBytes.dict;
import static org.bpttbench.io.NpyBytes.file;
import static org.bpttbench.io.NpyBytes.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad input is refused with an NpyFormatException whose message is one line, starts
 * with the file name and says what was expected.
 */
class NpyReaderRefusalTest {

  @TempDir
  Path dir;

  private static final byte[] TWELVE_FLOATS = floats(LITTLE_ENDIAN, NpyBytes.ramp(12));

  /** Reads {@code bytes} as "weights.npy" and checks the refusal message contains {@code parts}. */
  private String refused(byte[] bytes, String... parts) {
    return refusedAt(NpyBytes.write(dir, "weights.npy", bytes), parts);
  }

  private static String refusedAt(Path path, String... parts) {
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(path));
    String message = e.getMessage();
    if (Boolean.getBoolean("npy.showMessages")) {
      System.out.println(message);
    }
    assertTrue(message.startsWith(OneLine.of(path.toString()) + ": "), message);
    assertFalse(message.contains("\n") || message.contains("\r"), message);
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + message + "' lacks '" + part + "'");
    }
    return message;
  }

  private String refusedHeader(String header, byte[] data, String... parts) {
    return refused(file(1, header, data), parts);
  }

  @Test
  void missingFile() {
    Path path = dir.resolve("inputs.npy");
    assertEquals(path + ": no such file", refusedAt(path));
  }

  @Test
  void directory() {
    refusedAt(dir, "is a directory", "expected a .npy file");
  }

  @Test
  void tooShort() {
    refused(new byte[] {(byte) 0x93, 'N', 'U'}, "3 bytes long", "expected", "at least 10 bytes");
    refused(new byte[0], "0 bytes long");
    byte[] v2Preamble = java.util.Arrays.copyOf(file(2, dict("<f4", false, "()"), new byte[4]), 11);
    refused(v2Preamble, "11 bytes long", "expected at least 12");
  }

  @Test
  void badMagic() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    refused(png, "not a .npy file", "89 50 4e 47 0d 0a", "expected 93 4e 55 4d 50 59");
    byte[] lowercase = file(1, dict("<f4", false, "()"), new byte[4]);
    lowercase[1] = 'n';
    refused(lowercase, "not a .npy file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0", "4.0", "1.1", "2.5", "255.255"})
  void unknownVersion(String version) {
    String[] parts = version.split("\\.");
    byte[] bytes = file(1, dict("<f4", false, "()"), new byte[4]);
    bytes[6] = (byte) Integer.parseInt(parts[0]);
    bytes[7] = (byte) Integer.parseInt(parts[1]);
    refused(bytes, "unsupported .npy format version " + version, "expected 1.0, 2.0 or 3.0");
  }

  @Test
  void absurdHeaderLength() {
    byte[] bytes = file(2, dict("<f4", false, "()"), new byte[4]);
    ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).putInt(8, 0xffffffff);
    refused(bytes, "header length field says 4294967295 bytes", "expected at most 1048576");
  }

  @Test
  void headerLongerThanFile() {
    byte[] bytes = file(1, dict("<f4", false, "()"), new byte[4]);
    ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).putShort(8, (short) 60000);
    refused(bytes, "truncated header", "says 60000 bytes but only 122 bytes follow");
  }

  @Test
  void headerNotUtf8InVersion3() {
    byte[] header = NpyBytes.concat("{'descr': '<f4', 'fortran_order': False, 'shape': (), }"
        .getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, '\n'});
    refused(NpyBytes.raw(3, 0, header, new byte[4]), "not valid UTF-8", "expected UTF-8");
  }

  @Test
  void headerNotADict() {
    refusedHeader("['<f4', False, (3, 4)]", TWELVE_FLOATS, "header is ['<f4', False, (3, 4)]",
        "expected a dict");
    refused(NpyBytes.unpadded(1, "", new byte[4]), "not a valid Python dict literal",
        "expected a value at offset 0, found end of header");
    refusedHeader("", new byte[4], "not a valid Python dict literal", "found end of header");
  }

  @Test
  void headerSyntaxErrors() {
    refusedHeader("{'descr': '<f4' 'fortran_order': False, 'shape': (3, 4)}", TWELVE_FLOATS,
        "not a valid Python dict literal", "expected ',' at offset 16, found ''fortran_ord'");
    refusedHeader("{'descr': '<f4, 'fortran_order': False, 'shape': (3, 4)}", TWELVE_FLOATS,
        "not a valid Python dict literal");
    refusedHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)", TWELVE_FLOATS,
        "not a valid Python dict literal", "found end of header");
    refusedHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)} x", TWELVE_FLOATS,
        "expected end of header");
    refusedHeader("{'descr': '<f4', 'fortran_order': false, 'shape': (3, 4)}", TWELVE_FLOATS,
        "expected True, False, None or another value", "found 'false");
    refusedHeader("{descr: '<f4', 'fortran_order': False, 'shape': (3, 4)}", TWELVE_FLOATS,
        "expected a string key or '}'");
    refusedHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3.0, 4)}", TWELVE_FLOATS,
        "not a valid Python dict literal");
    refusedHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3,, 4)}", TWELVE_FLOATS,
        "not a valid Python dict literal");
    refusedHeader("{'descr': '<f4',\0 'fortran_order': False, 'shape': (3, 4)}", TWELVE_FLOATS,
        "found '\\x00");
  }

  @Test
  void hostileNesting() {
    refusedHeader("{'descr': " + "(".repeat(50_000), new byte[0], "nested more than 32 levels");
    refusedHeader("{'shape': (" + "9".repeat(5_000) + ",)}", new byte[0],
        "integer with more than 40 digits");
  }

  @Test
  void missingKey() {
    refusedHeader("{'descr': '<f4', 'fortran_order': False}", TWELVE_FLOATS,
        "header has no key 'shape'", "expected keys 'descr', 'fortran_order', 'shape'");
    refusedHeader("{}", TWELVE_FLOATS, "header has no key 'descr'");
  }

  @Test
  void unexpectedOrDuplicateKey() {
    refusedHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), 'extra': 1}",
        TWELVE_FLOATS, "unexpected key 'extra'", "expected keys 'descr', 'fortran_order', 'shape'");
    refusedHeader("{'descr': '<f4', 'shape': (3, 4), 'fortran_order': False, 'shape': (2, 6)}",
        TWELVE_FLOATS, "key 'shape' appears twice");
  }

  @Test
  void fortranOrderNotBoolean() {
    refusedHeader("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4)}", TWELVE_FLOATS,
        "'fortran_order' is 0", "expected True or False");
    refusedHeader("{'descr': '<f4', 'fortran_order': 'False', 'shape': (3, 4)}", TWELVE_FLOATS,
        "'fortran_order' is 'False'", "expected True or False");
  }

  @Test
  void unparseableShape() {
    String expected = "expected a tuple of non-negative integers such as (3, 4)";
    refusedHeader(dict("<f4", false, "[3, 4]"), TWELVE_FLOATS, "'shape' is [3, 4]", expected);
    refusedHeader(dict("<f4", false, "(12)"), TWELVE_FLOATS, "'shape' is 12", expected);
    refusedHeader(dict("<f4", false, "None"), TWELVE_FLOATS, "'shape' is None", expected);
    refusedHeader(dict("<f4", false, "(3, '4')"), TWELVE_FLOATS,
        "shape (3, '4') has dimension '4'", expected);
    refusedHeader(dict("<f4", false, "((3, 4),)"), TWELVE_FLOATS, "has dimension (3, 4)",
        expected);
    refusedHeader(dict("<f4", false, "(3, True)"), TWELVE_FLOATS, expected);
  }

  @Test
  void negativeDimension() {
    refusedHeader(dict("<f4", false, "(-3, -4)"), TWELVE_FLOATS,
        "shape (-3, -4) has dimension -3", "expected a tuple of non-negative integers");
  }

  @Test
  void dimensionOrElementCountTooLarge() {
    refusedHeader(dict("<f4", false, "(3000000000,)"), new byte[0],
        "has dimension 3000000000", "expected at most 2147483647 per dimension");
    refusedHeader(dict("<f4", false, "(100000, 100000)"), new byte[0],
        "shape (100000, 100000) has 10000000000 elements", "expected at most 2147483647");
    refusedHeader(dict("<f4", false, "(2147483647, 2147483647, 2147483647)"), new byte[0],
        "has more than 2^63 elements", "expected at most 2147483647");
    refusedHeader(dict("<f8", false, "(2147483647, 2)"), new byte[0], "4294967294 elements");
  }

  @Test
  void tooManyDimensions() {
    String shape = "(" + "1, ".repeat(65) + ")";
    refusedHeader(dict("<f4", false, shape), new byte[4], "shape has 65 dimensions",
        "expected at most 64");
  }

  @Test
  void unsupportedDtypeExactMessage() {
    Path path = NpyBytes.write(dir, "weight_hh.npy",
        file(1, dict("<i4", false, "(3, 4)"), TWELVE_FLOATS));
    assertEquals(path + ": dtype '<i4' is not supported (expected float32 '<f4' or float64"
        + " '<f8', or big-endian '>f4', '>f8')", refusedAt(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i4", "<i8", "|u1", "|b1", "<c8", "<c16", "|O", "<f2", ">f2", "<f16",
      "<U5", "|S3", "|V4", "<M8[s]", "|f4", "=f4", "f4", "float32", "<F4", "<f4 ", ""})
  void unsupportedDtype(String descr) {
    refusedHeader(dict(descr, false, "(3, 4)"), TWELVE_FLOATS,
        "dtype '" + descr + "' is not supported", "expected float32 '<f4' or float64 '<f8'");
  }

  @Test
  void floatWithoutByteOrder() {
    refusedHeader(dict("|f4", false, "(3, 4)"), TWELVE_FLOATS,
        "dtype '|f4' is not supported, its byte order is not stated", "expected float32 '<f4'");
  }

  @Test
  void structuredOrNonStringDtype() {
    refusedHeader("{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (6,)}",
        TWELVE_FLOATS, "dtype [('a', '<f4'), ('b', '<f4')] is not supported", "expected float32");
    refusedHeader("{'descr': 4, 'fortran_order': False, 'shape': (3, 4)}", TWELVE_FLOATS,
        "dtype 4 is not supported");
  }

  @Test
  void truncatedDataExactMessage() {
    Path path = NpyBytes.write(dir, "inputs.npy",
        file(1, dict("<f4", false, "(3, 4)"), java.util.Arrays.copyOf(TWELVE_FLOATS, 40)));
    assertEquals(path + ": truncated data: header promises 12 float32 values (48 bytes) for shape"
        + " (3, 4) but the file has 40 bytes of data", refusedAt(path));
    refusedHeader(dict("<f8", false, "(3, 4)"), TWELVE_FLOATS,
        "header promises 12 float64 values (96 bytes)", "but the file has 48 bytes of data");
    refusedHeader(dict("<f4", false, "()"), new byte[0], "truncated data",
        "1 float32 values (4 bytes)", "has 0 bytes of data");
  }

  @Test
  void trailingData() {
    refusedHeader(dict("<f4", false, "(2, 4)"), TWELVE_FLOATS, "trailing data",
        "header promises 8 float32 values (32 bytes) for shape (2, 4) but the file has 48 bytes",
        "shape does not match");
    refusedHeader(dict("<f4", false, "(0,)"), new byte[1], "trailing data", "has 1 bytes");
  }

  @Test
  void pathWithNewlineStaysOnOneLine() throws Exception {
    Path path = dir.resolve("a\nb.npy");
    Files.write(path, new byte[3]);
    assertTrue(refusedAt(dir.resolve("a\nb.npy")).contains("a\\x0ab.npy"));
  }
}
