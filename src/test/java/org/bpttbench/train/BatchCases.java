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

/**
 * Test parameters for the batched code: every backend × cell (rnn in both activations) × loss ×
 * batch size, and the random model, inputs and targets of one case.
 */
final class BatchCases {
  private BatchCases() {}

  /** A model with a time-major batch of inputs and targets. */
  record Problem(Model model, float[] inputs, int[] targets) {}

  static Stream<Arguments> withBatches(int... batches) {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String cell : cells()) {
        for (LossMode mode : LossMode.values()) {
          for (int batch : batches) {
            b.add(Arguments.of(k, cell, mode, batch));
          }
        }
      }
    }
    return b.build();
  }

  /** Every cell of {@link CellKind}, the rnn in both activations: rnn-tanh, rnn-relu, gru, lstm. */
  static java.util.List<String> cells() {
    java.util.List<String> cells = new java.util.ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      if (kind == CellKind.RNN) {
        cells.add("rnn-tanh");
        cells.add("rnn-relu");
      } else {
        cells.add(kind.id());
      }
    }
    return cells;
  }

  /** Model, inputs and targets of one case, seeded {@code seed}, {@code seed + 1}, {@code seed + 2}. */
  static Problem problem(String cell, LossMode mode, int batch, int steps, int input, int hidden,
      int classes, long seed) {
    return new Problem(model(cell, input, hidden, classes, seed),
        TestModels.inputs(steps * batch, input, seed + 1),
        targets(mode, batch, steps, classes, seed + 2));
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
