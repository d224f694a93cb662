package org.bpttbench.io;

/**
 * An integer array read from a {@code .npy} file (class labels): its shape and its values in C
 * order. {@link #data()} is the backing array, not a copy.
 */
public record NpyIntArray(int[] shape, int[] data) {

  public NpyIntArray {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The shape in NumPy's notation, e.g. {@code (64,)}. */
  public String shapeString() {
    return Shapes.tuple(shape);
  }
}
