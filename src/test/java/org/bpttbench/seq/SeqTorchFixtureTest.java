package org.bpttbench.seq;

import static org.bpttbench.bptt.TorchFixtureTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LRU and causal attention against float64 PyTorch on the fixtures of
 * {@code src/test/python/lru_attention_fixtures.py}, read through
 * {@link org.bpttbench.io.SequenceModelFiles}: lru (I=3 embedded to H=4, N=5, T=6, B=2), lru_long
 * (I=H=4, no embedding, N=3, T=60, the paper's long-range ring), attention (I=3 embedded to E=4,
 * 2 heads, T=5, B=3) and attention_h1 (I=E=4, one head, no embedding), loss = mean cross-entropy
 * over the batch at the final step. Checked: the loss, every parameter's gradient, the per-step
 * gradients (LRU dL/dh_t as [Re | Im], attention dL/dx_t) and their norms, on every backend.
 *
 * <p>Tolerance |ours − torch| ≤ 1e-4·(1 + |torch|), as {@link org.bpttbench.bptt.TorchFixtureTest}:
 * PyTorch computed in float64 from the float32-rounded parameters and inputs, so the difference is
 * our float32 rounding alone, sums of ≤ 60 O(1) terms, and the LRU's recurrence contracts
 * (|λ| &lt; 1), so rounding does not grow along the sweep: ~1e-6. The per-step norms are also
 * checked relative to themselves, within 1e-3 (lru_long's fall to ~0.04 over 60 steps; float32
 * accumulates ≲ 60 roundings of 6e-8 each along the sweep). A wrong sign, conjugate, mask, head
 * split or layout changes entries by O(1e-2) or more.
 */
class SeqTorchFixtureTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String c : new String[] {"lru", "lru_long", "attention", "attention_h1"}) {
        b.add(Arguments.of(k, c));
      }
    }
    return b.build();
  }

  static SeqFixtures.Case load(Kernels k, String name) throws IOException {
    return switch (name) {
      case "lru", "lru_long" -> SeqFixtures.load(k, name, SequenceKind.LRU, 1);
      case "attention" -> SeqFixtures.load(k, name, SequenceKind.ATTENTION, 2);
      default -> SeqFixtures.load(k, name, SequenceKind.ATTENTION, 1);
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesPyTorch(Kernels k, String name) throws IOException {
    SeqFixtures.Case c = load(k, name);
    SequenceBptt bptt = c.bptt();
    double loss = bptt.run(c.inputs(), 0, c.batch(), c.steps(), c.targets(), 0, LossMode.FINAL,
        Reduction.MEAN);
    assertClose(name + " loss", new float[] {(float) loss}, c.expected("expected_loss"));
    for (Tensor g : bptt.gradients()) {
      assertClose(name + " grad " + g.name(), g.data(), c.expected("expected_grad_" + g.name()));
    }
    SequenceModel m = bptt.model();
    int rows = c.batch() * c.steps();
    float[] step = java.util.Arrays.copyOf(m.stepGradients(), rows * m.stepGradientSize());
    assertClose(name + " per-step gradient", step,
        c.expected(name.startsWith("lru") ? "expected_dh" : "expected_dx"));
    float[] norms = new float[rows];
    for (int t = 1; t <= c.steps(); t++) {
      for (int b = 0; b < c.batch(); b++) {
        norms[(t - 1) * c.batch() + b] = (float) bptt.stepGradNorm(t, b);
      }
    }
    float[] torchNorms = c.expected("expected_norms");
    assertClose(name + " per-step norms", norms, torchNorms);
    for (int i = 0; i < rows; i++) {   // and relative to each norm, however small
      assertTrue(Math.abs(norms[i] - torchNorms[i]) <= 1e-3 * torchNorms[i],
          name + " norm " + i + ": ours " + norms[i] + " vs torch " + torchNorms[i]);
    }
    double fwd = bptt.loss(c.inputs(), 0, c.batch(), c.steps(), c.targets(), 0, LossMode.FINAL,
        Reduction.MEAN);
    assertClose(name + " forward-only loss", new float[] {(float) fwd},
        new float[] {(float) loss});
  }
}
