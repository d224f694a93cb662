package org.bpttbench.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a JMH JSON result file: a benchmark method with one assignment of its parameters.
 *
 * @param benchmark fully qualified name, e.g. {@code org.bpttbench.bench.KernelBench.gemv}
 * @param mode JMH mode, e.g. {@code avgt}
 * @param params the {@code @Param} values (sorted by name)
 * @param score primary metric score, in {@code unit}
 * @param error JMH's 99.9% half-width; {@code NaN} when JMH could not compute one (1 iteration)
 * @param unit e.g. {@code ns/op}
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} (B/op), {@code NaN} when absent
 * @param allocError its error, {@code NaN} when absent
 * @param run how the run was configured (forks, iterations, JVM)
 * @param raw every measurement iteration's score of every fork ({@code primaryMetric.rawData}),
 *     in {@code unit}; empty when the file has none
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score,
    double error, String unit, double allocBytesPerOp, double allocError, RunConfig run,
    double[] raw) {

  /** Settings JMH records with every result. */
  public record RunConfig(int forks, int warmupIterations, String warmupTime,
      int measurementIterations, String measurementTime, String jvm, List<String> jvmArgs,
      String jdkVersion, String vmName, String vmVersion, String jmhVersion) {}

  public JmhResult {
    params = new TreeMap<>(params);
    raw = raw.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JmhResult r && benchmark.equals(r.benchmark) && mode.equals(r.mode)
        && params.equals(r.params) && Double.compare(score, r.score) == 0
        && Double.compare(error, r.error) == 0 && unit.equals(r.unit)
        && Double.compare(allocBytesPerOp, r.allocBytesPerOp) == 0
        && Double.compare(allocError, r.allocError) == 0 && run.equals(r.run)
        && java.util.Arrays.equals(raw, r.raw);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(benchmark, mode, params, score, unit)
        + 31 * java.util.Arrays.hashCode(raw);
  }

  /** A result without raw iteration data (JMH's mean ± error only). */
  public JmhResult(String benchmark, String mode, Map<String, String> params, double score,
      double error, String unit, double allocBytesPerOp, double allocError, RunConfig run) {
    this(benchmark, mode, params, score, error, unit, allocBytesPerOp, allocError, run,
        new double[0]);
  }

  /**
   * The median over all iterations × forks with its distribution-free interval when the raw data
   * is there, else JMH's mean ± 99.9 % error; in {@code unit}.
   */
  public Estimate estimate() {
    return raw.length > 0 ? Estimate.median(raw) : Estimate.fromError(score, error);
  }

  /** As {@link #estimate()}, in nanoseconds per operation (NaN when the unit is not a time). */
  public Estimate estimateNanos() {
    return estimate().times(Units.nanosFactor(unit));
  }

  /** {@code KernelBench.gemv}: class simple name and method. */
  public String shortName() {
    int m = benchmark.lastIndexOf('.');
    int c = m <= 0 ? -1 : benchmark.lastIndexOf('.', m - 1);
    return benchmark.substring(c + 1);
  }

  /** {@code KernelBench}. */
  public String className() {
    String s = shortName();
    int dot = s.indexOf('.');
    return dot < 0 ? s : s.substring(0, dot);
  }

  /** {@code gemv}. */
  public String method() {
    String s = shortName();
    return s.substring(s.indexOf('.') + 1);
  }

  public String param(String name) {
    return params.get(name);
  }

  /** An integer parameter, or -1 when absent or not an integer. */
  public int intParam(String name) {
    String v = params.get(name);
    try {
      return v == null ? -1 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether a lower score is better (time per operation) rather than higher (throughput). */
  public boolean lowerIsBetter() {
    return !mode.equals("thrpt");
  }

  /** The score in nanoseconds per operation, or NaN when the unit is not a time per op. */
  public double nanosPerOp() {
    return score * Units.nanosFactor(unit);
  }

  /** The error in nanoseconds per operation (NaN when unknown). */
  public double errorNanos() {
    return error * Units.nanosFactor(unit);
  }

  /** Parameters as {@code a=1, b=2} for tables and keys. */
  public String paramString() {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** A key naming the benchmark, mode and parameters: what {@code compare} matches on. */
  public String key() {
    return shortName() + " [" + mode + "] " + paramString();
  }
}
