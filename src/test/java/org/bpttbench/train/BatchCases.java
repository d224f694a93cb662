package org.bpttbench.train;

import java.util.stream.Stream;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.provider.Arguments;

/** Test parameters for the batched code: every backend × cell (rnn in both activations) × loss. */
final class BatchCases {
  private BatchCases() {}

  static Stream<Arguments> all() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String cell : new String[] {"rnn-tanh", "rnn-relu", "gru", "lstm"}) {
        for (LossMode mode : LossMode.values()) {
          b.add(Arguments.of(k, cell, mode));
        }
      }
    }
    return b.build();
  }

  /** A random model for {@code cell} = rnn-tanh, rnn-relu, gru or lstm, entries in (−0.4, 0.4). */
  static Model model(String cell, int input, int hidden, int classes, long seed) {
    CellKind kind = CellKind.fromId(cell.startsWith("rnn") ? "rnn" : cell);
    Activation act = cell.equals("rnn-relu") ? Activation.RELU : Activation.TANH;
    return TestModels.random(kind, act, input, hidden, classes, 0.4f, seed);
  }

  /** Time-major targets for {@code batch} sequences: batch of them (final) or steps·batch (all). */
  static int[] targets(LossMode mode, int batch, int steps, int classes, long seed) {
    return TestModels.targets(mode == LossMode.FINAL ? batch : batch * steps, classes, seed);
  }
}
