package org.bpttbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.bptt.Allocations;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** {@link JacobianWorkspace#bytes} bounds the arrays a Jacobian analysis holds, and refuses what cannot exist. */
class JacobianWorkspaceTest {

  @Test
  void boundsTheLiveArraysOfAnAnalysis() {
    Kernels k = KernelProvider.available().get(0);
    int[][] sizes = {{4, 16, 3, 40}, {16, 48, 10, 200}};
    for (CellKind kind : CellKind.values()) {
      for (int[] s : sizes) {
        long used = Allocations.measure(() -> allocate(k, kind, s));
        long want = JacobianWorkspace.bytes(kind, s[0], s[1], s[2], s[3]);
        // The bound also holds the solvers' d×d double matrices, not allocated here.
        long d = (long) kind.stateVectors * s[1];
        String what = kind.id() + " " + java.util.Arrays.toString(s) + ": bound " + want
            + " B, allocated " + used + " B";
        assertTrue(want >= used + 8 * 8 * d * d, what);
        assertTrue(want <= used + 9 * 8 * d * d + 64 * 1024, what);
      }
    }
  }

  private static Object allocate(Kernels k, CellKind kind, int[] s) {
    Model m = Model.zeros(kind, Activation.TANH, s[0], s[1], s[2]);
    float[] x = new float[s[3] * s[0]];
    int d = kind.stateVectors * s[1];
    Object cell = Cells.create(m, k, s[3]);
    float[] jacs = new float[s[3] * d * d];
    Object fromEnd = new JacobianProducts(k, d, s[3]);
    Object fromStart = new JacobianProducts(k, d, s[3]);
    Object power = new SpectralNorm(k, d);
    double[][] perLag = new double[2][s[3] + 1];
    double[] lyapunov = new double[d];
    return new Object[] {m, x, cell, jacs, fromEnd, fromStart, power, perLag, lyapunov};
  }

  @Test
  void aMillionStepsOfJacobiansCannotBeAllocated() {
    // 10^6 · 64² floats is one array beyond Java's length limit
    assertEquals(Long.MAX_VALUE, JacobianWorkspace.bytes(CellKind.RNN, 16, 64, 10, 1_000_000));
    long fits = JacobianWorkspace.bytes(CellKind.RNN, 16, 64, 10, 100_000);
    assertTrue(fits >= 3 * 4L * 100_000 * 64 * 64 && fits < Long.MAX_VALUE, "bytes " + fits);
  }
}
