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

/**
 * Stacks against central finite differences on every entry of every parameter (tolerance and
 * relu-kink handling as in {@link GradientChecks}): 2 layers uni- and bidirectional and 1 layer
 * bidirectional, every cell (rnn in both activations), both losses, B = 1 with the summed loss
 * and B = 3 with the batch mean (the GEMM paths and the time reversal of several sequences), both
 * backends.
 */
class StackGradientTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        for (Activation act : kind == CellKind.RNN ? Activation.values()
            : new Activation[] {Activation.TANH}) {
          for (int[] shape : new int[][] {{2, 0}, {2, 1}, {1, 1}}) {
            for (LossMode mode : LossMode.values()) {
              for (int batch : new int[] {1, 3}) {
                b.add(Arguments.of(k, kind, act, shape[0], shape[1] == 1, mode, batch));
              }
            }
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2} L={3} bi={4} {5} B={6}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(Kernels k, CellKind kind, Activation act, int layers,
      boolean bi, LossMode mode, int batch) {
    int steps = 4;
    Model m = TestModels.random(kind, act, 3, 4, 3, layers, bi, 0.5f, 71 + layers);
    float[] x = TestModels.inputs(steps * batch, 3, 72);
    int[] y = TestModels.targets(mode == LossMode.FINAL ? batch : batch * steps, 3, 73);
    Reduction red = batch == 1 ? Reduction.SUM : Reduction.MEAN;
    Bptt bptt = new Bptt(m, k, batch, steps);
    bptt.run(x, 0, batch, steps, y, 0, mode, red);
    GradientChecks.checkParameters(m, k.name() + " " + kind.id() + " L=" + layers + " bi=" + bi,
        GradientChecks.copy(bptt.grads()), () -> bptt.loss(x, 0, batch, steps, y, 0, mode, red));
  }
}
