package org.bpttbench.train;

import org.bpttbench.bptt.GradientChecks;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched mean loss's gradient against central finite differences, for every entry of every
 * parameter (tolerance and relu-kink handling as in {@link GradientChecks}). Batch 3 exercises the
 * GEMM paths and their row remainders; hidden 9 is no multiple of a vector length. Batch 1 (the
 * gemv path) is checked separately.
 */
class BatchedGradientTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("org.bpttbench.train.BatchCases#all")
  void batchOfThreeMatchesFiniteDifferences(Kernels k, String cell, LossMode mode) {
    check(k, cell, mode, 3);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("org.bpttbench.train.BatchCases#all")
  void batchOfOneMatchesFiniteDifferences(Kernels k, String cell, LossMode mode) {
    check(k, cell, mode, 1);
  }

  private static void check(Kernels k, String cell, LossMode mode, int batch) {
    int steps = 5;
    Model m = BatchCases.model(cell, 3, 9, 4, 31);
    float[] x = TestModels.inputs(steps * batch, 3, 32);
    int[] y = BatchCases.targets(mode, batch, steps, 4, 33);
    BatchedBptt bptt = new BatchedBptt(m, k, batch, steps);
    bptt.run(x, 0, batch, steps, y, 0, mode);
    GradientChecks.checkParameters(m, k.name() + " " + cell + " B=" + batch,
        GradientChecks.copy(bptt.grads()), () -> bptt.loss(x, 0, batch, steps, y, 0, mode));
  }
}
