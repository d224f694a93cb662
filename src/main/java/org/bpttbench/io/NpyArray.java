package org.bpttbench.io;

import java.util.Arrays;

/**
 * A float32 array read from or written to a {@code .npy} file: its shape and its values in C
 * (row-major) order. A shape of length 0 is a scalar holding one value.
 *
 * <p>Immutable-ish: the shape is copied in and out, but {@link #data()} returns the backing array
 * without copying, because arrays can be large. Callers must not modify it if they share the
 * instance.
 */
public record NpyArray(int[] shape, float[] data) {

  public NpyArray {
    shape = shape.clone();
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Shapes.tuple(shape));
      }
    }
    if (Shapes.elementCount(shape) != data.length) {
      throw new IllegalArgumentException("shape " + Shapes.tuple(shape) + " does not match "
          + data.length + " values");
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements, the product of the shape (1 for a scalar). */
  public int size() {
    return data.length;
  }

  public int ndim() {
    return shape.length;
  }

  /** The shape as Python prints it: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
  public String shapeString() {
    return Shapes.tuple(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray other
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NpyArray" + shapeString();
  }
}
