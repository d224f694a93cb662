package org.bpttbench.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's own console output with one line more before each benchmark × parameter combination:
 * where the whole suite stands across its JMH runs and the time left, and the load log's
 * per-combination samples. The time left scales the remaining estimate by the pace so far.
 */
final class ProgressFormat implements OutputFormat {
  private final OutputFormat out;
  private final LoadLog load;
  private final int total;
  private final long estimateMillis;
  private final long t0 = System.nanoTime();
  private int started;
  private BenchmarkParams current;
  private long doneEstimateMillis;

  ProgressFormat(OutputFormat out, LoadLog load, int total, long estimateMillis) {
    this.out = out;
    this.load = load;
    this.total = total;
    this.estimateMillis = estimateMillis;
  }

  @Override
  public void startBenchmark(BenchmarkParams p) {
    started++;
    current = p;
    long elapsed = (System.nanoTime() - t0) / 1_000_000;
    double pace = doneEstimateMillis > 0 ? (double) elapsed / doneEstimateMillis : 1;
    long left = Math.round(Math.max(0, estimateMillis - doneEstimateMillis) * pace);
    out.println(String.format("suite: [%d/%d, %s elapsed, ~%s left] %s %s", started, total,
        Durations.format(elapsed), Durations.format(left), shortName(p.getBenchmark()),
        params(p).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "))));
    load.start();
    out.startBenchmark(p);
  }

  @Override
  public void endBenchmark(BenchmarkResult result) {
    out.endBenchmark(result);
    if (current != null) { // JMH passes no result when the combination failed
      doneEstimateMillis += RunSettings.of(current).estimateMillis();
      load.end(shortName(current.getBenchmark()), params(current));
      current = null;
    }
  }

  private static String shortName(String benchmark) {
    return benchmark.replace(ProgressFormat.class.getPackageName() + ".", "");
  }

  private static Map<String, String> params(BenchmarkParams p) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : p.getParamsKeys()) {
      m.put(k, p.getParam(k));
    }
    return m;
  }

  // ---- delegated unchanged --------------------------------------------------------------------

  @Override
  public void iteration(BenchmarkParams b, IterationParams i, int n) {
    out.iteration(b, i, n);
  }

  @Override
  public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
    out.iterationResult(b, i, n, r);
  }

  @Override
  public void startRun() {
    out.startRun();
  }

  @Override
  public void endRun(Collection<RunResult> results) {
    out.endRun(results);
  }

  @Override
  public void print(String s) {
    out.print(s);
  }

  @Override
  public void println(String s) {
    out.println(s);
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.close();
  }

  @Override
  public void verbosePrintln(String s) {
    out.verbosePrintln(s);
  }

  @Override
  public void write(int b) {
    out.write(b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
  }
}
