package org.bpttbench.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bpttbench.bptt.Allocations;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * {@link SequenceSpec}: the registry's ids, the models it builds, and
 * {@link SequenceSpec#workspaceBytes} against what the JVM reports this thread allocated while a
 * {@link SequenceBptt} was built on given parameters: never below it, at most 1 % plus the
 * small-object bound above.
 */
class SequenceSpecTest {

  @Test
  void idsAndRefusals() {
    assertEquals(SequenceKind.LRU, SequenceKind.fromId("lru"));
    assertEquals(SequenceKind.ATTENTION, SequenceKind.fromId("attention"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequenceKind.fromId("rnn"));
    assertTrue(e.getMessage().contains("expected lru or attention"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SequenceSpec(SequenceKind.ATTENTION, 3, 6, 0, 4, Lru.Ring.REFERENCE, 2));
    assertThrows(IllegalArgumentException.class, () -> new Lru.Ring(0.5, 0.4, 1));
  }

  @Test
  void createsWorkingModels() {
    Kernels k = KernelProvider.forName("scalar");
    for (SequenceSpec spec : new SequenceSpec[] {SequenceSpec.lru(3, 8, 4),
        SequenceSpec.attention(8, 8, 4),
        new SequenceSpec(SequenceKind.LRU, 8, 8, 16, 1, Lru.Ring.LONG_RANGE, 4)}) {
      SequenceBptt b = spec.create(k, 2, 10, new Random(1));
      assertEquals(spec.kind().id(), b.model().id());
      float[] x = SeqCases.inputs("lru", 2, 10, 2);
      float[] xs = new float[2 * 10 * spec.input()];
      System.arraycopy(x, 0, xs, 0, Math.min(x.length, xs.length));
      double loss = b.run(xs, 0, 2, 10, new int[] {1, 3}, 0,
          org.bpttbench.bptt.LossMode.FINAL, org.bpttbench.bptt.Reduction.MEAN);
      assertTrue(loss > 0 && Double.isFinite(loss), spec + ": " + loss);
    }
  }

  @Test
  void workspaceBytesBoundTheAllocation() {
    int[][] sizes = {{3, 8, 5, 4, 30}, {8, 8, 16, 1, 200}, {5, 12, 7, 3, 64}};
    for (Kernels k : KernelProvider.available()) {
      for (SequenceKind kind : SequenceKind.values()) {
        for (int[] s : sizes) {
          SequenceSpec spec = new SequenceSpec(kind, s[0], s[1], s[2],
              kind == SequenceKind.ATTENTION ? (s[1] % 2 == 0 ? 2 : 1) : 1, Lru.Ring.REFERENCE,
              4);
          var params = spec.zeros();
          long used = Allocations.measure(() -> {
            SequenceModel m = spec.model(params, k, s[3], s[4]);
            var out = new org.bpttbench.cell.Tensor[] {
                org.bpttbench.cell.Tensor.zeros("out_weight", 4, s[1]),
                org.bpttbench.cell.Tensor.zeros("out_bias", 4)};
            return new SequenceBptt(m, out[0], out[1], k);
          });
          // the read-out tensors built here count as parameters the spec's bound includes
          long want = spec.workspaceBytes(s[3], s[4]);
          String what = k.name() + " " + kind.id() + " " + java.util.Arrays.toString(s)
              + ": bound " + want + " B, allocated " + used + " B";
          assertTrue(want >= used, what);
          assertTrue(want <= used + used / 100 + 2 * SequenceSpec.OBJECTS + 1024 * 4, what);
        }
      }
    }
  }
}
