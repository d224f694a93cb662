package org.bpttbench.io;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.bpttbench.io.NpyBytes.dict;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies thousands of random mutations to valid files. Every read must either return a
 * consistent array or throw NpyFormatException; where the mutation's effect is known (data-only
 * overwrites, truncation, insertion, deletion) the outcome is checked exactly.
 */
class NpyCorruptionTest {

  /** Override with -Dnpy.fuzz.mutations=N -Dnpy.fuzz.seed=S to search further. */
  private static final int MUTATIONS = Integer.getInteger("npy.fuzz.mutations", 5000);
  private static final long SEED = Long.getLong("npy.fuzz.seed", 20261124L);
  /** Characters that make header mutations reach deeper into the parser than random bytes. */
  private static final byte[] HEADER_ALPHABET =
      "{}()[],:'\" \t\n0123456789-+LTrueFalsNo<>|=fic48".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  /** A valid file and what reading it must give. */
  private record Sample(String name, byte[] bytes, int dataStart, int itemSize,
      ByteOrder order, boolean fortran, int[] shape) {

    static Sample of(int major, String descr, boolean fortran, int... shape) {
      int itemSize = descr.endsWith("8") ? 8 : 4;
      ByteOrder order = descr.startsWith(">") ? BIG_ENDIAN : LITTLE_ENDIAN;
      float[] c = NpyBytes.ramp((int) Shapes.elementCount(shape));
      float[] stored = fortran ? NpyBytes.toFortran(c, shape) : c;
      byte[] data = itemSize == 4
          ? NpyBytes.floats(order, stored)
          : NpyBytes.doubles(order, NpyBytes.toDoubles(stored));
      byte[] bytes = NpyBytes.file(major, dict(descr, fortran, Shapes.tuple(shape)), data);
      String name = "v" + major + " " + descr + (fortran ? " F " : " C ") + Shapes.tuple(shape);
      return new Sample(name, bytes, bytes.length - data.length, itemSize, order, fortran, shape);
    }

    int prefixLength() {
      return bytes[6] == 1 ? 10 : 12;
    }

    /** The array a correct reader returns for {@code mutated}, whose header is unchanged. */
    float[] decode(byte[] mutated) {
      ByteBuffer data = ByteBuffer.wrap(mutated, dataStart, mutated.length - dataStart)
          .order(order);
      float[] stored = new float[(mutated.length - dataStart) / itemSize];
      for (int i = 0; i < stored.length; i++) {
        stored[i] = itemSize == 4 ? data.getFloat() : (float) data.getDouble();
      }
      if (!fortran) {
        return stored;
      }
      float[] c = new float[stored.length];
      for (int flat = 0; flat < c.length; flat++) {
        int[] index = Shapes.multiIndex(shape, flat);
        int fOffset = 0;
        for (int k = shape.length - 1; k >= 0; k--) {
          fOffset = fOffset * shape[k] + index[k];
        }
        c[flat] = stored[fOffset];
      }
      return c;
    }
  }

  private static final List<Sample> SAMPLES = List.of(
      Sample.of(1, "<f4", false, 3, 4),
      Sample.of(2, ">f4", false, 5),
      Sample.of(3, "<f8", true, 2, 3, 4),
      Sample.of(1, ">f8", false),
      Sample.of(1, "<f4", false, 0),
      Sample.of(1, "<f4", true, 4, 3),
      Sample.of(2, ">f8", true, 3, 1, 2),
      Sample.of(3, "<f4", false, 1, 1, 1, 7));

  /** What a mutation must lead to. */
  private enum Expect { ANY, SAME_HEADER, REFUSAL }

  private record Mutant(Sample sample, String description, byte[] bytes, Expect expect) {}

  @Test
  void randomMutationsNeverEscapeAsOtherExceptions() throws IOException {
    Random random = new Random(SEED);
    Path path = dir.resolve("mutant.npy");
    int[] outcomes = new int[2];
    for (int trial = 0; trial < MUTATIONS; trial++) {
      Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
      Mutant mutant = mutate(sample, random);
      String what = "trial " + trial + ", " + sample.name() + ", " + mutant.description();
      // Reading from memory keeps this fast; every 50th mutant also goes through a real file.
      String outcome = check(what, "mutant.npy", mutant,
          () -> NpyReader.read("mutant.npy", new BytesChannel(mutant.bytes())));
      if (trial % 50 == 0) {
        Files.write(path, mutant.bytes());
        String fromFile = check(what, path.toString(), mutant, () -> NpyReader.read(path));
        assertEquals(outcome.replace("mutant.npy", path.toString()), fromFile, what);
      }
      outcomes[outcome.startsWith("refused") ? 0 : 1]++;
    }
    // Guard against a mutator that only ever produces one outcome.
    assertTrue(outcomes[0] > MUTATIONS / 10 && outcomes[1] > MUTATIONS / 10,
        "refused " + outcomes[0] + ", accepted " + outcomes[1]);
  }

  private interface Read {
    NpyArray read() throws IOException;
  }

  /** Reads the mutant, checks the outcome against its expectation and describes the outcome. */
  private static String check(String what, String file, Mutant mutant, Read read) {
    NpyArray array;
    try {
      array = read.read();
    } catch (NpyFormatException e) {
      String message = e.getMessage();
      assertTrue(mutant.expect() != Expect.SAME_HEADER, what + " was refused: " + message);
      assertTrue(message.startsWith(file + ": "), what + ": " + message);
      assertTrue(message.indexOf('\n') < 0 && message.indexOf('\r') < 0, what + ": " + message);
      return "refused " + message;
    } catch (Throwable t) {
      return fail(what + " threw " + t, t);
    }
    assertTrue(mutant.expect() != Expect.REFUSAL, what + " was accepted as " + array);
    assertEquals(Shapes.elementCount(array.shape()), array.size(), what);
    if (mutant.expect() == Expect.SAME_HEADER) {
      assertArrayEquals(mutant.sample().shape(), array.shape(), what);
      assertArrayEquals(mutant.sample().decode(mutant.bytes()), array.data(), what);
    }
    return "accepted " + array + " " + Arrays.hashCode(array.data());
  }

  private static Mutant mutate(Sample s, Random random) {
    byte[] b = s.bytes().clone();
    int n = b.length;
    int headerEnd = s.dataStart();
    int dataBytes = n - headerEnd;
    switch (random.nextInt(9)) {
      case 0: {
        int pos = random.nextInt(n);
        int bit = random.nextInt(8);
        b[pos] ^= (byte) (1 << bit);
        return new Mutant(s, "flip bit " + bit + " of byte " + pos, b, expectAt(s, pos));
      }
      case 1: {
        int pos = random.nextInt(n);
        b[pos] = (byte) random.nextInt(256);
        return new Mutant(s, "overwrite byte " + pos + " with " + (b[pos] & 0xff), b,
            expectAt(s, pos));
      }
      case 2: {
        int count = 1 + random.nextInt(4);
        StringBuilder d = new StringBuilder("header chars");
        for (int i = 0; i < count; i++) {
          int pos = s.prefixLength() + random.nextInt(headerEnd - s.prefixLength());
          b[pos] = HEADER_ALPHABET[random.nextInt(HEADER_ALPHABET.length)];
          d.append(' ').append(pos).append("='").append((char) b[pos]).append('\'');
        }
        return new Mutant(s, OneLine.of(d.toString()), b, Expect.ANY);
      }
      case 3: {
        if (dataBytes == 0) {
          return new Mutant(s, "none (no data)", b, Expect.SAME_HEADER);
        }
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
          b[headerEnd + random.nextInt(dataBytes)] = (byte) random.nextInt(256);
        }
        return new Mutant(s, count + " random data bytes", b, Expect.SAME_HEADER);
      }
      case 4: {
        int length = random.nextInt(n);
        return new Mutant(s, "truncate to " + length, Arrays.copyOf(b, length), Expect.REFUSAL);
      }
      case 5: {
        int pos = random.nextInt(n + 1);
        byte inserted = random.nextBoolean()
            ? (byte) random.nextInt(256)
            : HEADER_ALPHABET[random.nextInt(HEADER_ALPHABET.length)];
        byte[] longer = NpyBytes.concat(Arrays.copyOf(b, pos), new byte[] {inserted},
            Arrays.copyOfRange(b, pos, n));
        // Past the length field, one extra byte can never match a multiple of the item size.
        Expect expect = pos >= s.prefixLength() ? Expect.REFUSAL : Expect.ANY;
        return new Mutant(s, "insert " + (inserted & 0xff) + " at " + pos, longer, expect);
      }
      case 6: {
        int pos = random.nextInt(n);
        byte[] shorter = NpyBytes.concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, pos + 1, n));
        Expect expect = pos >= s.prefixLength() ? Expect.REFUSAL : Expect.ANY;
        return new Mutant(s, "delete byte " + pos, shorter, expect);
      }
      case 7: {
        ByteBuffer field = ByteBuffer.wrap(b).order(LITTLE_ENDIAN);
        long value = s.prefixLength() == 10 ? field.getShort(8) & 0xffff : field.getInt(8);
        long[] choices = {0, 1, value - 1, value + 1, value - 64, value + 64, value * 2,
            0xffff, 0xffffffffL, random.nextInt(), random.nextInt(1 << 21)};
        long edited = choices[random.nextInt(choices.length)];
        if (s.prefixLength() == 10) {
          field.putShort(8, (short) edited);
        } else {
          field.putInt(8, (int) edited);
        }
        boolean unchanged = s.prefixLength() == 10 ? (short) edited == (short) value
            : (int) edited == (int) value;
        return new Mutant(s, "header length " + value + " -> " + edited, b,
            unchanged ? Expect.SAME_HEADER : Expect.ANY);
      }
      default: {
        // Several mutations on top of each other; only the "no other exception" rule applies.
        StringBuilder d = new StringBuilder("combined:");
        int count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          b = rawMutation(b, random, d);
        }
        return new Mutant(s, OneLine.of(d.toString()), b, Expect.ANY);
      }
    }
  }

  private static byte[] rawMutation(byte[] b, Random random, StringBuilder description) {
    int n = b.length;
    if (n == 0) {
      description.append(" [insert 0x93]");
      return new byte[] {(byte) 0x93};
    }
    int pos = random.nextInt(n);
    switch (random.nextInt(5)) {
      case 0:
        b[pos] ^= (byte) (1 << random.nextInt(8));
        description.append(" [flip in byte ").append(pos).append(']');
        return b;
      case 1:
        b[pos] = HEADER_ALPHABET[random.nextInt(HEADER_ALPHABET.length)];
        description.append(" [byte ").append(pos).append("='").append((char) b[pos]).append("']");
        return b;
      case 2:
        description.append(" [truncate to ").append(pos).append(']');
        return Arrays.copyOf(b, pos);
      case 3:
        description.append(" [insert at ").append(pos).append(']');
        return NpyBytes.concat(Arrays.copyOf(b, pos),
            new byte[] {HEADER_ALPHABET[random.nextInt(HEADER_ALPHABET.length)]},
            Arrays.copyOfRange(b, pos, n));
      default:
        description.append(" [delete byte ").append(pos).append(']');
        return NpyBytes.concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, pos + 1, n));
    }
  }

  /** A change confined to the data leaves the header intact; anywhere else anything goes. */
  private static Expect expectAt(Sample s, int pos) {
    return pos >= s.dataStart() ? Expect.SAME_HEADER : Expect.ANY;
  }
}
