package org.bpttbench.experiment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.CellKind;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

  @Test
  void refusalNamesTheSizesTheNeedAndTheLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryBudget.require(7_600_000_000L, "steps 10000000 with hidden 64",
            4_000_000_000L));
    assertEquals("steps 10000000 with hidden 64 needs 7.6 GB of workspace; this JVM may use"
        + " 4.0 GB (give it more with BPTT_JAVA_OPTS=-Xmx16g, or lower the sizes)", e.getMessage());
    assertDoesNotThrow(() -> MemoryBudget.require(4_000_000_000L, "x", 4_000_000_000L));
  }

  @Test
  void sizesBeyondJavaArraysAreRefusedWhateverTheHeap() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryBudget.require(Long.MAX_VALUE, "steps 50 with hidden 100000", Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("longer than Java allows"), e.getMessage());
  }

  @Test
  void denseInitsCountTheirTransientMatrices() {
    Setup pytorch = new Setup(20000, 16, 10, 50, InitScheme.PYTORCH, 1, 1);
    Setup orthogonal = new Setup(20000, 16, 10, 50, InitScheme.ORTHOGONAL, 1, 1);
    // W_hh alone is 1.6 GB and its gradient as much; the QR of orthogonal adds ~19 GB of doubles.
    assertThrows(IllegalArgumentException.class, () -> orthogonal.requireMemory(CellKind.RNN, 1));
    if (Runtime.getRuntime().maxMemory() > 8_000_000_000L) {
      assertDoesNotThrow(() -> pytorch.requireMemory(CellKind.RNN, 1));
    }
  }

  @Test
  void unitsReadAsPeopleWriteThem() {
    assertEquals("12 MB", MemoryBudget.gigabytes(12_400_000));
    assertEquals("1.0 GB", MemoryBudget.gigabytes(1_000_000_000));
  }
}
