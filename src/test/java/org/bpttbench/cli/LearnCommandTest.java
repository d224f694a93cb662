package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.train.task.Fillers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

  @Test
  void defaultsAreTheLessonsTriplesWithAGridRatePerCellAndLrOverridesThemAll() {
    LearnConfig d = config("--out", tmp.resolve("d").toString());
    assertEquals(Fillers.TRIPLES, d.fillers());
    assertEquals(LearnCell.values(), d.cells());
    assertEquals(List.of(LearnCell.GRU, LearnCell.LSTM_FB1),
        config("--cells", "gru,lstm-fb1", "--out", "c").cells());
    for (LearnCell c : LearnCell.values()) {
      assertTrue(List.of(1e-3, 3e-3, 1e-2).contains(d.lr().get(c)), c + ": " + d.lr().get(c));
    }
    LearnConfig one = config("--lr", "0.05", "--fillers", "words", "--out", "o");
    assertEquals(Fillers.WORDS, one.fillers());
    assertTrue(one.lr().values().stream().allMatch(v -> v == 0.05), one.lr().toString());
    assertTrue(config("--preset", "quick", "--out", "q").lags().contains(
        30), "the quick preset tries the lesson's lag 30");
  }

  private static LearnConfig config(String... args) {
    LearnCommand c = new LearnCommand();
    new CommandLine(c).parseArgs(args);
    return c.config();
  }

  private static String header(Path npy) throws Exception {
    byte[] b = Files.readAllBytes(npy);
    return new String(b, 0, Math.min(b.length, 128), StandardCharsets.ISO_8859_1);
  }
}
