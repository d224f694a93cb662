package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The report machine's CPU count and JVM (the benchmark machine's are in {@link RunRecord}). */
public final class MachineInfo {

  private MachineInfo() {}


  /** Logical CPUs listed in /proc/cpuinfo (0 when unreadable). */
  public static int logicalCpus() {
    return (int) cpuinfo().stream().filter(l -> l.startsWith("processor")).count();
  }

  /** Physical cores per socket as /proc/cpuinfo says ("cpu cores"), or -1. */
  public static int coresPerSocket() {
    for (String line : cpuinfo()) {
      if (line.startsWith("cpu cores")) {
        try {
          return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static List<String> cpuinfo() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Vendor, version and VM of the JVM running the report. */
  public static String jdk() {
    return System.getProperty("java.vendor", "?") + " " + System.getProperty("java.runtime.version",
        System.getProperty("java.version", "?")) + " (" + System.getProperty("java.vm.name", "?")
        + ")";
  }


}
