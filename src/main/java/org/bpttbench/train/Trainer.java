package org.bpttbench.train;

import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.ArrayBytes;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;

/** Mini-batch training: a pure function from {@link TrainConfig} to {@link TrainResult}. */
public final class Trainer {
  private Trainer() {}

  public static TrainResult train(TrainConfig c) {
    TrainingData d = c.data();
    Model m = c.initial();
    if (workspaceBytes(m.kind, m.inputSize, m.hiddenSize, m.classes, c.batch(), d.steps(),
        c.tbptt(), c.updates()) == Long.MAX_VALUE) {
      throw new IllegalArgumentException("batch " + c.batch() + " × " + d.steps() + " steps × "
          + c.updates() + " updates needs arrays longer than Java allows (expected smaller sizes)");
    }
    Model params = copy(m);
    TrainStep step = new TrainStep(params, c.kernels(), c.batch(), d.steps(), d.mode(), c.tbptt(),
        c.optimizer(), c.clipNorm(), c.clipValue());
    BatchOrder order = new BatchOrder(d.sequences(), c.shuffleSeed());
    float[] x = new float[d.steps() * c.batch() * d.inputSize()];
    int[] y = new int[d.mode() == LossMode.FINAL ? c.batch() : d.steps() * c.batch()];
    float[] v = new float[d.isRegression() ? c.batch() : 0];
    int most = c.updates() * step.maxStepsPerUpdate();
    double[] loss = new double[most];
    double[] norm = new double[most];
    int n = 0;
    for (int u = 0; u < c.updates(); u++) {
      gather(d, order, (long) u * c.batch(), c.batch(), x, y, v);
      int made = d.isRegression() ? step.updateMse(x, v, c.batch()) : step.update(x, y, c.batch());
      for (int i = 0; i < made; i++, n++) {
        loss[n] = step.loss(i);
        norm[n] = step.gradNorm(i);
      }
    }
    return new TrainResult(params, java.util.Arrays.copyOf(loss, n),
        java.util.Arrays.copyOf(norm, n));
  }

  /**
   * Heap bytes {@link #train} allocates for these sizes, overflow-checked, on top of the data and
   * the initial model: the trained copy, the batched BPTT over one chunk, the optimizer's state
   * (two moments for Adam; SGD's momentum buffer counted as one), the gathered batch and the
   * per-step curves; {@link Long#MAX_VALUE} when the sizes cannot be allocated at all.
   */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes, int batch,
                                    int steps, int tbptt, int updates) {
    return workspaceBytes(kind, input, hidden, classes, 1, false, batch, steps, tbptt, updates);
  }

  /** {@link #workspaceBytes(CellKind, int, int, int, int, int, int, int)} of a stack. */
  public static long workspaceBytes(CellKind kind, int input, int hidden, int classes,
                                    int numLayers, boolean bidirectional, int batch, int steps,
                                    int tbptt, int updates) {
    try {
      int chunk = tbptt == 0 ? steps : Math.min(tbptt, steps);
      long params = Model.parameterBytes(kind, input, hidden, classes, numLayers, bidirectional);
      long chunks = (steps + chunk - 1) / chunk;
      return ArrayBytes.sum(ArrayBytes.product(3, params),
          Bptt.workspaceBytes(kind, input, hidden, classes, numLayers, bidirectional, batch,
              chunk),
          ArrayBytes.floats(ArrayBytes.product(steps, batch, input)),
          ArrayBytes.ints(ArrayBytes.product(steps, batch)),
          ArrayBytes.product(4, ArrayBytes.doubles(ArrayBytes.product(updates, chunks))));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Copies the batch at {@code position} into time-major x [T×B×I] and y ([B] or [T×B]). */
  static void gather(TrainingData d, BatchOrder order, long position, int batch, float[] x,
                     int[] y) {
    gather(d, order, position, batch, x, y, null);
  }

  /** {@link #gather}, and for regression data the values into {@code v} [B]. */
  static void gather(TrainingData d, BatchOrder order, long position, int batch, float[] x,
                     int[] y, float[] v) {
    int steps = d.steps();
    int in = d.inputSize();
    for (int b = 0; b < batch; b++) {
      int s = order.sequence(position + b);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(d.inputs(), (s * steps + t) * in, x, (t * batch + b) * in, in);
        if (d.mode() == LossMode.ALL_STEPS) {
          y[t * batch + b] = d.targets()[s * steps + t];
        }
      }
      if (d.isRegression()) {
        v[b] = d.values()[s];
      } else if (d.mode() == LossMode.FINAL) {
        y[b] = d.targets()[s];
      }
    }
  }

  /** A deep copy of a model's parameters. */
  public static Model copy(Model m) {
    Model c = m.zerosLike();
    for (Tensor t : m.tensors()) {
      System.arraycopy(t.data(), 0, c.tensor(t.name()).data(), 0, t.size());
    }
    return c;
  }
}
