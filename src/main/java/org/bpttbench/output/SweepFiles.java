package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.Activation;
import org.bpttbench.experiment.SweepConfig;
import org.bpttbench.experiment.SweepResult.Regime;
import org.bpttbench.experiment.SweepResult.Run;
import org.bpttbench.experiment.SweepResult;

/**
 * {@code sweep.csv} (the prediction column is empty where there is none: relu), one chart per
 * activation and regime {@code sweep_<act>_<regime>.png}, and {@code summary.json} ({@link
 * SweepSummary}).
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
    Json.writeRecord(dir.resolve("summary.json"), SweepSummary.of(r));
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
