package org.bpttbench.bptt;

import java.util.Random;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;

/** Random models and inputs with fixed seeds, for tests. */
public final class TestModels {
  private TestModels() {}

  /** Every parameter uniform in (−scale, scale). */
  public static Model random(CellKind kind, Activation act, int input, int hidden, int classes,
                             float scale, long seed) {
    return random(kind, act, input, hidden, classes, 1, false, scale, seed);
  }

  /** A stack with every parameter uniform in (−scale, scale). */
  public static Model random(CellKind kind, Activation act, int input, int hidden, int classes,
                             int layers, boolean bidirectional, float scale, long seed) {
    Model m = Model.zeros(kind, act, input, hidden, classes, layers, bidirectional);
    Random rnd = new Random(seed);
    for (Tensor t : m.tensors()) {
      float[] d = t.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = (rnd.nextFloat() * 2f - 1f) * scale;
      }
    }
    return m;
  }

  public static float[] inputs(int steps, int input, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[steps * input];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }

  public static int[] targets(int n, int classes, long seed) {
    Random rnd = new Random(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = rnd.nextInt(classes);
    }
    return t;
  }
}
