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

/** The GRU's BPTT against finite differences, every backend, both losses, hidden 16 and 19. */
class GruGradientTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      // 16 is a multiple of every vector length, 19 of none: full vectors and tails.
      for (int hidden : new int[] {16, 19}) {
        for (LossMode mode : LossMode.values()) {
          b.add(Arguments.of(k, hidden, mode));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} H={1} {2}")
  @MethodSource("cases")
  void parameterGradientsMatchFiniteDifferences(Kernels k, int hidden, LossMode mode) {
    Model m = TestModels.random(CellKind.GRU, Activation.TANH, 3, hidden, 4, 0.4f, 31);
    int steps = 7;
    float[] x = TestModels.inputs(steps, 3, 32);
    int[] targets = TestModels.targets(mode == LossMode.FINAL ? 1 : steps, 4, 33);
    GradientChecks.checkParameters(m, k, x, steps, targets, mode);
  }

  @ParameterizedTest(name = "{0} H={1} {2}")
  @MethodSource("cases")
  void stateGradientsMatchFiniteDifferences(Kernels k, int hidden, LossMode mode) {
    Model m = TestModels.random(CellKind.GRU, Activation.TANH, 3, hidden, 4, 0.4f, 41);
    int steps = 9;
    float[] x = TestModels.inputs(steps, 3, 42);
    int[] targets = TestModels.targets(mode == LossMode.FINAL ? 1 : steps, 4, 43);
    GradientChecks.checkStateGradients(m, k, x, steps, targets, mode, 1, 4, 8);
  }
}
