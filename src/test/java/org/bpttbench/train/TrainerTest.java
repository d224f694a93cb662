package org.bpttbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalLong;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** Batch order, data checks and the truncated-BPTT step count of {@link Trainer}. */
class TrainerTest {
  private static final Kernels K = KernelProvider.available().get(0);

  /** N sequences of T steps whose input values encode (sequence, step, feature). */
  private static TrainingData coded(int n, int steps, int in, LossMode mode) {
    float[] x = new float[n * steps * in];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < in; i++) {
          x[(s * steps + t) * in + i] = s * 100 + t * 10 + i;
        }
      }
    }
    int[] y = new int[mode == LossMode.FINAL ? n : n * steps];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3;
    }
    return new TrainingData(x, n, steps, in, y, mode);
  }

  @Test
  void batchesWalkTheFileInOrderModuloN() {
    TrainingData d = coded(5, 3, 2, LossMode.ALL_STEPS);
    BatchOrder order = new BatchOrder(5, OptionalLong.empty());
    float[] x = new float[3 * 4 * 2];
    int[] y = new int[3 * 4];
    Trainer.gather(d, order, 4, 4, x, y); // update 1 with B = 4: sequences 4, 0, 1, 2
    int[] want = {4, 0, 1, 2};
    for (int t = 0; t < 3; t++) {
      for (int b = 0; b < 4; b++) {
        for (int i = 0; i < 2; i++) {
          assertEquals(want[b] * 100 + t * 10 + i, x[(t * 4 + b) * 2 + i], "x[t=" + t + ",b=" + b
              + "]");
        }
        assertEquals(d.targets()[want[b] * 3 + t], y[t * 4 + b], "y[t=" + t + ",b=" + b + "]");
      }
    }
  }

  @Test
  void shuffledPassesArePermutationsReproducibleFromTheSeed() {
    int n = 7;
    BatchOrder a = new BatchOrder(n, OptionalLong.of(3));
    BatchOrder b = new BatchOrder(n, OptionalLong.of(3));
    int[][] passes = new int[3][n];
    for (int p = 0; p < 3 * n; p++) {
      int s = a.sequence(p);
      assertEquals(s, b.sequence(p), "same seed, position " + p);
      passes[p / n][p % n] = s;
    }
    for (int[] pass : passes) {
      int[] sorted = pass.clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, sorted, Arrays.toString(pass));
    }
    assertFalse(Arrays.equals(passes[0], passes[1]) && Arrays.equals(passes[1], passes[2]),
        "every pass draws a new permutation");
  }

  @Test
  void badDataIsRefusedWithOneLine() {
    float[] x = new float[2 * 3 * 1];
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> new TrainingData(x, 2, 3, 1, new int[2], LossMode.ALL_STEPS));
    assertEquals("targets: expected [2×3] for loss all, got 2 values", count.getMessage());
    float[] nan = x.clone();
    nan[4] = Float.NaN;
    IllegalArgumentException finite = assertThrows(IllegalArgumentException.class,
        () -> new TrainingData(nan, 2, 3, 1, new int[2], LossMode.FINAL));
    assertEquals("inputs: non-finite value NaN at flat index 4", finite.getMessage());
    TrainingData d = new TrainingData(x, 2, 3, 1, new int[] {0, 4}, LossMode.FINAL);
    IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
        () -> d.checkClasses(4));
    assertEquals("targets: class 4 at flat index 1 outside 0..3 (the model has 4 classes)",
        classes.getMessage());
  }

  @Test
  void truncatedBpttStepsOncePerChunkWithALossTerm() {
    Model m = BatchCases.model("gru", 2, 5, 3, 5);
    TrainingData all = coded(4, 7, 2, LossMode.ALL_STEPS);
    TrainingData fin = coded(4, 7, 2, LossMode.FINAL);
    assertEquals(3 * 2, train(m, all, 3).optimizerSteps(), "chunks 3+3+1, all steps: 3 per batch");
    assertEquals(2, train(m, fin, 3).optimizerSteps(), "final loss: only the last chunk");
  }

  @Test
  void truncationAtOrBeyondTheLengthIsFullBptt() {
    Model m = BatchCases.model("lstm", 2, 5, 3, 6);
    TrainingData d = coded(4, 7, 2, LossMode.ALL_STEPS);
    TrainResult full = train(m, d, 0);
    TrainResult same = train(m, d, 7);
    assertArrayEquals(full.loss(), same.loss());
    for (Tensor t : full.trained().tensors()) {
      assertArrayEquals(t.data(), same.trained().tensor(t.name()).data(), t.name());
    }
    TrainResult cut = train(m, d, 3);
    assertTrue(cut.loss()[0] != full.loss()[0], "a cut changes the first step's loss terms");
  }

  @Test
  void trainingReducesTheLossAndLeavesTheInitialModelAlone() {
    Model m = TestModels.random(org.bpttbench.cell.CellKind.RNN,
        org.bpttbench.cell.Activation.TANH, 2, 6, 3, 0.3f, 9);
    float[] before = m.weightHh.data().clone();
    TrainingData d = coded(3, 4, 2, LossMode.FINAL);
    TrainResult r = Trainer.train(new TrainConfig(m, K, scaled(d), 3, 60,
        OptimizerSpec.adam(0.05, 0.9, 0.999, 1e-8, 0), 1.0, Double.POSITIVE_INFINITY, 0,
        OptionalLong.empty()));
    assertArrayEquals(before, m.weightHh.data(), "the config's model is not modified");
    assertTrue(r.loss()[59] < 0.2 * r.loss()[0], "loss " + r.loss()[0] + " -> " + r.loss()[59]);
  }

  @Test
  void clipValueBoundsEveryEntryOfTheStep() {
    Model m = BatchCases.model("lstm", 2, 5, 3, 8);
    Model before = Trainer.copy(m);
    TrainingData d = scaled(coded(4, 5, 2, LossMode.ALL_STEPS));
    float[] x = new float[5 * 4 * 2];
    int[] y = new int[5 * 4];
    Trainer.gather(d, new BatchOrder(4, OptionalLong.empty()), 0, 4, x, y);
    TrainStep step = new TrainStep(m, K, 4, 5, LossMode.ALL_STEPS, 0,
        OptimizerSpec.sgd(1.0, 0, 0, false, 0), Double.POSITIVE_INFINITY, 1e-3);
    assertEquals(1, step.update(x, y, 4));
    double largest = 0;
    for (Tensor t : m.tensors()) {
      float[] old = before.tensor(t.name()).data();
      for (int i = 0; i < old.length; i++) {
        largest = Math.max(largest, Math.abs(t.data()[i] - old[i]));
      }
    }
    // + 1e-7: the change is read back as a difference of floats near 0.4 (ulp 3e-8)
    assertTrue(largest <= 1e-3 + 1e-7 && largest > 0.9e-3,
        "largest change " + largest + " with lr 1 and clip value 1e-3");
    assertTrue(step.gradNorm(0) > 1e-3, "the reported norm is the one before clipping");
  }

  /** The coded inputs scaled into tanh's working range. */
  private static TrainingData scaled(TrainingData d) {
    float[] x = d.inputs().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 300f;
    }
    return new TrainingData(x, d.sequences(), d.steps(), d.inputSize(), d.targets(), d.mode());
  }

  private static TrainResult train(Model m, TrainingData d, int tbptt) {
    return Trainer.train(new TrainConfig(m, K, scaled(d), 2, 2,
        OptimizerSpec.sgd(0.1, 0.9, 0, false, 0), 1.0, Double.POSITIVE_INFINITY, tbptt,
        OptionalLong.empty()));
  }
}
