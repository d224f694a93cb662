package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.cell.Model;
import org.bpttbench.io.IntegerNpy;
import org.bpttbench.io.NpyReader;
import org.bpttbench.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} end to end on PyTorch's own runs ({@code src/test/python/train_fixtures.py}): the
 * initial model and data as a PyTorch user exports them (targets int64), trained here with the
 * run's options, must give PyTorch's loss curve (1e-5 relative) and final parameters (within
 * 2e-5 of each tensor's total change; see TorchTrainingTest for why); and bad input is refused
 * with one line and status 2, writing nothing.
 */
class TrainCommandTest {
  @TempDir Path tmp;

  /** Copies a fixture run's initial model and the data (targets as int64) into tmp. */
  private Path[] export(String run, String loss) throws IOException, URISyntaxException {
    Path fixtures = Path.of(getClass().getResource("/torch/train").toURI());
    Path model = Files.createDirectories(tmp.resolve("model"));
    for (String p : Model.PARAMETER_NAMES) {
      Files.copy(fixtures.resolve(run).resolve(p + ".npy"), model.resolve(p + ".npy"));
    }
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.copy(fixtures.resolve("data/inputs.npy"), data.resolve("inputs.npy"));
    var y = NpyReader.read(fixtures.resolve("data/targets_" + loss + ".npy"));
    long[] classes = new long[y.size()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = (long) y.data()[i];
    }
    int[] s = y.shape();
    IntegerNpy.int64(data.resolve("targets.npy"),
        s.length == 1 ? "(" + s[0] + ",)" : "(" + s[0] + ", " + s[1] + ")", classes);
    return new Path[] {fixtures.resolve(run), model, data};
  }

  @Test
  void trainingTheExportedGruMatchesPyTorchAndWritesLoadableParameters() throws Exception {
    Path[] p = export("tbptt-gru-all", "all");
    Path out = tmp.resolve("out");
    CliRunner r = CliRunner.run("train", "--cell", "gru", "--model", p[1].toString(), "--data",
        p[2].toString(), "--loss", "all", "--batch", "4", "--updates", "20", "--optimizer",
        "adam", "--lr", "0.01", "--clip-norm", "0.1", "--tbptt", "4", "--out", out.toString());
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("60 optimizer steps"), r.out);
    List<String> csv = Files.readAllLines(out.resolve("train.csv"));
    assertEquals("update,loss,grad_norm", csv.get(0));
    float[] torchLoss = NpyReader.read(p[0].resolve("loss.npy")).data();
    assertEquals(torchLoss.length + 1, csv.size());
    for (int i = 0; i < torchLoss.length; i++) {
      String[] row = csv.get(i + 1).split(",");
      assertEquals(String.valueOf(i + 1), row[0]);
      assertEquals(torchLoss[i], Double.parseDouble(row[1]), 1e-5 * torchLoss[i], csv.get(i + 1));
    }
    for (String name : Model.PARAMETER_NAMES) {
      float[] start = NpyReader.read(p[1].resolve(name + ".npy")).data();
      float[] want = NpyReader.read(p[0].resolve("final_" + name + ".npy")).data();
      float[] got = NpyReader.read(out.resolve("model").resolve(name + ".npy")).data();
      double change = 0;
      double diff = 0;
      for (int i = 0; i < want.length; i++) {
        change = Math.max(change, Math.abs(want[i] - start[i]));
        diff = Math.max(diff, Math.abs(got[i] - want[i]));
      }
      assertTrue(diff <= 2e-5 * change, name + ": " + diff + " vs change " + change);
    }
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"optimizer_steps\": 60") && summary.contains("\"tbptt\": 4"),
        summary);
  }

  @Test
  void aBidirectionalLstmStackExportedByNameTrainsLikePyTorchAndIsWrittenBackInItsNames()
      throws Exception {
    Path fixtures = Path.of(getClass().getResource("/torch/train").toURI());
    Path run = fixtures.resolve("adam-lstm-l2-bi");
    Path model = Files.createDirectories(tmp.resolve("stack"));
    List<String> names = new java.util.ArrayList<>();
    try (var files = Files.list(run)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.endsWith(".npy") && !n.startsWith("final_") && !n.equals("loss.npy")
            && !n.equals("grad_norm.npy")) {
          Files.copy(f, model.resolve(n));
          names.add(n);
        }
      }
    }
    assertEquals(18, names.size(), names.toString()); // 2 layers × 2 directions × 4, out_*
    Path data = export("adam-lstm", "final")[2];
    Path out = tmp.resolve("stack-out");
    CliRunner r = CliRunner.run("train", "--cell", "lstm", "--model", model.toString(), "--data",
        data.toString(), "--batch", "4", "--updates", "20", "--optimizer", "adam", "--lr", "0.01",
        "--clip-norm", "1.0", "--out", out.toString());
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(out.resolve("train.csv"));
    float[] torchLoss = NpyReader.read(run.resolve("loss.npy")).data();
    for (int i = 0; i < torchLoss.length; i++) {
      double ours = Double.parseDouble(csv.get(i + 1).split(",")[1]);
      assertEquals(torchLoss[i], ours, 1e-5 * torchLoss[i], csv.get(i + 1));
    }
    for (String n : names) {
      float[] start = NpyReader.read(model.resolve(n)).data();
      float[] want = NpyReader.read(run.resolve("final_" + n)).data();
      float[] got = NpyReader.read(out.resolve("model").resolve(n)).data();
      double change = 0;
      double diff = 0;
      for (int i = 0; i < want.length; i++) {
        change = Math.max(change, Math.abs(want[i] - start[i]));
        diff = Math.max(diff, Math.abs(got[i] - want[i]));
      }
      assertTrue(change > 0 ? diff <= 2e-5 * change : diff == 0,
          n + ": " + diff + " vs change " + change);
    }
  }

  @Test
  void badInputIsOneLineStatusTwoAndNoOutput() throws Exception {
    Path[] p = export("adam-lstm", "final");
    String[] base = {"train", "--model", p[1].toString(), "--data",
        p[2].toString(), "--batch", "4", "--updates", "2", "--optimizer", "adam", "--lr", "0.01",
        "--out", tmp.resolve("out").toString()};
    List<String> lstm = List.of("--cell", "lstm");
    expectRefusal(base, List.of("--cell", "lstm", "--loss", "all"),
        "targets.npy: shape (10,) (expected (10, 10)");
    expectRefusal(base, List.of("--cell", "lstm", "--momentum", "0.9"),
        "option --momentum does not apply to --optimizer adam");
    expectRefusal(base, List.of("--cell", "gru"), "does not fit a gru cell");
    String[] huge = base.clone();
    huge[java.util.Arrays.asList(base).indexOf("--batch") + 1] = "300000000";
    expectRefusal(huge, lstm, "needs an array longer than Java allows");
    IntegerNpy.int64(p[2].resolve("targets.npy"), "(10,)", 0, 1, 2, 3, 4, 0, 1, 2, 3, 0);
    expectRefusal(base, lstm, "targets: class 4 at flat index 4 outside 0..3");
    float[] x = NpyReader.read(p[2].resolve("inputs.npy")).data();
    x[5] = Float.NaN;
    NpyWriter.write(p[2].resolve("inputs.npy"), new int[] {10, 10, 3}, x);
    expectRefusal(base, lstm, "inputs.npy");
  }

  private void expectRefusal(String[] base, List<String> extra, String message) {
    String[] argv = java.util.stream.Stream.concat(java.util.Arrays.stream(base), extra.stream())
        .toArray(String[]::new);
    CliRunner r = CliRunner.run(argv);
    assertEquals(2, r.status, r.err);
    assertTrue(r.oneLineError() && r.err.contains(message), r.err);
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }
}
