package org.bpttbench.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds {@code .npy} file contents byte by byte, so tests need neither numpy nor NpyWriter. */
final class NpyBytes {

  private NpyBytes() {}

  static String dict(String descr, boolean fortranOrder, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
        + ", 'shape': " + shape + ", }";
  }

  /** A file with the header padded to 64 bytes and ended by '\n', as numpy does. */
  static byte[] file(int major, String header, byte[] data) {
    int prefix = major == 1 ? 10 : 12;
    int unpadded = prefix + header.length() + 1;
    String padded = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    return raw(major, 0, headerBytes(major, padded), data);
  }

  /** A file with exactly the given header text: no padding, no newline added. */
  static byte[] unpadded(int major, String header, byte[] data) {
    return raw(major, 0, headerBytes(major, header), data);
  }

  /** Magic, version {@code major.minor}, the header length, the header and the data. */
  static byte[] raw(int major, int minor, byte[] header, byte[] data) {
    ByteBuffer prefix = ByteBuffer.allocate(major == 1 ? 10 : 12).order(ByteOrder.LITTLE_ENDIAN);
    prefix.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    prefix.put((byte) major).put((byte) minor);
    if (major == 1) {
      prefix.putShort((short) header.length);
    } else {
      prefix.putInt(header.length);
    }
    return concat(prefix.array(), header, data);
  }

  static byte[] headerBytes(int major, String header) {
    return header.getBytes(major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  static byte[] floats(ByteOrder order, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] doubles(ByteOrder order, double... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 0, 1, 2, ... scaled so that every value is distinct and exactly representable. */
  static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i - n / 2f) * 0.25f;
    }
    return v;
  }

  /** Reorders C-order {@code c} into Fortran order, the straightforward way. */
  static float[] toFortran(float[] c, int[] shape) {
    float[] f = new float[c.length];
    for (int flat = 0; flat < c.length; flat++) {
      int[] index = Shapes.multiIndex(shape, flat);
      int fOffset = 0;
      for (int k = shape.length - 1; k >= 0; k--) {
        fOffset = fOffset * shape[k] + index[k];
      }
      f[fOffset] = c[flat];
    }
    return f;
  }

  static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
