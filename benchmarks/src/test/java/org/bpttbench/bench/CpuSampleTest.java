package org.bpttbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSampleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** cpu user nice system idle iowait irq softirq steal guest guest_nice */
  private static String stat(long user, long idle, long steal) {
    return "cpu  " + user + " 0 0 " + idle + " 0 0 0 " + steal + " 0 0\n"
        + "cpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n";
  }

  @Test
  void sharesSplitTheIntervalIntoThisTreeOthersStealAndIdle() {
    CpuSample a = CpuSample.parse(T0, stat(1000, 5000, 10), "0.50 0.40 0.30 1/200 99\n", 300);
    // 200 ticks in all: 120 user (50 of them ours), 60 idle, 20 steal
    CpuSample b = CpuSample.parse(T0.plusSeconds(1), stat(1120, 5060, 30),
        "1.50 0.60 0.30 3/200 99\n", 350);
    assertEquals(6010, a.total());
    assertEquals(1.5, b.load1());
    CpuSample.Shares s = a.until(b);
    assertEquals(1.0, s.seconds(), 1e-12);
    assertEquals(50 / 200.0, s.self(), 1e-12);
    assertEquals(70 / 200.0, s.others(), 1e-12);
    assertEquals(20 / 200.0, s.steal(), 1e-12);
    assertEquals(60 / 200.0, s.idle(), 1e-12);
  }

  @Test
  void processTicksSumUserSystemAndReapedChildren(@TempDir Path dir) throws Exception {
    // pid (comm with spaces) state ppid ... fields 14-17 are utime stime cutime cstime
    Path stat = Files.writeString(dir.resolve("stat"),
        "42 (java (x) y) S 1 42 42 0 -1 4194304 100 0 0 0 7 3 20 10 20 0 25 0\n");
    assertEquals(7 + 3 + 20 + 10, CpuSample.processTicks(stat));
    assertEquals(0, CpuSample.processTicks(dir.resolve("gone")));
  }

  @Test
  void thisMachineGivesASampleWhenItHasProc() {
    if (Files.isReadable(Path.of("/proc/stat"))) {
      CpuSample s = CpuSample.read().orElseThrow();
      assertTrue(s.total() > 0 && s.tree() > 0);
    }
  }
}
