package org.bpttbench.io;

/** Converts Fortran-order (first index fastest) data to C order (last index fastest). */
final class FortranOrder {

  private FortranOrder() {}

  static float[] toC(float[] fortran, int[] shape) {
    if (shape.length < 2) {
      return fortran;
    }
    int[] cStride = new int[shape.length];
    int stride = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      cStride[k] = stride;
      stride *= shape[k];
    }
    float[] c = new float[fortran.length];
    int[] index = new int[shape.length];
    int cOffset = 0;
    for (float value : fortran) {
      c[cOffset] = value;
      // Advance the multi-index in Fortran order, keeping cOffset in step.
      for (int k = 0; k < shape.length; k++) {
        index[k]++;
        cOffset += cStride[k];
        if (index[k] < shape[k]) {
          break;
        }
        cOffset -= index[k] * cStride[k];
        index[k] = 0;
      }
    }
    return c;
  }
}
