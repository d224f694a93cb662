package org.bpttbench.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The causal mask (an output never depends on a later input; every row of the attention weights
 * sums to 1 over s ≤ t and is 0 beyond), and the gradient of a final-step loss reaching every step
 * directly: ‖dL_T/dx_t‖ &gt; 0 for every t, at T = 60 where a recurrence would have decayed.
 */
class CausalAttentionTest {

  static List<Kernels> backends() {
    return KernelProvider.available();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void outputsNeverDependOnLaterInputs(Kernels k) {
    int batch = 2;
    int steps = 8;
    SequenceModel m = SeqCases.model("attention", SeqCases.parameters("attention", 3), k, batch,
        steps);
    float[] x = SeqCases.inputs("attention", batch, steps, 4);
    m.forward(x, 0, batch, steps);
    float[] before = m.outputs().clone();
    int in = m.inputSize();
    int e = m.outputSize();
    int t0 = 5;   // change every input from step t0 + 1 on
    for (int i = t0 * batch * in; i < x.length; i++) {
      x[i] += 1f;
    }
    m.forward(x, 0, batch, steps);
    for (int i = 0; i < t0 * batch * e; i++) {
      assertEquals(before[i], m.outputs()[i], 0f, "output entry " + i + " of steps ≤ " + t0);
    }
    boolean changed = false;
    for (int i = t0 * batch * e; i < steps * batch * e; i++) {
      changed |= before[i] != m.outputs()[i];
    }
    assertTrue(changed, "later outputs see the change");
    CausalAttention a = (CausalAttention) m;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < a.heads(); h++) {
        float[] p = a.attentionWeights(b, h);
        for (int t = 0; t < steps; t++) {
          double sum = 0;
          for (int s = 0; s < steps; s++) {
            if (s > t) {
              assertEquals(0f, p[t * steps + s], "masked weight");
            }
            sum += p[t * steps + s];
          }
          assertEquals(1, sum, 1e-5, "row " + t + " sums to 1");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theFinalLossReachesEveryStep(Kernels k) {
    int steps = 60;
    SequenceBptt bptt = SeqCases.bptt("attention-h1", k, 1, steps, 21);
    float[] x = SeqCases.inputs("attention-h1", 1, steps, 22);
    bptt.run(x, 0, 1, steps, TestModels.targets(1, SeqCases.CLASSES, 23), 0, LossMode.FINAL,
        Reduction.MEAN);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int t = 1; t <= steps; t++) {
      min = Math.min(min, bptt.stepGradNorm(t, 0));
      max = Math.max(max, bptt.stepGradNorm(t, 0));
    }
    assertTrue(min > 0 && max / min < 1e4, "‖dL_T/dx_t‖ in [" + min + ", " + max + "]");
  }

  @Test
  void headsMustDivideTheEmbedding() {
    Kernels k = KernelProvider.forName("scalar");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CausalAttention(CausalAttention.zeros(3, 6), 4, k, 1, 2));
    assertTrue(e.getMessage().contains("divisible"), e.getMessage());
  }

  @Test
  void positionalEncodingIsVaswanis() {
    float[] pe = CausalAttention.positionalEncoding(3, 4);
    assertEquals(0f, pe[0]);
    assertEquals(1f, pe[1]);
    assertEquals((float) Math.sin(2), pe[2 * 4], 1e-7f);
    assertEquals((float) Math.cos(2 / 100.0), pe[2 * 4 + 3], 1e-7f);
  }
}
