package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learn and task commands: files, npy dtypes, and one-line refusals. */
class LearnCommandTest {
  @TempDir Path tmp;

  @Test
  void taskExportsInt64ClassesAndFloatSums() throws Exception {
    CliRunner a = CliRunner.run("task", "--lag", "7", "--steps", "12", "--count", "10",
        "--out", tmp.resolve("a").toString());
    assertEquals(0, a.status, a.err);
    assertTrue(header(tmp.resolve("a/inputs.npy")).contains("'descr': '<f4', 'fortran_order':"
        + " False, 'shape': (10, 12, 43), }"));
    assertTrue(header(tmp.resolve("a/targets.npy")).contains("'descr': '<i8'"));
    assertEquals(128 + 10 * 8, Files.size(tmp.resolve("a/targets.npy")));
    CliRunner s = CliRunner.run("task", "--task", "adding", "--lag", "20", "--count", "5",
        "--split", "test", "--out", tmp.resolve("s").toString());
    assertEquals(0, s.status, s.err);
    assertTrue(header(tmp.resolve("s/targets.npy")).contains("'descr': '<f4'"));
    assertTrue(header(tmp.resolve("s/inputs.npy")).contains("'shape': (5, 20, 2)"));
  }

  @Test
  void badInputIsOneLineWithStatusTwo() {
    String out = tmp.resolve("x").toString();
    for (String[] argv : new String[][] {
        {"learn", "--lags", "50", "--out", out},
        {"learn", "--cells", "rnn,tree", "--out", out},
        {"learn", "--preset", "huge", "--out", out},
        {"task", "--lag", "60", "--out", out}}) {
      CliRunner r = CliRunner.run(argv);
      assertEquals(2, r.status, String.join(" ", argv) + ": " + r.err);
      assertTrue(r.oneLineError(), r.err);
    }
    assertTrue(CliRunner.run("learn", "--lags", "50", "--out", out).err
        .contains("lag 50 does not fit 50 steps (expected 1..49)"));
    assertTrue(Files.notExists(tmp.resolve("x")));
  }

  private static String header(Path npy) throws Exception {
    byte[] b = Files.readAllBytes(npy);
    return new String(b, 0, Math.min(b.length, 128), StandardCharsets.ISO_8859_1);
  }
}
