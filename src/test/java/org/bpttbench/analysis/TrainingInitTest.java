package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.junit.jupiter.api.Test;

/** The initialisations for training: the LSTM forget-gate bias and the IRNN. */
class TrainingInitTest {

  @Test
  void forgetGateBiasSetsOnlyTheForgetBlockToAnEffectiveOne() {
    int h = 5;
    Model m = Init.model(CellKind.LSTM, Activation.TANH, 3, h, 4, InitScheme.PYTORCH, 1, 7);
    float[] ih = m.biasIh.data().clone();
    float[] hh = m.biasHh.data().clone();
    Init.lstmForgetGateBias(m, 1f);
    for (int r = 0; r < 4 * h; r++) {
      boolean forget = r >= h && r < 2 * h;
      assertEquals(forget ? 1f : ih[r], m.biasIh.data()[r], "bias_ih[" + r + "]");
      assertEquals(forget ? 0f : hh[r], m.biasHh.data()[r], "bias_hh[" + r + "]");
    }
  }

  @Test
  void forgetGateBiasRefusesOtherCells() {
    Model gru = Model.zeros(CellKind.GRU, Activation.TANH, 2, 3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Init.lstmForgetGateBias(gru, 1f));
    assertEquals("the forget-gate bias needs an lstm model, got gru", e.getMessage());
  }

  @Test
  void irnnIsReluWithIdentityRecurrenceAndZeroBiases() {
    int h = 6;
    Model m = Init.irnn(4, h, 3, 11);
    assertEquals(Activation.RELU, m.activation);
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        assertEquals(i == j ? 1f : 0f, m.weightHh.data()[i * h + j], "weight_hh[" + i + "," + j
            + "]");
      }
    }
    for (int r = 0; r < h; r++) {
      assertEquals(0f, m.biasIh.data()[r]);
      assertEquals(0f, m.biasHh.data()[r]);
    }
    float bound = (float) (1 / Math.sqrt(h));
    double maxAbs = 0;
    for (float w : m.weightIh.data()) {
      maxAbs = Math.max(maxAbs, Math.abs(w));
    }
    assertTrue(maxAbs > 0 && maxAbs <= bound, "weight_ih within PyTorch's bound");
  }
}
