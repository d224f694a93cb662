package org.bpttbench.report;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine and the JVM that wrote it. */
public final class MachineInfo {

  private MachineInfo() {}

  /** The CPU model from {@code /proc/cpuinfo}, or "unknown". */
  public static String cpuModel() {
    for (String line : cpuinfo()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String key = line.substring(0, colon).trim();
        if (key.equals("model name") || key.equals("Hardware") || key.equals("cpu model")
            || key.equals("uarch")) {
          return line.substring(colon + 1).trim();
        }
      }
    }
    return "unknown (no /proc/cpuinfo model line)";
  }

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

  /**
   * {@code FloatVector.SPECIES_PREFERRED} and its bit width, read reflectively so that this works
   * without {@code jdk.incubator.vector}; "unavailable" with the reason otherwise.
   */
  public static String vectorSpecies() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return "unavailable (module jdk.incubator.vector not present in the report JVM)";
    }
    try {
      Class<?> fv = Class.forName("jdk.incubator.vector.FloatVector");
      Object species = fv.getField("SPECIES_PREFERRED").get(null);
      Class<?> vs = Class.forName("jdk.incubator.vector.VectorSpecies");
      Method bits = vs.getMethod("vectorBitSize");
      Method length = vs.getMethod("length");
      return species + ": " + bits.invoke(species) + " bits, " + length.invoke(species)
          + " float lanes";
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return "unavailable (" + e + ")";
    }
  }

  /** Float lanes of {@code FloatVector.SPECIES_PREFERRED}, empty without the module. */
  public static java.util.OptionalInt floatLanes() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return java.util.OptionalInt.empty();
    }
    try {
      Object species = Class.forName("jdk.incubator.vector.FloatVector")
          .getField("SPECIES_PREFERRED").get(null);
      return java.util.OptionalInt.of((Integer) Class.forName("jdk.incubator.vector.VectorSpecies")
          .getMethod("length").invoke(species));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return java.util.OptionalInt.empty();
    }
  }
}
