package org.bpttbench.cell;

import java.util.Arrays;

/** A named float32 array in C order with its shape, e.g. {@code weight_hh [H×H]}. */
public final class Tensor {
  private final String name;
  private final int[] shape;
  private final float[] data;

  public Tensor(String name, int[] shape, float[] data) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
          + " does not match " + data.length + " values");
    }
    this.name = name;
    this.shape = shape.clone();
    this.data = data;
  }

  public static Tensor zeros(String name, int... shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return new Tensor(name, shape, new float[Math.toIntExact(n)]);
  }

  public String name() {
    return name;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** The live backing array (not a copy). */
  public float[] data() {
    return data;
  }

  public int size() {
    return data.length;
  }

  public Tensor zerosLike() {
    return new Tensor(name, shape, new float[data.length]);
  }

  /** Shape in NumPy's notation, e.g. {@code (64, 16)}. */
  public static String shapeString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(')').toString();
  }

  @Override
  public String toString() {
    return name + " " + shapeString(shape);
  }
}
