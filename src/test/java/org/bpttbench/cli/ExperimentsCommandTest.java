package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-bench contract: `experiments` fills one directory, `report --publish` files it. */
class ExperimentsCommandTest {
  @TempDir Path tmp;

  @Test
  void experimentsThenReportPublishesWithTheCurvesAsTheGradientSection() throws Exception {
    Path stage = tmp.resolve("reports/.tmp-x");
    CliRunner e = CliRunner.run("experiments", "--out", stage.resolve("experiments").toString(),
        "--quick", "--backend", "scalar");
    assertEquals(0, e.status, e.err);
    for (String name : new String[] {"curves", "sweep", "saturation", "jacobian", "clip",
        "learn", "learn-adding"}) {
      assertTrue(Files.isRegularFile(stage.resolve("experiments").resolve(name)
          .resolve("summary.json")), name);
    }
    String curves = Files.readString(stage.resolve("experiments/curves/summary.json"));
    assertTrue(curves.contains("\"init\": \"pytorch\"") && curves.contains("\"hidden\": 64")
        && curves.contains("\"steps\": 50") && curves.contains("\"seed\": 42"), curves);

    Path jmh = stage.resolve("jmh-result.json");
    try (InputStream in = getClass().getResourceAsStream("/report/jmh-result.json")) {
      Files.copy(in, jmh);
    }
    CliRunner r = CliRunner.run("report", "--jmh", jmh.toString(), "--experiments",
        stage.resolve("experiments").toString(), "--out", stage.toString(), "--profile", "smoke",
        "--publish", tmp.resolve("reports").toString());
    assertEquals(0, r.status, r.err);
    Path latest = tmp.resolve("reports/latest");
    assertTrue(Files.isSymbolicLink(latest));
    assertTrue(r.out.contains("published " + tmp.resolve("reports")
        .resolve(Files.readSymbolicLink(latest))), r.out);
    assertTrue(Files.notExists(stage), "the staging directory was renamed");
    String md = Files.readString(latest.resolve("REPORT.md"));
    assertTrue(md.contains("![gradient norm vs t](gradnorm.png)"), md);
    assertTrue(md.matches("(?s).*\\| rnn \\| h_t \\| 64 \\| 50 \\| scalar \\| pytorch \\| — \\|.*"),
        md);
    assertTrue(md.matches("(?s).*\\| lru \\| h_t \\| 64 \\| 50 \\| scalar \\| ring long-range \\| — \\|.*"),
        md);
    assertTrue(md.matches("(?s).*\\| attention \\| x_t \\| 64 \\| 50 \\| scalar \\|"
        + " nn.MultiheadAttention default \\| — \\|.*"), md);
    assertTrue(md.contains("| Attention's architectural promise is") && md.contains("| the"
        + " mitigation in modern recurrent models"), "both claims in the table");
    assertTrue(md.contains("### sweep") && !md.contains("### curves"), "drawn and shown once");
    assertTrue(md.contains("## Can it learn?") && md.contains("experiments/learn/learn_score.png")
        && !md.contains("### learn"), "learn has its own section, once");
    assertTrue(md.contains("### Adding (T = the lag, cap ")
        && md.contains("experiments/learn-adding/learn_updates.png"), "with its adding part");
    assertTrue(Files.isRegularFile(latest.resolve("gradnorm.png")));
  }
}
