package org.bpttbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** How long JMH measures one benchmark × parameter combination: forks, warm-up, measurement. */
record RunSettings(int forks, int warmupIterations, TimeValue warmupTime,
    int measurementIterations, TimeValue measurementTime) {

  /**
   * JVM start-up, JMH set-up and {@code -prof gc} per fork, measured on the reference 2-core machine
   * (about 1.2 s for this suite with its 1 GB pre-touched heap): used for estimates only.
   */
  static final long FORK_OVERHEAD_MS = 1200;

  RunSettings {
    if (forks < 1 || warmupIterations < 0 || measurementIterations < 1) {
      throw new IllegalArgumentException("run settings: forks " + forks + ", warm-up iterations "
          + warmupIterations + ", measurement iterations " + measurementIterations
          + " (expected at least 1, 0 and 1)");
    }
  }

  static RunSettings of(int forks, int warmupIterations, String warmupTime,
      int measurementIterations, String measurementTime) {
    return new RunSettings(forks, warmupIterations, TimeValue.fromString(warmupTime),
        measurementIterations, TimeValue.fromString(measurementTime));
  }

  /** These settings with those given on JMH's command line (after {@code --}) taking precedence. */
  RunSettings overriddenBy(Options jmh) {
    return new RunSettings(jmh.getForkCount().orElse(forks),
        jmh.getWarmupIterations().orElse(warmupIterations),
        jmh.getWarmupTime().orElse(warmupTime),
        jmh.getMeasurementIterations().orElse(measurementIterations),
        jmh.getMeasurementTime().orElse(measurementTime));
  }

  /** The settings JMH resolved for one combination (annotations, profile and command line). */
  static RunSettings of(BenchmarkParams p) {
    return new RunSettings(Math.max(1, p.getForks()), p.getWarmup().getCount(),
        p.getWarmup().getTime(), Math.max(1, p.getMeasurement().getCount()),
        p.getMeasurement().getTime());
  }

  /** Estimated wall time of one combination in milliseconds. */
  long estimateMillis() {
    long perFork = warmupIterations * warmupTime.convertTo(TimeUnit.MILLISECONDS)
        + measurementIterations * measurementTime.convertTo(TimeUnit.MILLISECONDS)
        + FORK_OVERHEAD_MS;
    return forks * perFork;
  }

  @Override
  public String toString() {
    return "forks " + forks + ", warm-up " + warmupIterations + "×" + warmupTime
        + ", measurement " + measurementIterations + "×" + measurementTime;
  }
}
