package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkspaceSize#bytes} against what the JVM reports this thread allocated while the model,
 * inputs, targets, {@link Bptt} and {@link GradientCurve} of a run were built: never below it, and
 * not far above (the slack is the fixed bound for small objects plus 1%).
 */
class WorkspaceSizeTest {
  private static final int[][] SIZES = {{5, 33, 3, 30}, {16, 64, 10, 500}, {3, 200, 7, 1000}};

  @Test
  void boundsTheAllocationOfARun() {
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        for (int[] s : SIZES) {
          long used = Allocations.measure(() -> allocate(k, kind, s));
          long want = WorkspaceSize.bytes(kind, s[0], s[1], s[2], s[3]);
          String what = k.name() + " " + kind.id() + " " + java.util.Arrays.toString(s) + ": bound "
              + want + " B, allocated " + used + " B";
          assertTrue(want >= used, what);
          assertTrue(want <= used + used / 100 + 2 * WorkspaceSize.OBJECTS, what);
        }
      }
    }
  }

  private static Object allocate(Kernels k, CellKind kind, int[] s) {
    Model m = Model.zeros(kind, Activation.TANH, s[0], s[1], s[2]);
    float[] x = new float[s[3] * s[0]];
    int[] targets = new int[s[3]];
    Bptt bptt = new Bptt(m, k, s[3]);
    GradientCurve curve = new GradientCurve(k, s[3], bptt.stateSize());
    return new Object[] {m, x, targets, bptt, curve};
  }

  @Test
  void sizesThatCannotBeAllocatedGiveMaxValue() {
    assertEquals(Long.MAX_VALUE, WorkspaceSize.bytes(CellKind.RNN, 16, 100_000, 10, 50));
    assertEquals(Long.MAX_VALUE, WorkspaceSize.bytes(CellKind.RNN, 16, 64, 10, Integer.MAX_VALUE));
    assertEquals(Long.MAX_VALUE,
        WorkspaceSize.bytes(CellKind.LSTM, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void largeRunsAreCountedNotAllocated() {
    // rnn, T = 10^7, H = 64: states, pre-activations, their gradients and dL/dh rows are each T·H floats
    long b = WorkspaceSize.bytes(CellKind.RNN, 16, 64, 10, 10_000_000);
    assertTrue(b >= 4L * 4 * 10_000_000 * 64 && b < Long.MAX_VALUE, "bytes " + b);
    long lstm = WorkspaceSize.bytes(CellKind.LSTM, 16, 20_000, 10, 50);
    assertTrue(lstm >= 2 * 4L * 4 * 20_000 * 20_000, "W_hh and its gradient alone: " + lstm);
  }

  @Test
  void refusesSizesBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkspaceSize.bytes(CellKind.GRU, 4, 0, 3, 10));
    assertEquals("hidden must be at least 1, got 0", e.getMessage());
  }
}
