package org.bpttbench.bptt;

import java.util.stream.Stream;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vanilla RNN's BPTT against finite differences, every backend, both activations, both losses. */
class RnnGradientTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (Activation a : Activation.values()) {
        for (LossMode mode : LossMode.values()) {
          b.add(Arguments.of(k, a, mode));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void parameterGradientsMatchFiniteDifferences(Kernels k, Activation act, LossMode mode) {
    // Hidden 19 is not a multiple of any vector length: tails are exercised.
    Model m = TestModels.random(CellKind.RNN, act, 3, 19, 4, 0.4f, 11);
    int steps = 7;
    float[] x = TestModels.inputs(steps, 3, 12);
    int[] targets = TestModels.targets(mode == LossMode.FINAL ? 1 : steps, 4, 13);
    GradientChecks.checkParameters(m, k, x, steps, targets, mode);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void hiddenStateGradientsMatchFiniteDifferences(Kernels k, Activation act, LossMode mode) {
    Model m = TestModels.random(CellKind.RNN, act, 3, 19, 4, 0.4f, 21);
    int steps = 9;
    float[] x = TestModels.inputs(steps, 3, 22);
    int[] targets = TestModels.targets(mode == LossMode.FINAL ? 1 : steps, 4, 23);
    GradientChecks.checkStateGradients(m, k, x, steps, targets, mode, 1, 4, 8);
  }
}
