package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bpttbench.io.NpyArray;
import org.bpttbench.io.NpyReader;
import org.bpttbench.io.NpyWriter;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.SequenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradnorm} and {@code train} with {@code --cell lru} and {@code --cell attention}: a
 * PyTorch export of the LRU (the {@code lru_long} fixture of
 * {@code src/test/python/lru_attention_fixtures.py}, 60 steps on the long-range ring) gives
 * PyTorch's loss, gradients and per-step norms; generated models round trip through their
 * {@code model/}; training lowers the loss and writes the parameters back under their names;
 * what does not apply is refused in one line with status 2.
 */
class SequenceCommandsTest {
  @TempDir Path tmp;

  private static Path fixture(String name) throws Exception {
    return Path.of(SequenceCommandsTest.class.getResource("/torch/" + name).toURI());
  }

  /** The lru_long fixture as a user exports it: parameters, read-out, inputs.npy [T×I]. */
  private Path exportLruLong() throws Exception {
    Path src = fixture("lru_long");
    Path model = Files.createDirectories(tmp.resolve("lru_long"));
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (!n.startsWith("expected_") && !n.equals("inputs.npy") && !n.equals("targets.npy")) {
          Files.copy(f, model.resolve(n));
        }
      }
    }
    NpyArray x = NpyReader.read(src.resolve("inputs.npy")); // [T, 1, I]
    NpyWriter.write(model.resolve("inputs.npy"), new int[] {x.shape()[0], x.shape()[2]},
        x.data());
    return model;
  }

  private static JsonObject summary(Path dir) throws Exception {
    return JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
        .getAsJsonObject();
  }

  @Test
  void gradnormOnAnExportedLruGivesPyTorchsLossGradientsAndNorms() throws Exception {
    Path model = exportLruLong();
    Path src = fixture("lru_long");
    int target = Math.round(NpyReader.read(src.resolve("targets.npy")).data()[0]);
    for (Kernels k : KernelProvider.available()) {
      Path out = tmp.resolve("g-" + k.name());
      CliRunner r = CliRunner.run("gradnorm", "--cell", "lru", "--model", model.toString(),
          "--target", Integer.toString(target), "--backend", k.name(), "--out", out.toString());
      assertEquals(0, r.status, r.err);
      JsonObject s = summary(out);
      assertEquals("lru", s.get("cell").getAsString());
      assertEquals("h_t", s.get("gradient").getAsString());
      float torchLoss = NpyReader.read(src.resolve("expected_loss.npy")).data()[0];
      assertEquals(torchLoss, s.get("loss").getAsDouble(), 1e-4 * (1 + Math.abs(torchLoss)));
      for (String p : List.of("nu_log", "theta_log", "gamma_log", "B_re", "B_im", "C_re",
          "C_im", "D", "out_weight", "out_bias")) {
        float[] ours = NpyReader.read(out.resolve("grad_" + p + ".npy")).data();
        float[] torch = NpyReader.read(src.resolve("expected_grad_" + p + ".npy")).data();
        assertEquals(torch.length, ours.length, p);
        for (int i = 0; i < ours.length; i++) {
          assertEquals(torch[i], ours[i], 1e-4 * (1 + Math.abs(torch[i])), p + "[" + i + "]");
        }
      }
      float[] norms = NpyReader.read(src.resolve("expected_norms.npy")).data();
      List<String> csv = Files.readAllLines(out.resolve("gradnorm.csv"));
      assertEquals("t,grad_norm", csv.get(0));
      assertEquals(61, csv.size());
      for (int t = 1; t <= 60; t++) {
        double ours = Double.parseDouble(csv.get(t).split(",")[1]);
        assertEquals(norms[t - 1], ours, 1e-3 * norms[t - 1], "t = " + t);
      }
      assertTrue(s.get("max_modulus").getAsDouble() < 1);
      assertTrue(s.get("parameter_gradients_finite").getAsBoolean());
    }
  }

  @Test
  void generatedAttentionRoundTripsThroughItsModelDirectory() throws Exception {
    Path first = tmp.resolve("att");
    CliRunner r = CliRunner.run("gradnorm", "--cell", "attention", "--heads", "2", "--hidden",
        "8", "--input", "3", "--classes", "4", "--steps", "12", "--out", first.toString());
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("||dL_T/dx_T||"), r.out);
    JsonObject s = summary(first);
    assertEquals("x_t", s.get("gradient").getAsString());
    assertEquals(2, s.get("heads").getAsInt());
    assertEquals(12, Files.readAllLines(first.resolve("gradnorm.csv")).size() - 1);
    Path again = tmp.resolve("att-again");
    r = CliRunner.run("gradnorm", "--cell", "attention", "--heads", "2", "--model",
        first.resolve("model").toString(), "--out", again.toString());
    assertEquals(0, r.status, r.err);
    assertEquals(Files.readAllLines(first.resolve("gradnorm.csv")),
        Files.readAllLines(again.resolve("gradnorm.csv")));
    assertArrayEquals(NpyReader.read(first.resolve("grad_in_proj_weight.npy")).data(),
        NpyReader.read(again.resolve("grad_in_proj_weight.npy")).data());
    assertEquals(s.get("loss").getAsDouble(), summary(again).get("loss").getAsDouble(), 0);
  }

  @Test
  void trainLowersTheLossAndWritesTheParametersBackUnderTheirNames() throws Exception {
    Path data = tmp.resolve("data");
    assertEquals(0, CliRunner.run("task", "--task", "agreement", "--lag", "3", "--steps", "8",
        "--count", "64", "--out", data.toString()).status);
    for (String cell : List.of("lru", "attention")) {
      Path gen = tmp.resolve("gen-" + cell);
      CliRunner g = CliRunner.run("gradnorm", "--cell", cell, "--hidden", "16", "--input", "43",
          "--classes", "2", "--steps", "8", "--out", gen.toString());
      assertEquals(0, g.status, g.err);
      Path out = tmp.resolve("trained-" + cell);
      CliRunner r = CliRunner.run("train", "--cell", cell, "--model",
          gen.resolve("model").toString(), "--data", data.toString(), "--batch", "16",
          "--updates", "40", "--optimizer", "adam", "--lr", "0.02", "--clip-norm", "1.0",
          "--backend", "scalar", "--out", out.toString());
      assertEquals(0, r.status, r.err);
      assertTrue(r.out.contains("40 optimizer steps"), r.out);
      List<String> csv = Files.readAllLines(out.resolve("train.csv"));
      assertEquals(41, csv.size());
      double firstLoss = Double.parseDouble(csv.get(1).split(",")[1]);
      double lastLoss = Double.parseDouble(csv.get(40).split(",")[1]);
      assertTrue(lastLoss < 0.5 * firstLoss, cell + ": " + firstLoss + " -> " + lastLoss);
      SequenceKind kind = SequenceKind.fromId(cell);
      var before = SequenceModelFiles.loadParameters(gen.resolve("model"), kind, false);
      var after = SequenceModelFiles.loadParameters(out.resolve("model"), kind, false);
      assertEquals(before.parameters().size(), after.parameters().size());
      for (int i = 0; i < before.parameters().size(); i++) {
        assertEquals(before.parameters().get(i).name(), after.parameters().get(i).name());
        assertArrayEquals(before.parameters().get(i).shape(), after.parameters().get(i).shape());
      }
      assertFalse(java.util.Arrays.equals(before.outWeight().data(),
          after.outWeight().data()), "the read-out trained too");
      JsonObject s = summary(out);
      assertEquals(cell, s.get("cell").getAsString());
      assertEquals(0, s.get("tbptt").getAsInt());
      assertTrue(s.get("finite").getAsBoolean());
      // scalar: the same run again is bit for bit the same
      Path twice = tmp.resolve("twice-" + cell);
      assertEquals(0, CliRunner.run("train", "--cell", cell, "--model",
          gen.resolve("model").toString(), "--data", data.toString(), "--batch", "16",
          "--updates", "40", "--optimizer", "adam", "--lr", "0.02", "--clip-norm", "1.0",
          "--backend", "scalar", "--out", twice.toString()).status);
      assertEquals(csv, Files.readAllLines(twice.resolve("train.csv")));
    }
  }

  @Test
  void whatDoesNotApplyIsRefusedInOneLine() throws Exception {
    Path model = exportLruLong();
    Path out = tmp.resolve("refused");
    String[][] cases = {
        {"option --tbptt is not supported for --cell lru", "train", "--cell", "lru", "--model",
            model.toString(), "--data", model.toString(), "--batch", "1", "--updates", "1",
            "--optimizer", "sgd", "--lr", "0.1", "--tbptt", "5"},
        {"option --heads applies to --cell attention only", "gradnorm", "--cell", "lru",
            "--model", model.toString(), "--heads", "2"},
        {"option --heads applies to --cell attention only", "gradnorm", "--cell", "gru",
            "--heads", "2"},
        {"option --rho does not apply to --cell attention", "gradnorm", "--cell", "attention",
            "--rho", "2"},
        {"option --activation does not apply to --cell lru", "train", "--cell", "lru",
            "--model", model.toString(), "--data", model.toString(), "--batch", "1",
            "--updates", "1", "--optimizer", "sgd", "--lr", "0.1", "--activation", "relu"},
        {"--cell lru is a sequence model; this command takes a recurrent cell", "jacobian",
            "--cell", "lru"},
        {"embed_dim 8 is not divisible by 3 heads", "gradnorm", "--cell", "attention",
            "--hidden", "8", "--heads", "3"},
        {"unknown cell 'tree' (expected rnn, gru, lstm, lru or attention)", "gradnorm",
            "--cell", "tree"}};
    for (String[] c : cases) {
      String[] argv = Stream.concat(Stream.of(c).skip(1), Stream.of("--out", out.toString()))
          .toArray(String[]::new);
      CliRunner r = CliRunner.run(argv);
      String what = String.join(" ", argv) + " -> " + r.err;
      assertEquals(2, r.status, what);
      assertTrue(r.oneLineError() && r.err.contains(c[0]), what);
      assertFalse(Files.exists(out), what);
    }
  }
}
