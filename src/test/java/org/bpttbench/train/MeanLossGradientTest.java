package org.bpttbench.train;

import java.util.stream.Stream;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientChecks;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Bptt}'s gradient of the batch-mean loss ({@link Reduction#MEAN}, what training uses)
 * against central finite differences, for every entry of every parameter of every cell, on every
 * backend (tolerance and relu-kink handling as in {@link GradientChecks}). Batch 3 exercises the
 * GEMM paths and their row remainders; hidden 9 is no multiple of a vector length; batch 1 is the
 * gemv path.
 */
class MeanLossGradientTest {

  static Stream<Arguments> cases() {
    return BatchCases.withBatches(3, 1);
  }

  @ParameterizedTest(name = "{0} {1} {2} B={3}")
  @MethodSource("cases")
  void meanLossGradientMatchesFiniteDifferences(Kernels k, String cell, LossMode mode,
      int batch) {
    int steps = 5;
    BatchCases.Problem p = BatchCases.problem(cell, mode, batch, steps, 3, 9, 4, 31);
    Model m = p.model();
    float[] x = p.inputs();
    int[] y = p.targets();
    Bptt bptt = new Bptt(m, k, batch, steps);
    bptt.run(x, 0, batch, steps, y, 0, mode, Reduction.MEAN);
    GradientChecks.checkParameters(m, k.name() + " " + cell + " B=" + batch,
        GradientChecks.copy(bptt.grads()), () -> bptt.loss(x, 0, batch, steps, y, 0, mode, Reduction.MEAN));
  }
}
