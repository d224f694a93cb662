package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.io.NpyReader;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradnormCommandTest {
  @TempDir Path tmp;

  private CliRunner gradnorm(String... extra) {
    String[] argv = new String[extra.length + 1];
    argv[0] = "gradnorm";
    System.arraycopy(extra, 0, argv, 1, extra.length);
    return CliRunner.run(argv);
  }

  @Test
  void aStackExportedByNameGivesEveryLayersCurveAndPyTorchsGradients() throws Exception {
    Path model = Path.of(getClass().getResource("/torch/stack/gru-l3-bi").toURI());
    Path out = tmp.resolve("stack");
    CliRunner r = gradnorm("--cell", "gru", "--model", model.toString(), "--target", "1",
        "--out", out.toString());
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("3 layers, bidirectional"), r.out);
    List<String> rows = Files.readAllLines(out.resolve("gradnorm_layers.csv"));
    assertEquals("layer,direction,t,grad_norm", rows.get(0));
    float[] torch = NpyReader.read(model.resolve("expected_layer_norms.npy")).data(); // [3, 2, 5]
    assertEquals(torch.length + 1, rows.size());
    for (int i = 0; i < torch.length; i++) {
      String[] row = rows.get(i + 1).split(",");
      int l = i / 10;
      int d = i / 5 % 2;
      assertEquals(List.of(String.valueOf(l), d == 0 ? "forward" : "reverse",
          String.valueOf(i % 5 + 1)), List.of(row[0], row[1], row[2]), rows.get(i + 1));
      assertEquals(torch[i], Double.parseDouble(row[3]), 1e-4 * (1 + torch[i]), rows.get(i + 1));
    }
    assertTrue(Files.isRegularFile(out.resolve("gradnorm_layers.png")));
    // gradnorm.csv is the last layer's forward curve, as for one layer
    List<String> last = Files.readAllLines(out.resolve("gradnorm.csv"));
    for (int t = 1; t <= 5; t++) {
      assertEquals(torch[20 + t - 1], Double.parseDouble(last.get(t).split(",")[1]),
          1e-4 * (1 + torch[20 + t - 1]), "t=" + t);
    }
    for (String name : List.of("weight_ih_l2_reverse", "weight_hh_l0", "out_weight")) {
      float[] want = NpyReader.read(model.resolve("expected_grad_" + name + ".npy")).data();
      float[] got = NpyReader.read(out.resolve("grad_" + name + ".npy")).data();
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), name + "[" + i + "]");
      }
    }
  }

  @Test
  void aStackWithAMissingOrMisshapedFileIsRefusedNamingIt() throws Exception {
    Path fixture = Path.of(getClass().getResource("/torch/stack/lstm-l2-bi").toURI());
    String[][] breakages = {
        {"weight_hh_l1_reverse.npy", "delete", "weight_hh_l1_reverse.npy: missing"},
        {"bias_ih_l1.npy", "delete", "bias_ih_l1.npy"},
        {"weight_ih_l1.npy", "weight_ih_l0.npy", "weight_ih_l1.npy: shape (16, 3)"},
        {"weight_hh.npy", "weight_hh_l0.npy", "weight_hh.npy: present beside weight_hh_l0.npy"},
        {"weight_hr_l0.npy", "weight_hh_l0.npy", "weight_hr_l0.npy: an LSTM projection"}};
    for (String[] b : breakages) {
      Path dir = Files.createDirectories(tmp.resolve("broken-" + b[0]));
      try (var files = Files.list(fixture)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      if (b[1].equals("delete")) {
        Files.delete(dir.resolve(b[0]));
      } else {
        Files.copy(dir.resolve(b[1]), dir.resolve(b[0]),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Path out = tmp.resolve("out-" + b[0]);
      CliRunner r = gradnorm("--cell", "lstm", "--model", dir.toString(), "--out",
          out.toString());
      assertEquals(2, r.status, b[0] + ": " + r.err);
      assertEquals(1, r.err.strip().lines().count(), r.err);
      assertTrue(r.err.contains(b[2]), b[0] + ": " + r.err);
      assertFalse(Files.exists(out), b[0]);
    }
  }

  @Test
  void generatedModelWritesCurveGradientsSummaryAndReusableModel() throws IOException {
    Path out = tmp.resolve("gen");
    CliRunner r = gradnorm("--out", out.toString(), "--hidden", "12", "--input", "5",
        "--classes", "4", "--steps", "20", "--rho", "0.9", "--init", "gauss", "--backend", "scalar");
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(out.resolve("gradnorm.csv"));
    assertEquals("t,grad_norm", csv.get(0));
    assertEquals(21, csv.size());
    assertTrue(csv.get(20).startsWith("20,"));
    for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "out_weight", "out_bias")) {
      assertTrue(Files.exists(out.resolve("grad_" + p + ".npy")), p);
      assertTrue(Files.exists(out.resolve("model").resolve(p + ".npy")), p);
    }
    assertArrayEquals(new int[] {12, 12},
        NpyReader.read(out.resolve("grad_weight_hh.npy")).shape());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"decades_per_10_steps\""), summary);

    // The saved model reproduces the run exactly, on every backend.
    for (Kernels k : KernelProvider.available()) {
      Path again = tmp.resolve("again-" + k.name());
      CliRunner r2 = gradnorm("--model", out.resolve("model").toString(), "--out", again.toString(),
          "--backend", k.name());
      assertEquals(0, r2.status, r2.err);
      List<String> csv2 = Files.readAllLines(again.resolve("gradnorm.csv"));
      for (int t = 1; t <= 20; t++) {
        double a = Double.parseDouble(csv.get(t).split(",")[1]);
        double b = Double.parseDouble(csv2.get(t).split(",")[1]);
        assertEquals(a, b, 1e-4 * a, k.name() + " t=" + t);
      }
    }
  }

  @Test
  void badInputGivesOneLineAndStatus2() throws IOException {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    String[][] cases = {
        {"--out", tmp.resolve("a").toString(), "--bogus", "1"},
        {"--out", tmp.resolve("b").toString(), "--hidden", "0"},
        {"--out", tmp.resolve("c").toString(), "--hidden", "abc"},
        {"--out", tmp.resolve("d").toString(), "--steps"},
        {"--out", tmp.resolve("e").toString(), "--classes", "3", "--target", "3"},
        {"--out", tmp.resolve("f").toString(), "--cell", "transformer"},
        {"--out", file.toString(), "--hidden", "4"},
        {"--out", tmp.resolve("g").toString(), "--model", tmp.resolve("missing").toString()},
        {"--out", tmp.resolve("h").toString(), "--rho", "nan"},
        {"--hidden", "4"},
    };
    for (String[] c : cases) {
      CliRunner r = gradnorm(c);
      assertEquals(2, r.status, String.join(" ", c) + " -> " + r.err);
      assertTrue(r.oneLineError(), String.join(" ", c) + " -> " + r.err);
      assertFalse(r.err.contains("Exception"), r.err);
    }
    assertEquals("x", Files.readString(file), "an output path that is a file is left alone");
  }

  @Test
  void modelOfAnotherCellIsRefusedNamingFileFoundAndExpectedShape() {
    Path gru = tmp.resolve("gru");
    assertEquals(0, gradnorm("--cell", "gru", "--out", gru.toString(), "--hidden", "5",
        "--input", "3", "--steps", "4", "--backend", "scalar").status);
    CliRunner r = gradnorm("--cell", "lstm", "--model", gru.resolve("model").toString(),
        "--out", tmp.resolve("x").toString());
    assertEquals(2, r.status, r.err);
    assertTrue(r.oneLineError(), r.err);
    assertTrue(r.err.contains("weight_hh.npy") && r.err.contains("(15, 5)")
        && r.err.contains("lstm"), r.err);
  }

  @Test
  void nonFiniteWeightsAreRefusedUnlessAllowedAndThenShownHonestly() throws IOException {
    Path gen = tmp.resolve("nan-src");
    assertEquals(0, gradnorm("--out", gen.toString(), "--hidden", "4", "--input", "2",
        "--steps", "6", "--backend", "scalar").status);
    Path model = gen.resolve("model");
    float[] w = NpyReader.read(model.resolve("weight_hh.npy")).data();
    w[5] = Float.NaN;
    org.bpttbench.io.NpyWriter.write(model.resolve("weight_hh.npy"), new int[] {4, 4}, w);

    CliRunner refused = gradnorm("--model", model.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, refused.status, refused.err);
    assertTrue(refused.oneLineError(), refused.err);
    assertTrue(refused.err.contains("weight_hh.npy") && refused.err.contains("(1, 1)")
        && refused.err.contains("--allow-nonfinite"), refused.err);

    Path allowed = tmp.resolve("allowed");
    CliRunner r = gradnorm("--model", model.toString(), "--out", allowed.toString(),
        "--allow-nonfinite", "--backend", "scalar");
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(allowed.resolve("gradnorm.csv"));
    assertTrue(csv.get(1).endsWith(",nan"), csv.get(1));
  }

  @Test
  void lstmCurveHasCellGradientColumn() throws IOException {
    Path out = tmp.resolve("lstm");
    assertEquals(0, gradnorm("--cell", "lstm", "--out", out.toString(), "--hidden", "6",
        "--steps", "10", "--backend", "scalar").status);
    List<String> csv = Files.readAllLines(out.resolve("gradnorm.csv"));
    assertEquals("t,grad_norm,cell_grad_norm", csv.get(0));
    assertTrue(Double.parseDouble(csv.get(10).split(",")[2]) > 0, csv.get(10));
  }

  @Test
  void failedRunLeavesEarlierOutputIntact() throws IOException {
    Path out = tmp.resolve("keep");
    assertEquals(0, gradnorm("--out", out.toString(), "--hidden", "4", "--steps", "5",
        "--backend", "scalar").status);
    String before = Files.readString(out.resolve("gradnorm.csv"));
    CliRunner bad = gradnorm("--out", out.toString(), "--model", tmp.resolve("nope").toString());
    assertEquals(2, bad.status);
    assertEquals(before, Files.readString(out.resolve("gradnorm.csv")));
    try (var s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")),
          "no staging directory left behind");
    }
  }
}
