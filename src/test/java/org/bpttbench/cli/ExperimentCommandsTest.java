package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every experiment runs on small sizes and writes its files; bad input is one line, status 2. */
class ExperimentCommandsTest {
  @TempDir Path tmp;

  private static void assertPng(Path p) throws IOException {
    assertTrue(Files.exists(p), p.toString());
    byte[] b = Files.readAllBytes(p);
    assertTrue(b.length > 1000 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N'
        && b[3] == 'G', p + " is not a PNG");
  }

  private static JsonObject summary(Path dir) throws IOException {
    return JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
  }

  @Test
  void curves() throws IOException {
    for (Kernels k : KernelProvider.available()) {
      Path out = tmp.resolve("curves-" + k.name());
      CliRunner r = CliRunner.run("curves", "--out", out.toString(), "--hidden", "8", "--input",
          "3", "--classes", "4", "--steps", "12", "--backend", k.name());
      assertEquals(0, r.status, r.err);
      List<String> csv = Files.readAllLines(out.resolve("curves.csv"));
      assertEquals("t,rnn,gru,lstm,lru,attention", csv.get(0));
      assertEquals(13, csv.size());
      for (String row : csv.subList(1, csv.size())) {
        String[] f = row.split(",", -1);
        assertEquals(6, f.length, row);
        for (int c = 1; c < 6; c++) {
          assertTrue(Double.parseDouble(f[c]) > 0, row);
        }
      }
      assertPng(out.resolve("curves.png"));
      JsonObject s = summary(out);
      JsonObject rnn = s.getAsJsonObject("cells").getAsJsonObject("rnn");
      assertTrue(rnn.has("decades_per_10_steps_measured"), s.toString());
      assertEquals("orthogonal", s.get("init").getAsString());
      for (String cell : new String[] {"gru", "lstm"}) {
        JsonObject c = s.getAsJsonObject("cells").getAsJsonObject(cell);
        // either measured or honestly skipped, never both
        assertTrue(c.has("skipped") != c.has("decades_per_10_steps_measured"), c.toString());
      }
      JsonObject lru = s.getAsJsonObject("models").getAsJsonObject("lru");
      assertEquals("h_t", lru.get("gradient").getAsString());
      assertEquals("ring long-range", lru.get("init").getAsString());
      JsonObject att = s.getAsJsonObject("models").getAsJsonObject("attention");
      assertEquals("x_t", att.get("gradient").getAsString());
      assertTrue(Double.isFinite(att.get("decades_per_10_steps_measured").getAsDouble()));
      assertEquals(2, s.getAsJsonArray("lru_spectrum").size());
    }
  }

  /** Small input, tanh, zero biases: the lag-20 ratio is ρ^20 (rel 1e-2). */
  @Test
  void sweepMatchesRhoToTheLagInTheLinearRegime() throws IOException {
    for (Kernels k : KernelProvider.available()) {
      Path out = tmp.resolve("sweep-" + k.name());
      CliRunner r = CliRunner.run("sweep", "--out", out.toString(), "--hidden", "16", "--input",
          "4", "--classes", "5", "--steps", "30", "--rhos", "0.5,0.7,0.9,1.0,1.1",
          "--linear-scale", "1e-4", "--backend", k.name());
      assertEquals(0, r.status, r.err);
      List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
      assertEquals("activation,regime,rho,lag,ratio,prediction", csv.get(0));
      assertEquals(1 + 2 * 2 * 5 * 30, csv.size());
      int checked = 0;
      for (String row : csv) {
        String[] f = row.split(",");
        if (f[0].equals("tanh") && f[1].equals("small-input") && f[3].equals("20")) {
          double rho = Double.parseDouble(f[2]);
          double ratio = Double.parseDouble(f[4]);
          assertEquals(Math.pow(rho, 20), ratio, 1e-2 * Math.pow(rho, 20), k.name() + " " + row);
          assertEquals(Math.pow(rho, 20), Double.parseDouble(f[5]), 1e-4 * Math.pow(rho, 20));
          checked++;
        }
      }
      assertEquals(5, checked);
      for (String act : new String[] {"tanh", "relu"}) {
        for (String regime : new String[] {"small-input", "large-input"}) {
          assertPng(out.resolve("sweep_" + act + "_" + regime + ".png"));
        }
      }
      assertEquals(20, summary(out).getAsJsonArray("runs").size());
    }
  }

  @Test
  void saturation() throws IOException {
    Path out = tmp.resolve("sat");
    CliRunner r = CliRunner.run("saturation", "--out", out.toString(), "--hidden", "8",
        "--input", "3", "--classes", "4", "--steps", "32", "--scales", "0.01,1,30");
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(out.resolve("saturation.csv"));
    assertEquals("input_scale,saturated_fraction,mean_tanh_derivative,survive_10,survive_30",
        csv.get(0));
    assertEquals(4, csv.size());
    double low = Double.parseDouble(csv.get(1).split(",")[1]);
    double high = Double.parseDouble(csv.get(3).split(",")[1]);
    assertTrue(high > low, "saturation must grow with the input scale: " + csv);
    double s30low = Double.parseDouble(csv.get(1).split(",")[4]);
    double s30high = Double.parseDouble(csv.get(3).split(",")[4]);
    assertTrue(s30high < s30low, "less gradient survives when saturated: " + csv);
    assertPng(out.resolve("saturation.png"));
    assertPng(out.resolve("saturation_vs_scale.png"));
    assertEquals(0.99, summary(out).get("saturation_threshold_abs_h").getAsDouble());
  }

  @Test
  void jacobian() throws IOException {
    Path out = tmp.resolve("jac");
    CliRunner r = CliRunner.run("jacobian", "--out", out.toString(), "--hidden", "8",
        "--input", "3", "--classes", "4", "--steps", "10");
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(out.resolve("jacobian.csv"));
    assertEquals("lag,norm2,spectral_radius,rho_pow_lag,sigma_max_pow_lag", csv.get(0));
    assertEquals(12, csv.size());
    String[] lag0 = csv.get(1).split(",");
    assertEquals("0", lag0[0]);
    assertEquals(1.0, Double.parseDouble(lag0[1]), 1e-6, "P(T,T) = I");
    assertEquals(1.0, Double.parseDouble(lag0[2]), 1e-6, "P(T,T) = I");
    List<String> le = Files.readAllLines(out.resolve("lyapunov.csv"));
    assertEquals(9, le.size());
    assertPng(out.resolve("jacobian.png"));
    assertPng(out.resolve("lyapunov.png"));
    // tanh: every step's Jacobian norm is at most σ_max(W_hh), so the product stays below σ_max^k
    for (String row : csv.subList(1, csv.size())) {
      String[] f = row.split(",");
      assertTrue(Double.parseDouble(f[1]) <= Double.parseDouble(f[4]) * (1 + 1e-4), row);
    }
  }

  @Test
  void clipShowsDivergenceHonestlyAndClippedNormsAreAtMostMaxNorm() throws IOException {
    Path out = tmp.resolve("clip");
    CliRunner r = CliRunner.run("clip", "--out", out.toString(), "--hidden", "16", "--input",
        "4", "--classes", "5", "--steps", "20", "--updates", "6", "--max-norm", "0.5");
    assertEquals(0, r.status, r.err);
    List<String> csv = Files.readAllLines(out.resolve("clip.csv"));
    assertEquals("update,loss_plain,grad_norm_plain,loss_clipped,grad_norm_before_clip,"
        + "grad_norm_after_clip", csv.get(0));
    assertEquals(8, csv.size());
    String[] first = csv.get(1).split(",");
    assertEquals(first[1], first[3], "both runs start from the same model");
    for (String row : csv.subList(1, csv.size())) {
      String[] f = row.split(",");
      double before = Double.parseDouble(f[4]);
      double after = Double.parseDouble(f[5]);
      if (Double.isFinite(before)) {
        assertTrue(after <= Math.min(before, 0.5) * (1 + 1e-5), row);
      }
    }
    assertPng(out.resolve("clip_grad_norm.png"));
    assertPng(out.resolve("clip_loss.png"));
  }

  @Test
  void badInputIsOneLineWithStatusTwoAndHelpWorks() throws IOException {
    for (String cmd : new String[] {"curves", "sweep", "saturation", "jacobian", "clip"}) {
      CliRunner h = CliRunner.run(cmd, "--help");
      assertEquals(0, h.status);
      assertTrue(h.out.startsWith("usage: ./run-bench.sh " + cmd), h.out);
      assertTrue(h.out.contains("--backend") && h.out.contains("--seed"), cmd);
      CliRunner noOut = CliRunner.run(cmd);
      assertEquals(2, noOut.status, cmd);
      assertTrue(noOut.oneLineError(), noOut.err);
      CliRunner bad = CliRunner.run(cmd, "--out", tmp.resolve("x").toString(), "--hidden", "zero");
      assertEquals(2, bad.status);
      assertTrue(bad.oneLineError() && bad.err.contains("--hidden"), bad.err);
      CliRunner unknown = CliRunner.run(cmd, "--out", tmp.resolve("x").toString(), "--bogus", "1");
      assertEquals(2, unknown.status);
      assertTrue(unknown.oneLineError(), unknown.err);
    }
    Path file = tmp.resolve("file");
    Files.writeString(file, "keep");
    CliRunner f = CliRunner.run("curves", "--out", file.toString());
    assertEquals(2, f.status);
    assertTrue(f.oneLineError() && f.err.contains("is a file"), f.err);
    assertEquals("keep", Files.readString(file));
    CliRunner rhos = CliRunner.run("sweep", "--out", tmp.resolve("y").toString(), "--rhos", "1,x");
    assertEquals(2, rhos.status);
    assertTrue(rhos.oneLineError() && rhos.err.contains("--rhos"), rhos.err);
    CliRunner steps = CliRunner.run("saturation", "--out", tmp.resolve("y").toString(), "--steps",
        "20");
    assertEquals(2, steps.status);
    assertTrue(steps.oneLineError(), steps.err);
    assertFalse(Files.exists(tmp.resolve("y")));
  }
}
