package org.bpttbench.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.experiment.ClipConfig;
import org.bpttbench.experiment.ClipResult;
import org.bpttbench.experiment.JacobianConfig;
import org.bpttbench.experiment.JacobianResult;
import org.bpttbench.experiment.SaturationConfig;
import org.bpttbench.experiment.SaturationResult;
import org.bpttbench.experiment.Setup;
import org.bpttbench.experiment.SweepConfig;
import org.bpttbench.experiment.SweepResult;
import org.bpttbench.experiment.SweepResult.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary records of sweep, clip, jacobian and saturation from hand-made results: written
 * with {@link Json#writeRecord} and read back with {@link Json#read}, each equals what was written
 * (nan, inf, nulls and numbers beyond double's range included), under the keys, in the order,
 * summary.json has always had.
 */
class SummaryRecordsTest {
  @TempDir Path tmp;

  private <T> T roundTrip(T summary, Class<T> type) throws Exception {
    Path f = tmp.resolve(type.getSimpleName() + ".json");
    Json.writeRecord(f, summary);
    T back = Json.read(f, type);
    assertEquals(summary, back, java.nio.file.Files.readString(f));
    return back;
  }

  private JsonObject written(Object summary) throws Exception {
    Path f = tmp.resolve("written.json");
    Json.writeRecord(f, summary);
    return Json.read(f).getAsJsonObject();
  }

  private static List<String> keys(JsonObject o) {
    return List.copyOf(o.keySet());
  }

  private static final List<String> SETUP = List.of("experiment", "backend", "seed", "hidden",
      "input", "classes", "steps", "init", "rho");

  private static List<String> setupAnd(String... more) {
    List<String> all = new java.util.ArrayList<>(SETUP);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void sweepRoundTrips() throws Exception {
    int steps = 30;
    Setup s = new Setup(8, 4, 5, steps, InitScheme.ORTHOGONAL, 1.0, 7);
    double[] tiny = new double[steps];
    double[] flat = new double[steps];
    for (int k = 0; k < steps; k++) {
      tiny[k] = -20.0 * k; // 1e-400 at lag 20: beyond double's range
    }
    SweepResult r = new SweepResult(new SweepConfig(s, new double[] {1e-20, 1.0}, 1e-3, 5, -1),
        "scalar", List.of(
            new SweepResult.Run(Activation.TANH, Regime.SMALL_INPUT, 1e-20, 1e-20, 1e-20, tiny,
                1.0, 1e-3, 2),
            new SweepResult.Run(Activation.RELU, Regime.LARGE_INPUT, 1.0, 1.0,
                Double.POSITIVE_INFINITY, flat, Double.NaN, Double.NEGATIVE_INFINITY, 4)));
    SweepSummary summary = SweepSummary.of(r);
    SweepSummary back = roundTrip(summary, SweepSummary.class);

    JsonObject json = written(summary);
    List<String> top = setupAnd("biases", "small_input_scale", "large_input_scale", "probe_lag",
        "tanh_reference", "relu_reference", "runs");
    top.remove("rho"); // the sweep sets its own ρ per run
    assertEquals(top, keys(json));
    assertEquals(List.of("activation", "regime", "rho", "spectral_radius_measured", "sigma_max",
        "max_abs_h", "mean_activation_derivative", "target", "ratio_at_probe_lag",
        "prediction_at_probe_lag", "measured_over_predicted", "upper_bound_at_probe_lag"),
        keys(json.getAsJsonArray("runs").get(0).getAsJsonObject()));
    JsonObject relu = json.getAsJsonArray("runs").get(1).getAsJsonObject();
    assertTrue(relu.get("prediction_at_probe_lag").isJsonNull(), "relu has no prediction");
    assertEquals("inf", relu.get("sigma_max").getAsString());
    assertEquals("nan", relu.get("mean_activation_derivative").getAsString());
    assertEquals("-inf", relu.get("max_abs_h").getAsString());

    SweepSummary.Run tanh = back.run("tanh", "small-input", 1e-20).orElseThrow();
    assertEquals("1.000000000e-400", tanh.ratioAtProbeLag());
    assertEquals(0.0, tanh.ratioAtProbeLagAsDouble());
    assertEquals(1.0, back.run("relu", "large-input", 1.0).orElseThrow()
        .ratioAtProbeLagAsDouble());
    assertTrue(back.run("relu", "small-input", 1.0).isEmpty());
  }

  @Test
  void clipRoundTrips() throws Exception {
    Setup s = new Setup(8, 4, 5, 6, InitScheme.PYTORCH, 2.5, 7);
    ClipResult r = new ClipResult(new ClipConfig(s, Activation.RELU, 0.1, 2, 1.0, 1.0, 0),
        "scalar", new double[] {3.5, Double.POSITIVE_INFINITY, Double.NaN},
        new double[] {10, 1e300, Double.NaN}, new double[] {3.5, 0.5, 0.25},
        new double[] {10, 2, 0.5}, new double[] {1, 1, 0.5});
    ClipSummary summary = ClipSummary.of(r);
    roundTrip(summary, ClipSummary.class);
    assertNull(summary.rho(), "pytorch ignores rho");
    assertEquals(1, summary.firstNonfiniteUpdatePlain());
    assertNull(summary.firstNonfiniteUpdateClipped());

    JsonObject json = written(summary);
    assertEquals(setupAnd("activation", "lr", "updates", "max_norm", "outcome_plain",
        "outcome_clipped", "first_nonfinite_update_plain", "first_nonfinite_update_clipped",
        "loss_plain_first", "loss_plain_last", "loss_clipped_last", "max_finite_grad_norm_plain",
        "max_finite_grad_norm_clipped_run_before_clip"), keys(json));
    assertTrue(json.get("rho").isJsonNull());
    assertTrue(json.get("first_nonfinite_update_clipped").isJsonNull());
    assertEquals("nan", json.get("loss_plain_last").getAsString());
    assertEquals(1e300, json.get("max_finite_grad_norm_plain").getAsDouble());
  }

  @Test
  void jacobianRoundTripsAndWritesRnnFiguresForRnnOnly() throws Exception {
    int steps = 4;
    Setup s = new Setup(4, 3, 5, steps, InitScheme.ORTHOGONAL, 1.0, 7);
    double[] norms = {0, -1, -2, -3, -500};
    for (CellKind cell : List.of(CellKind.RNN, CellKind.GRU)) {
      JacobianResult r = new JacobianResult(new JacobianConfig(s, cell, Activation.TANH, 1.0),
          "scalar", norms, norms, 1.0000001, Double.POSITIVE_INFINITY,
          new double[] {Double.POSITIVE_INFINITY, -0.5, Double.NEGATIVE_INFINITY}, Double.NaN);
      JacobianSummary summary = JacobianSummary.of(r);
      JacobianSummary back = roundTrip(summary, JacobianSummary.class);
      assertEquals("1.000000000e-500", back.norm2AtLagT());

      JsonObject json = written(summary);
      List<String> rnnKeys = List.of("activation", "w_hh_spectral_radius",
          "w_hh_largest_singular_value");
      List<String> expected = setupAnd("cell");
      if (cell == CellKind.RNN) {
        expected.addAll(rnnKeys);
      }
      expected.addAll(List.of("jacobian_size", "input_scale", "norm2_at_lag_T",
          "lyapunov_max_per_step", "lyapunov_min_per_step", "growth_rate_ln_norm_P0T_over_T",
          "note"));
      assertEquals(expected, keys(json), cell.id());
      if (cell == CellKind.RNN) {
        assertEquals("tanh", back.activation());
        assertEquals(1.0000001, back.wHhSpectralRadius());
        assertEquals("inf", json.get("w_hh_largest_singular_value").getAsString());
      } else {
        assertNull(back.activation());
        assertNull(back.wHhSpectralRadius());
        assertFalse(json.has("w_hh_spectral_radius"), "gru has no single W_hh figure");
      }
      assertEquals("inf", json.get("lyapunov_max_per_step").getAsString());
      assertEquals("-inf", json.get("lyapunov_min_per_step").getAsString());
      assertEquals("nan", json.get("growth_rate_ln_norm_P0T_over_T").getAsString());
    }
  }

  @Test
  void saturationRoundTrips() throws Exception {
    Setup s = new Setup(4, 3, 5, 31, InitScheme.PYTORCH, 1.0, 7);
    SaturationResult r = new SaturationResult(new SaturationConfig(s, new double[] {0.1, 100},
        0.99, 0), "scalar", List.of(new SaturationResult.Point(0.1, 0, 0.9, -0.3, -1.1),
            new SaturationResult.Point(100, 0.9, Double.NaN, -12, -400)));
    SaturationSummary summary = SaturationSummary.of(r);
    SaturationSummary back = roundTrip(summary, SaturationSummary.class);
    assertNull(back.rho(), "pytorch ignores rho");

    JsonObject json = written(summary);
    assertEquals(setupAnd("target", "saturation_threshold_abs_h", "runs"), keys(json));
    JsonObject high = json.getAsJsonArray("runs").get(1).getAsJsonObject();
    assertEquals(List.of("input_scale", "saturated_fraction", "mean_tanh_derivative",
        "survive_10", "survive_30"), keys(high));
    assertEquals("nan", high.get("mean_tanh_derivative").getAsString());
    assertEquals("1.000000000e-400", high.get("survive_30").getAsString());
    SaturationSummary.Run hi = back.runs().get(1);
    assertEquals(1e-12, hi.survive10AsDouble(), 1e-21);
    assertEquals(0.0, hi.survive30AsDouble());
  }
}
