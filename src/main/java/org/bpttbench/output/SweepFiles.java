package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.Activation;
import org.bpttbench.experiment.SweepConfig;
import org.bpttbench.experiment.SweepResult.Regime;
import org.bpttbench.experiment.SweepResult.Run;
import org.bpttbench.experiment.SweepResult;

/**
 * {@code sweep.csv} (the prediction column is empty where there is none: relu), one chart per
 * activation and regime {@code sweep_<act>_<regime>.png}, and {@code summary.json}.
 */
public enum SweepFiles implements ResultFiles<SweepResult> {
  INSTANCE;

  /** What the dashed line of each activation's charts is. */
  static final Map<Activation, String> REFERENCE = Map.of(
      Activation.TANH, "rho^k, the linear prediction (tanh'(0) = 1: holds for small input)",
      Activation.RELU, "sigma_max(W_hh)^k, an upper bound only: relu has no linear regime, "
          + "diag(1[h > 0]) W_hh drops the directions of the units that are off");

  @Override
  public void write(SweepResult r, Path dir) throws IOException {
    SweepConfig c = r.config();
    int steps = c.setup().steps();
    List<String> rows = new ArrayList<>();
    for (Run run : r.runs()) {
      for (int lag = 0; lag < steps; lag++) {
        double p = run.log10Prediction(lag);
        rows.add(ResultFiles.row(run.activation().id(), run.regime().id, run.rho(), lag,
            Numbers.fullLog10(run.log10Ratio()[lag]), Double.isNaN(p) ? "" : Numbers.fullLog10(p)));
      }
    }
    ResultFiles.csv(dir.resolve("sweep.csv"), "activation,regime,rho,lag,ratio,prediction", rows);
    for (Activation act : Activation.values()) {
      for (Regime regime : Regime.values()) {
        chart(r, act, regime).save(dir.resolve("sweep_" + act.id() + "_" + regime.id + ".png"));
      }
    }
    Map<String, Object> s = ResultFiles.summary("sweep", r.backend(), c.setup());
    s.remove("rho");
    s.put("biases", "zero");
    s.put("small_input_scale", c.smallScale());
    s.put("large_input_scale", c.largeScale());
    s.put("probe_lag", c.probeLag());
    s.put("tanh_reference", REFERENCE.get(Activation.TANH));
    s.put("relu_reference", REFERENCE.get(Activation.RELU) + "; with zero biases relu(a z) ="
        + " a relu(z), so both regimes have the same masks (mean_activation_derivative)");
    List<Map<String, Object>> list = new ArrayList<>();
    int probe = c.probeLag();
    for (Run run : r.runs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("activation", run.activation().id());
      m.put("regime", run.regime().id);
      m.put("rho", run.rho());
      m.put("spectral_radius_measured", run.radius());
      m.put("sigma_max", run.sigmaMax());
      m.put("max_abs_h", run.maxAbsH());
      m.put("mean_activation_derivative", run.meanDerivative());
      m.put("target", run.target());
      m.put("ratio_at_probe_lag", Numbers.fullLog10(run.log10Ratio()[probe]));
      double p = run.log10Prediction(probe);
      m.put("prediction_at_probe_lag", Double.isNaN(p) ? null : Numbers.fullLog10(p));
      m.put("measured_over_predicted", Double.isNaN(p) ? null
          : Numbers.fullLog10(run.log10Ratio()[probe] - p));
      m.put("upper_bound_at_probe_lag", Numbers.fullLog10(run.log10Bound(probe)));
      list.add(m);
    }
    s.put("runs", list);
    Json.write(dir.resolve("summary.json"), s);
  }

  private static Chart chart(SweepResult r, Activation act, Regime regime) {
    SweepConfig c = r.config();
    int steps = c.setup().steps();
    double scale = regime == Regime.SMALL_INPUT ? c.smallScale() : c.largeScale();
    Chart chart = new Chart("rnn " + act.id() + ", " + regime.id.replace('-', ' ') + " (x "
        + Numbers.brief(scale) + "): gradient ratio vs lag; dashed = "
        + (act == Activation.TANH ? "rho^k" : "sigma_max^k (bound)"), "lag k",
        "||dL_T/dh_{T-k}|| / ||dL_T/dh_T||").logY();
    double[] lags = Chart.range(0, steps - 1);
    int colour = 0;
    for (Run run : r.runs()) {
      if (run.activation() != act || run.regime() != regime) {
        continue;
      }
      double[] ref = new double[steps];
      for (int lag = 0; lag < steps; lag++) {
        ref[lag] = act == Activation.TANH ? run.log10Prediction(lag) : run.log10Bound(lag);
      }
      String label = "rho=" + Numbers.brief(run.rho());
      chart.add(new Chart.Series(label, lags, Chart.pow10(run.log10Ratio()), colour,
          Chart.Style.LINE));
      chart.add(new Chart.Series(label + (act == Activation.TANH ? " rho^k" : " bound"), lags,
          Chart.pow10(ref), colour++, Chart.Style.DASHED));
    }
    return chart;
  }

  @Override
  public String describe(SweepResult r) {
    int probe = r.config().probeLag();
    StringBuilder sb = new StringBuilder("sweep: T=" + r.config().setup().steps() + " H="
        + r.config().setup().hidden() + ", init " + r.config().setup().init().id()
        + ", zero biases, backend " + r.backend() + "; lag-" + probe + " ratio beside rho^"
        + probe + " (tanh) or the bound sigma_max^" + probe + " (relu: no prediction)\n");
    for (Run run : r.runs()) {
      double p = run.log10Prediction(probe);
      sb.append(String.format(java.util.Locale.ROOT, "  %-4s %-11s rho=%-5s ratio %s  %s  mean"
          + " phi' %s  max|h| %s%n", run.activation().id(), run.regime().id,
          Numbers.brief(run.rho()), Numbers.fullLog10(run.log10Ratio()[probe]),
          Double.isNaN(p) ? "bound " + Numbers.fullLog10(run.log10Bound(probe))
              : "rho^k " + Numbers.fullLog10(p), Numbers.brief(run.meanDerivative()),
          Numbers.brief(run.maxAbsH())));
    }
    return sb.toString();
  }
}
