package org.bpttbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ArrayAlignmentTest {

  @Test
  void elementsStartOnALineOnlyWhenObjectsDo() {
    // 16-byte header: 16 + 4·12 = 64; compact 12-byte header: 12 + 4·13 = 64
    assertEquals(12, ArrayAlignment.firstAlignedIndex(64, false, true));
    assertEquals(13, ArrayAlignment.firstAlignedIndex(64, true, true));
    assertEquals(13, ArrayAlignment.firstAlignedIndex(64, true, false));
    assertEquals(12, ArrayAlignment.firstAlignedIndex(256, false, true));
    assertEquals(0, ArrayAlignment.firstAlignedIndex(8, false, true));
    assertEquals(0, ArrayAlignment.firstAlignedIndex(32, false, true));
    assertEquals(0, ArrayAlignment.firstAlignedIndex(64, false, false));
  }

  @Test
  void thisJvmsIndexFollowsItsObjectAlignment() {
    int first = ArrayAlignment.firstAlignedIndex();
    assertTrue(first >= 0 && first < ArrayAlignment.LINE_FLOATS, "index " + first);
    long alignment = Long.parseLong(ManagementFactory
        .getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .getVMOption("ObjectAlignmentInBytes").getValue());
    if (alignment < 64) {
      assertEquals(0, first);
    } else {
      assertTrue(first == 12 || first == 13,
          "index " + first + " with objects on " + alignment + "-byte boundaries");
    }
  }
}
