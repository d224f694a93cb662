package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.cell.CellKind;
import org.bpttbench.experiment.JacobianConfig;
import org.bpttbench.experiment.JacobianResult;

/**
 * {@code jacobian.csv}, {@code jacobian.png}, {@code lyapunov.csv}, {@code lyapunov.png},
 * {@code summary.json} ({@link JacobianSummary}).
 */
public enum JacobianFiles implements ResultFiles<JacobianResult> {
  INSTANCE;

  @Override
  public void write(JacobianResult r, Path dir) throws IOException {
    JacobianConfig c = r.config();
    int steps = c.setup().steps();
    boolean rnn = c.cell() == CellKind.RNN;
    double[] radiusPow = new double[steps + 1];
    double[] sigmaPow = new double[steps + 1];
    List<String> rows = new ArrayList<>();
    for (int lag = 0; lag <= steps; lag++) {
      radiusPow[lag] = lag * Math.log10(r.wRadius());
      sigmaPow[lag] = lag * Math.log10(r.wSigma());
      rows.add(ResultFiles.row(lag, Numbers.fullLog10(r.log10Norm()[lag]),
          Numbers.fullLog10(r.log10Radius()[lag]), rnn ? Numbers.fullLog10(radiusPow[lag]) : "",
          rnn ? Numbers.fullLog10(sigmaPow[lag]) : ""));
    }
    ResultFiles.csv(dir.resolve("jacobian.csv"),
        "lag,norm2,spectral_radius,rho_pow_lag,sigma_max_pow_lag", rows);
    double[] le = r.lyapunov();
    List<String> leRows = new ArrayList<>();
    for (int i = 0; i < le.length; i++) {
      leRows.add(ResultFiles.row(i + 1, le[i], -le[i] * 10 / Math.log(10)));
    }
    ResultFiles.csv(dir.resolve("lyapunov.csv"), "index,exponent_per_step,decades_per_10_steps",
        leRows);
    String what = title(c);
    double[] lags = Chart.range(0, steps);
    Chart chart = new Chart(what + ": Jacobian product P(T-k, T) vs lag", "lag k", "value").logY()
        .add("||P(T-k,T)||_2", lags, Chart.pow10(r.log10Norm()), Chart.Style.LINE)
        .add("spectral radius of P(T-k,T)", lags, Chart.pow10(r.log10Radius()), Chart.Style.LINE);
    if (rnn) {
      chart.add("rho(W_hh)^k", lags, Chart.pow10(radiusPow), Chart.Style.DASHED)
          .add("sigma_max(W_hh)^k", lags, Chart.pow10(sigmaPow), Chart.Style.DASHED);
    }
    chart.save(dir.resolve("jacobian.png"));
    new Chart(what + ": Lyapunov spectrum over T=" + steps + " steps", "index",
        "exponent (nats per step)")
        .add("lambda_i", Chart.range(1, le.length), le, Chart.Style.POINTS)
        .save(dir.resolve("lyapunov.png"));
    Json.writeRecord(dir.resolve("summary.json"), JacobianSummary.of(r));
  }

  private static String title(JacobianConfig c) {
    return c.cell().id() + (c.cell() == CellKind.RNN ? " " + c.activation().id() : "") + " H="
        + c.setup().hidden() + ", " + c.setup().init().id()
        + (c.setup().rhoUsed() == null ? "" : " rho=" + c.setup().rho());
  }

  @Override
  public String describe(JacobianResult r) {
    int steps = r.config().setup().steps();
    double[] le = r.lyapunov();
    return "jacobian: " + title(r.config()) + " T=" + steps + ", backend " + r.backend() + "\n"
        + "  ||P(0,T)||_2 = " + Numbers.fullLog10(r.log10Norm()[steps]) + "; spectral radius "
        + Numbers.fullLog10(r.log10Radius()[steps]) + "; lambda_max " + Numbers.brief(le[0])
        + ", lambda_min " + Numbers.brief(le[le.length - 1]) + " per step; (1/T) ln||J_T..J_1|| = "
        + Numbers.brief(r.growth()) + "\n";
  }
}
