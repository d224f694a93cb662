package org.bpttbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bpttbench.output.Chart;

/**
 * Test fixtures: the synthetic JMH JSON resource, single JMH entries and a fake curves experiment
 * output.
 */
final class TestData {

  private TestData() {}

  /** Nine iterations around {@code median}: the median is exact, the interval [x(2), x(8)] ±1 %. */
  static final double[] SPREAD = {0.96, 0.99, 0.995, 1, 1, 1, 1.005, 1.01, 1.04};

  /** One JMH JSON entry (JMH 1.37 layout) with nine raw iterations. */
  static String jmhEntry(String benchmark, String unit, double median, String... params) {
    Map<String, String> p = new TreeMap<>();
    for (String kv : params) {
      p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    String raw = Arrays.stream(SPREAD).mapToObj(f -> String.format(Locale.ROOT, "%.6f",
        f * median)).collect(Collectors.joining(", "));
    String json = p.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue()
        + "\"").collect(Collectors.joining(", "));
    return "{\"jmhVersion\": \"1.37\", \"benchmark\": \"org.bpttbench.bench." + benchmark
        + "\", \"mode\": \"avgt\", \"forks\": 1, \"measurementIterations\": 9, \"params\": {"
        + json + "}, \"primaryMetric\": {\"score\": " + median + ", \"scoreError\": 1.0,"
        + " \"scoreUnit\": \"" + unit + "\", \"rawData\": [[" + raw + "]]}}";
  }

  /** Copies the synthetic JMH result (JMH 1.37 format, with gc.alloc.rate.norm) into dir. */
  static Path jmhJson(Path dir) throws IOException {
    Path out = dir.resolve("jmh-result.json");
    try (InputStream in = TestData.class.getResourceAsStream("/report/jmh-result.json")) {
      Files.copy(in, out);
    }
    return out;
  }

  /** Writes DIR/curves/{curves.csv,summary.json} as the curves experiment would; returns DIR. */
  static Path experiments(Path dir) throws IOException {
    Path root = dir.resolve("experiments");
    Path d = Files.createDirectories(root.resolve("curves"));
    String[] cells = {"rnn", "gru", "lstm"};
    double[] rates = {-0.5, -0.1, -0.02};
    StringBuilder csv = new StringBuilder("t,rnn,gru,lstm\n");
    for (int t = 1; t <= 50; t++) {
      csv.append(t);
      for (double rate : rates) {
        csv.append(',').append(Math.pow(10, rate * (50 - t) / 10.0));
      }
      csv.append('\n');
    }
    Files.writeString(d.resolve("curves.csv"), csv);
    new Chart("fixture", "t", "norm").add("rnn", new double[] {1, 2}, new double[] {1, 2},
        Chart.Style.LINE).save(d.resolve("curves.png"));
    StringBuilder cellJson = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      cellJson.append(c > 0 ? "," : "").append(String.format(Locale.ROOT,
          "\"%s\":{\"loss\":\"xent\",\"decades_per_10_steps_measured\":%s}", cells[c], rates[c]));
    }
    Files.writeString(d.resolve("summary.json"), "{\"hidden\":64,\"steps\":50,\"backend\":\"simd\","
        + "\"init\":\"orthogonal\",\"rho\":1.0,\"seed\":42,\"cells\":{" + cellJson + "}}");
    return root;
  }
}
