package org.bpttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The "Machine and run" section: hardware, JDK, vector species, JVM flags, JMH settings. */
final class MachineSection {

  private MachineSection() {}

  static String markdown(List<JmhResult> results, String profile, RunRecord run) {
    List<List<String>> rows = new ArrayList<>();
    int cores = MachineInfo.coresPerSocket();
    rows.add(List.of("CPU (benchmark machine)", run.cpu()));
    rows.add(List.of("CPUs", MachineInfo.logicalCpus() + " logical (/proc/cpuinfo)"
        + (cores > 0 ? ", " + cores + " cores per socket" : "") + "; JVM sees "
        + Runtime.getRuntime().availableProcessors() + " (report machine)"));
    rows.add(List.of("JDK (report JVM)", MachineInfo.jdk()));
    rows.add(List.of("Vector width (benchmark JVM's kernels)", run.vectorWidth() + " ("
        + run.vectorFrom() + ")"));
    rows.add(List.of("Profile", profile));
    if (!results.isEmpty()) {
      JmhResult.RunConfig c = results.get(0).run();
      rows.add(List.of("JDK (benchmark JVM, from JMH)", c.jdkVersion() + ", " + c.vmName() + " "
          + c.vmVersion()));
      rows.add(List.of("JVM", c.jvm()));
      rows.add(List.of("JVM flags (jvmArgs)", "`" + String.join(" ", distinctArgs(results)) + "`"));
      rows.add(List.of("JMH", c.jmhVersion() + "; forks " + distinct(results, "forks")
          + "; warmup " + distinct(results, "warmup") + "; measurement "
          + distinct(results, "measurement")));
    }
    return "## Machine and run\n\n" + Tables.markdown(List.of("what", "value"), rows) + "\n";
  }

  private static List<String> distinctArgs(List<JmhResult> results) {
    Set<String> args = new LinkedHashSet<>();
    results.forEach(r -> args.addAll(r.run().jvmArgs()));
    return new ArrayList<>(args);
  }

  private static String distinct(List<JmhResult> results, String what) {
    Set<String> v = new LinkedHashSet<>();
    for (JmhResult r : results) {
      JmhResult.RunConfig c = r.run();
      switch (what) {
        case "forks":
          v.add(Integer.toString(c.forks()));
          break;
        case "warmup":
          v.add(c.warmupIterations() + " × " + c.warmupTime());
          break;
        default:
          v.add(c.measurementIterations() + " × " + c.measurementTime());
      }
    }
    return String.join(" / ", v);
  }
}
