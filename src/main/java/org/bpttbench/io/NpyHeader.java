package org.bpttbench.io;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The validated contents of a {@code .npy} header dict. */
record NpyHeader(NpyDtype dtype, boolean fortranOrder, int[] shape, int elementCount) {

  /** numpy's own limit on the number of dimensions (NPY_MAXDIMS). */
  static final int MAX_DIMS = 64;

  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  private static final String EXPECTED_KEYS = "expected keys 'descr', 'fortran_order', 'shape'";
  private static final String EXPECTED_SHAPE =
      "expected a tuple of non-negative integers such as (3, 4)";

  long dataBytes() {
    return (long) elementCount * dtype.itemSize;
  }

  /** Parses and validates the header text of a float array; {@code file} names it in messages. */
  static NpyHeader parse(String file, String text) {
    return parse(file, text, false);
  }

  /** Parses and validates the header text of a float ({@code integers} false) or integer array. */
  static NpyHeader parse(String file, String text, boolean integers) {
    Object parsed;
    try {
      parsed = PyLiteral.parse(text);
    } catch (PyLiteral.SyntaxException e) {
      throw new NpyFormatException(file, "header is not a valid Python dict literal: "
          + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> dict)) {
      throw new NpyFormatException(file, "header is " + quote(parsed)
          + " (expected a dict such as {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)})");
    }
    for (Object key : dict.keySet()) {
      if (!KEYS.contains(key)) {
        throw new NpyFormatException(file, "header has unexpected key " + quote(key) + " ("
            + EXPECTED_KEYS + " only)");
      }
    }
    for (String key : List.of("descr", "fortran_order", "shape")) {
      if (!dict.containsKey(key)) {
        throw new NpyFormatException(file, "header has no key '" + key + "' (" + EXPECTED_KEYS
            + ")");
      }
    }
    NpyDtype dtype = dtype(file, dict.get("descr"), integers);
    Object fortran = dict.get("fortran_order");
    if (!(fortran instanceof Boolean fortranOrder)) {
      throw new NpyFormatException(file, "header 'fortran_order' is " + quote(fortran)
          + " (expected True or False)");
    }
    int[] shape = shape(file, dict.get("shape"));
    return new NpyHeader(dtype, fortranOrder, shape, elementCount(file, shape));
  }

  private static NpyDtype dtype(String file, Object descr, boolean integers) {
    NpyDtype dtype = descr instanceof String s ? NpyDtype.fromDescr(s) : null;
    if (integers && (dtype == null || !dtype.integer())) {
      throw new NpyFormatException(file, "dtype " + quote(descr) + " is not supported ("
          + NpyDtype.EXPECTED_INTEGER + ")");
    }
    if (!integers && (dtype == null || dtype.integer())) {
      boolean unstatedOrder = descr instanceof String s && s.matches("[|=]f[48]");
      throw new NpyFormatException(file, "dtype " + quote(descr) + " is not supported"
          + (unstatedOrder ? ", its byte order is not stated" : "") + " (" + NpyDtype.EXPECTED
          + ")");
    }
    return dtype;
  }

  private static int[] shape(String file, Object value) {
    if (!(value instanceof PyLiteral.Tuple tuple)) {
      throw new NpyFormatException(file, "header 'shape' is " + quote(value) + " ("
          + EXPECTED_SHAPE + ")");
    }
    List<Object> items = tuple.items();
    if (items.size() > MAX_DIMS) {
      throw new NpyFormatException(file, "shape has " + items.size()
          + " dimensions (expected at most " + MAX_DIMS + ")");
    }
    int[] shape = new int[items.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(items.get(i) instanceof BigInteger dim) || dim.signum() < 0) {
        throw new NpyFormatException(file, "shape " + quote(value) + " has dimension "
            + quote(items.get(i)) + " (" + EXPECTED_SHAPE + ")");
      }
      if (dim.bitLength() > 31) {
        throw new NpyFormatException(file, "shape " + quote(value) + " has dimension " + dim
            + " (expected at most " + Integer.MAX_VALUE + " per dimension)");
      }
      shape[i] = dim.intValueExact();
    }
    return shape;
  }

  private static int elementCount(String file, int[] shape) {
    long count = Shapes.elementCount(shape);
    if (count < 0 || count > Integer.MAX_VALUE) {
      String found = count < 0 ? "more than 2^63" : String.valueOf(count);
      throw new NpyFormatException(file, "shape " + Shapes.tuple(shape) + " has " + found
          + " elements (expected at most " + Integer.MAX_VALUE + ", the largest Java array)");
    }
    return (int) count;
  }

  private static String quote(Object value) {
    return OneLine.clipped(PyLiteral.repr(value), 60);
  }
}
