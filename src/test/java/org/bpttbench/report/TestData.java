package org.bpttbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Test fixtures: the synthetic JMH JSON resource and fake gradnorm output directories. */
final class TestData {

  private TestData() {}

  /** Copies the synthetic JMH result (JMH 1.37 format, with gc.alloc.rate.norm) into dir. */
  static Path jmhJson(Path dir) throws IOException {
    Path out = dir.resolve("jmh-result.json");
    try (InputStream in = TestData.class.getResourceAsStream("/report/jmh-result.json")) {
      Files.copy(in, out);
    }
    return out;
  }

  /** Writes DIR/<cell>/{gradnorm.csv,summary.json} as the gradnorm command would. */
  static Path curves(Path dir) throws IOException {
    Path root = dir.resolve("curves");
    String[] cells = {"rnn", "gru", "lstm"};
    double[] rates = {-0.5, -0.1, -0.02};
    for (int c = 0; c < cells.length; c++) {
      Path d = Files.createDirectories(root.resolve(cells[c]));
      boolean lstm = cells[c].equals("lstm");
      StringBuilder sb = new StringBuilder(lstm ? "t,grad_norm,cell_grad_norm\n" : "t,grad_norm\n");
      for (int t = 1; t <= 50; t++) {
        double g = Math.pow(10, rates[c] * (50 - t) / 10.0);
        sb.append(t).append(',').append(g);
        if (lstm) {
          sb.append(',').append(2 * g);
        }
        sb.append('\n');
      }
      Files.writeString(d.resolve("gradnorm.csv"), sb);
      Files.writeString(d.resolve("summary.json"), String.format(Locale.ROOT,
          "{\"cell\":\"%s\",\"hidden\":64,\"steps\":50,\"backend\":\"simd\",\"loss\":\"xent\","
              + "\"decades_per_10_steps\":%s,\"init\":\"orthogonal\",\"rho\":1.0,\"seed\":42}",
          cells[c], rates[c]));
    }
    return root;
  }
}
