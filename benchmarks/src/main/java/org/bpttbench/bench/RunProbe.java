package org.bpttbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bpttbench.kernel.VectorKernels;
import org.openjdk.jmh.results.RunResult;

/**
 * {@code run.json}: what the benchmark JVM ran on, as that JVM sees it. After the run the suite
 * starts the benchmarks' java with each distinct set of their flags on {@link #main}, which prints
 * the kernels' vector width ({@link VectorKernels#vectorBitSize}, which {@code -Dbptt.vectorBits}
 * and {@code -XX:UseAVX} narrow), the JDK and the CPU model; the first set is the run's record,
 * every set is listed under "jvms". Schema in benchmarks/README.md.
 */
final class RunProbe {
  private RunProbe() {}

  /** Prints this JVM's record as one JSON object. */
  public static void main(String[] args) throws IOException {
    String cpu = "unknown";
    Path info = Path.of("/proc/cpuinfo");
    for (String l : Files.isReadable(info) ? Files.readAllLines(info) : List.<String>of()) {
      if (l.startsWith("model name") || l.startsWith("Hardware") || l.startsWith("uarch")) {
        cpu = l.substring(l.indexOf(':') + 1).trim();
        break;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpu);
    m.put("vectorBits", VectorKernels.vectorBitSize());
    m.put("jdk", System.getProperty("java.runtime.version"));
    m.put("vm", System.getProperty("java.vm.name"));
    m.put("flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println(json(m));
  }

  /** Writes {@code file} from the benchmark JVMs of {@code results}; false when no probe ran. */
  static boolean write(Path file, List<RunResult> results)
      throws IOException, InterruptedException {
    List<String> jvms = new ArrayList<>();
    for (List<String> cmd : results.stream().map(r -> command(r.getParams().getJvm(),
        r.getParams().getJvmArgs())).distinct().toList()) {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("{")) {
        jvms.add(out);
      }
    }
    if (!jvms.isEmpty()) {
      String first = jvms.get(0);
      Files.writeString(file, "{\"schema\": 1, " + first.substring(1, first.length() - 1)
          + ",\n \"jvms\": [\n  " + String.join(",\n  ", jvms) + "]}\n");
    }
    return !jvms.isEmpty();
  }

  private static List<String> command(String jvm, java.util.Collection<String> flags) {
    List<String> cmd = new ArrayList<>(List.of(jvm));
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RunProbe.class.getName()));
    return cmd;
  }

  private static String json(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> json(e.getKey()) + ": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof List<?> l) {
      return l.stream().map(RunProbe::json).collect(Collectors.joining(", ", "[", "]"));
    }
    return v instanceof Number ? v.toString() : "\"" + v.toString().replace("\\", "\\\\")
        .replace("\"", "\\\"") + "\"";
  }
}
