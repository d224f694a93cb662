package org.bpttbench.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH run of a profile: the benchmarks of one class, how long to measure them, and the
 * {@code -p} lists for that class only (JMH applies a {@code -p} list to every benchmark of a run
 * that has the parameter, so a class that needs its own lists gets its own entry).
 *
 * @param className simple name of a benchmark class in {@code org.bpttbench.bench}
 * @param params parameter name → values, replacing the values the class declares
 */
record PlanEntry(String className, RunSettings settings, Map<String, List<String>> params) {

  PlanEntry {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** {@code className} with {@code "name=v1,v2"} lists, e.g. {@code "hidden=64,128"}. */
  static PlanEntry of(String className, RunSettings settings, String... lists) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String list : lists) {
      int eq = list.indexOf('=');
      params.put(list.substring(0, eq), List.of(list.substring(eq + 1).split(",")));
    }
    return new PlanEntry(className, settings, params);
  }

  /** JMH's full-name prefix of this class's benchmarks. */
  String benchmarkPrefix() {
    return PlanEntry.class.getPackageName() + "." + className + ".";
  }
}
