package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NonFiniteTest {

  @Test
  void firstIndexFindsNaNAndBothInfinities() {
    assertEquals(-1, NonFinite.firstIndex(new float[0]));
    assertEquals(-1, NonFinite.firstIndex(new float[] {0, -0f, Float.MAX_VALUE, -Float.MIN_VALUE}));
    assertEquals(2, NonFinite.firstIndex(new float[] {1, 2, Float.NaN, Float.POSITIVE_INFINITY}));
    assertEquals(0, NonFinite.firstIndex(new float[] {Float.NEGATIVE_INFINITY, Float.NaN}));
    assertEquals(3, NonFinite.firstIndex(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}));
  }

  @Test
  void messageGivesTheMultiIndex() {
    float[] data = new float[5 * 10];
    data[3 * 10 + 7] = Float.NaN;
    data[4 * 10 + 1] = Float.POSITIVE_INFINITY;
    assertEquals(Optional.of("weight_hh.npy: non-finite value NaN at index (3, 7)"
            + " (use --allow-nonfinite to run anyway)"),
        NonFinite.check("weight_hh.npy", new NpyArray(new int[] {5, 10}, data)));
  }

  @Test
  void messageForOtherRanks() {
    float[] cube = new float[2 * 3 * 4];
    cube[23] = Float.NEGATIVE_INFINITY;
    assertEquals(Optional.of("x.npy: non-finite value -Infinity at index (1, 2, 3)"
            + " (use --allow-nonfinite to run anyway)"),
        NonFinite.check("x.npy", new NpyArray(new int[] {2, 3, 4}, cube)));
    assertEquals("b.npy: non-finite value Infinity at index (2,) (use --allow-nonfinite to run"
            + " anyway)",
        NonFinite.check("b.npy", new NpyArray(new int[] {3},
            new float[] {0, 1, Float.POSITIVE_INFINITY})).orElseThrow());
    assertEquals("s.npy: non-finite value NaN at index () (use --allow-nonfinite to run anyway)",
        NonFinite.check("s.npy", new NpyArray(new int[] {}, new float[] {Float.NaN}))
            .orElseThrow());
  }

  @Test
  void finiteArrayGivesNoMessage() {
    assertEquals(Optional.empty(),
        NonFinite.check("ok.npy", new NpyArray(new int[] {2, 2}, new float[] {1, 2, 3, 4})));
    assertEquals(Optional.empty(), NonFinite.check("e.npy", new NpyArray(new int[] {0, 3},
        new float[0])));
  }
}
