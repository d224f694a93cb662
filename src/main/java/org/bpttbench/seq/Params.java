package org.bpttbench.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bpttbench.cell.Tensor;

/** Helpers for the named parameter lists of the sequence models. */
final class Params {
  private Params() {}

  /** The tensor named {@code name}, checked to have shape {@code shape}. */
  static Tensor find(List<Tensor> ps, String name, int... shape) {
    for (Tensor t : ps) {
      if (t.name().equals(name)) {
        if (!Arrays.equals(t.shape(), shape)) {
          throw new IllegalArgumentException(name + ": shape " + Tensor.shapeString(t.shape())
              + " (expected " + Tensor.shapeString(shape) + ")");
        }
        return t;
      }
    }
    throw new IllegalArgumentException("missing parameter " + name);
  }

  static boolean has(List<Tensor> ps, String name) {
    return ps.stream().anyMatch(t -> t.name().equals(name));
  }

  static List<Tensor> zerosLike(List<Tensor> ps) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : ps) {
      out.add(t.zerosLike());
    }
    return List.copyOf(out);
  }

  /** Fills {@code t} from U(−bound, bound). */
  static void uniform(Tensor t, double bound, Random rnd) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
    }
  }

  /** Fills {@code t} from N(0, std²). */
  static void normal(Tensor t, double std, Random rnd) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * std);
    }
  }
}
