package org.bpttbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Bptt} over a batch with {@link Reduction#MEAN} (what training uses) against the same
 * class run on each sequence alone with {@link Reduction#SUM}: the mean loss is the mean of the
 * per-sequence losses, every parameter gradient the mean of the
 * per-sequence gradients, and dL/d(state_t) of sequence b (and its norm) the per-sequence one over
 * the number of loss terms (the mean's weight). Batch 5 (the GEMM path) and 1 (gemv), so the
 * two paths of the recurrent products are checked against each other too.
 *
 * <p>Tolerance 1e-5·(1 + |reference|)·√(terms): both sides are float32 sums of the same products
 * in different orders (GEMM blocks versus gemv, then the mean), so they differ by a few ulps of
 * the summed magnitudes, ≈ 1e-6 here; a wrong row, step or scale changes entries by ≥ 1e-2.
 */
class BatchMeanTest {
  private static final int IN = 4;
  private static final int HID = 11;
  private static final int CLASSES = 5;
  private static final int STEPS = 6;

  static Stream<Arguments> cases() {
    return BatchCases.withBatches(5, 1);
  }

  @ParameterizedTest(name = "{0} {1} {2} B={3}")
  @MethodSource("cases")
  void batchIsTheMeanOfItsSequences(Kernels k, String cell, LossMode mode, int batch) {
    BatchCases.Problem p = BatchCases.problem(cell, mode, batch, STEPS, IN, HID, CLASSES, 41);
    Model m = p.model();
    float[] x = p.inputs();
    int[] y = p.targets();
    Bptt batched = new Bptt(m, k, batch, STEPS);
    double loss = batched.run(x, 0, batch, STEPS, y, 0, mode, Reduction.MEAN);

    int terms = mode == LossMode.FINAL ? batch : batch * STEPS;
    Bptt single = new Bptt(m, k, STEPS);
    Model meanGrads = m.zerosLike();
    double meanLoss = 0;
    int s = single.stateSize();
    for (int b = 0; b < batch; b++) {
      double l = single.run(sequence(x, batch, b), 0, STEPS, sequenceTargets(y, mode, batch, b),
          mode);
      meanLoss += l / terms;
      for (Tensor t : single.grads().tensors()) {
        k.axpy(1f / terms, t.data(), 0, meanGrads.tensor(t.name()).data(), 0, t.size());
      }
      for (int t = 1; t <= STEPS; t++) {
        double norm = k.norm2(single.stateGrad(), (t - 1) * s, HID) / terms;
        assertEquals(norm, batched.hiddenGradNorm(t, b), 1e-5 * (1 + norm), "‖dL/dh_t‖");
        for (int i = 0; i < s; i++) {
          float want = single.stateGrad()[(t - 1) * s + i] / terms;
          float got = batched.stateGrad()[((t - 1) * batch + b) * s + i];
          String where = "dL/dstate seq " + b + " step " + t;
          assertClose(want, got, 1, () -> where);
        }
      }
    }
    assertEquals(meanLoss, loss, 1e-5 * (1 + meanLoss), "mean loss");
    double meanNorm = 0;
    for (int b = 0; b < batch; b++) {
      meanNorm += batched.hiddenGradNorm(2, b) / batch;
    }
    assertEquals(meanNorm, batched.meanHiddenGradNorm(2), 1e-12, "mean over the batch");
    for (Tensor t : batched.grads().tensors()) {
      float[] want = meanGrads.tensor(t.name()).data();
      for (int i = 0; i < want.length; i++) {
        assertClose(want[i], t.data()[i], terms, () -> t.name());
      }
    }
  }

  private static void assertClose(float want, float got, int terms,
                                  java.util.function.Supplier<String> what) {
    assertTrue(Math.abs(want - got) <= 1e-5 * (1 + Math.abs(want)) * Math.sqrt(terms),
        () -> what.get() + ": batched " + got + " vs mean of sequences " + want);
  }

  /** Sequence b of a time-major batch, as a steps×I array. */
  private static float[] sequence(float[] x, int batch, int b) {
    float[] s = new float[STEPS * IN];
    for (int t = 0; t < STEPS; t++) {
      System.arraycopy(x, (t * batch + b) * IN, s, t * IN, IN);
    }
    return s;
  }

  private static int[] sequenceTargets(int[] y, LossMode mode, int batch, int b) {
    if (mode == LossMode.FINAL) {
      return new int[] {y[b]};
    }
    int[] s = new int[STEPS];
    for (int t = 0; t < STEPS; t++) {
      s[t] = y[t * batch + b];
    }
    return s;
  }
}
