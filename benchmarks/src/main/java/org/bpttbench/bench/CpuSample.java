package org.bpttbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The machine's CPU counters at one instant, in clock ticks summed over all CPUs: from
 * {@code /proc/stat}'s {@code cpu} line, and this process tree's own CPU time from
 * {@code /proc/<pid>/stat} (this JVM with its reaped children, plus its live descendants: the JMH
 * forks). Linux only; {@link #read()} is empty elsewhere.
 *
 * @param total every tick of the {@code cpu} line (guest time is already inside user)
 * @param idle idle + iowait
 * @param steal ticks the hypervisor gave to another guest
 * @param tree ticks this process tree used
 * @param load1 {@code /proc/loadavg}'s one-minute load average
 */
record CpuSample(Instant at, long total, long idle, long steal, long tree, double load1) {

  /** CPU shares over an interval: fractions of all CPUs' time, adding up to 1 with idle. */
  record Shares(double seconds, double self, double others, double steal, double idle) {}

  static Optional<CpuSample> read() {
    try {
      long tree = ProcessHandle.current().descendants()
          .mapToLong(p -> processTicks(Path.of("/proc", Long.toString(p.pid()), "stat")))
          .sum() + processTicks(Path.of("/proc/self/stat"));
      return Optional.of(parse(Instant.now(), Files.readString(Path.of("/proc/stat")),
          Files.readString(Path.of("/proc/loadavg")), tree));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses {@code /proc/stat} and {@code /proc/loadavg} texts. */
  static CpuSample parse(Instant at, String stat, String loadavg, long tree) {
    String cpu = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("/proc/stat has no 'cpu' line"));
    String[] f = cpu.trim().split("\\s+");
    // cpu user nice system idle iowait irq softirq steal [guest guest_nice]
    long total = 0;
    for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
    return new CpuSample(at, total, idle, steal, tree,
        Double.parseDouble(loadavg.trim().split("\\s+")[0]));
  }

  /** utime + stime + cutime + cstime of one process; 0 when it has gone. */
  static long processTicks(Path stat) {
    try {
      String s = Files.readString(stat);
      // fields after the command name in parentheses (which may hold spaces): state is field 3
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
          + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Shares of the interval from this sample to {@code later}. */
  Shares until(CpuSample later) {
    double dt = Math.max(1, later.total - total);
    double steal = (later.steal - this.steal) / dt;
    double idle = (later.idle - this.idle) / dt;
    double busy = Math.max(0, 1 - idle - steal);
    double self = Math.min(busy, (later.tree - tree) / dt);
    double seconds = (later.at.toEpochMilli() - at.toEpochMilli()) / 1000.0;
    return new Shares(seconds, self, busy - self, steal, idle);
  }
}
