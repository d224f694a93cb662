package org.bpttbench.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.analysis.JacobianProducts;
import org.bpttbench.analysis.Lyapunov;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.analysis.SpectralNorm;
import org.bpttbench.analysis.StepJacobian;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.cli.UsageException;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;

/**
 * {@code jacobian}: the explicit Jacobian products P(T−k, T) = J_T⋯J_{T−k+1} of one trajectory —
 * their spectral norm and spectral radius vs the lag k — and the trajectory's Lyapunov spectrum.
 */
public final class JacobianCommand implements Command {

  @Override
  public String name() {
    return "jacobian";
  }

  @Override
  public String summary() {
    return "explicit Jacobian products: ||P(T-k,T)||_2 and spectral radius vs lag; Lyapunov spectrum";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("out", "backend", "seed", "cell", "activation", "hidden", "input", "classes",
        "steps", "init", "rho", "input-scale");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh jacobian --out DIR [options]",
        "",
        "Runs the cell forward over a standard normal input (x --input-scale), forms every step",
        "Jacobian J_t = d state_t / d state_{t-1} explicitly (H x H; 2H x 2H for lstm's (h, c)),",
        "multiplies them with the kernels' gemm into P(T-k, T) = J_T ... J_{T-k+1} for k = 0..T",
        "(exact beyond float range: power-of-two renormalisation), and measures ||P||_2 (power",
        "iteration) and its spectral radius (Commons Math eigenvalues), beside rho(W_hh)^k and",
        "sigma_max(W_hh)^k (the Pascanu et al. bound for tanh; rnn only). The Lyapunov exponents",
        "of the trajectory come from QR re-orthonormalisation of J_t ... J_1 (finite-time: T steps).",
        "",
        Experiments.COMMON_HELP,
        "  --cell rnn|gru|lstm (rnn)  --activation tanh|relu (tanh; rnn only)",
        "  --hidden H (64)  --input I (16)  --classes V (10)  --steps T (50)  --input-scale S (1.0)",
        "  --init gauss|orthogonal|identity|pytorch (orthogonal)  --rho R (1.0)",
        "",
        "Writes DIR/jacobian.csv (lag,norm2,spectral_radius,rho_pow_lag,sigma_max_pow_lag),",
        "DIR/jacobian.png (log y), DIR/lyapunov.csv (index,exponent_per_step,",
        "decades_per_10_steps), DIR/lyapunov.png, DIR/summary.json.",
        "");
  }

  @Override
  public void run(Args a) throws IOException {
    Path out = Experiments.out(a);
    Kernels k = Experiments.kernels(a);
    long seed = a.longValue("seed", 42);
    CellKind kind = CellKind.fromId(a.choice("cell", "rnn", "rnn", "gru", "lstm"));
    Activation act = Activation.fromId(a.choice("activation", "tanh", "tanh", "relu"));
    int hidden = a.intAtLeast("hidden", 64, 1);
    int input = a.intAtLeast("input", 16, 1);
    int classes = a.intAtLeast("classes", 10, 1);
    int steps = a.intAtLeast("steps", 50, 1);
    InitScheme init = Experiments.init(a, "orthogonal");
    double rho = a.number("rho", 1.0, 0, 1e6);
    double scale = a.number("input-scale", 1.0, 0, 1e6);
    if (kind.stateVectors * hidden > 512) {
      throw new UsageException("option --hidden: " + hidden + " gives a Jacobian of size "
          + kind.stateVectors * hidden + " (at most 512: eigenvalues and QR run in double on the"
          + " full matrix)");
    }

    Model m = Init.model(kind, act, input, hidden, classes, init, rho, seed);
    RecurrentCell cell;
    try {
      cell = Cells.create(m, k, steps);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option --cell: " + e.getMessage());
    }
    float[] x = Init.gaussianInputs(steps, input, seed);
    for (int i = 0; i < x.length; i++) {
      x[i] *= (float) scale;
    }
    cell.forward(x, 0, steps);
    StepJacobian sj = new StepJacobian(m, k);
    int d = sj.size();
    float[] jacs = new float[steps * d * d];
    for (int t = 1; t <= steps; t++) {
      sj.compute(cell.states(), x, 0, t, jacs, (t - 1) * d * d);
    }
    JacobianProducts prod = new JacobianProducts(k, d, steps);
    prod.fromEnd(jacs, steps);
    SpectralNorm power = new SpectralNorm(k, d);
    double[] norm = new double[steps + 1];
    double[] radius = new double[steps + 1];
    for (int lag = 0; lag <= steps; lag++) {
      norm[lag] = prod.log10SpectralNorm(lag, power);
      try {
        radius[lag] = prod.log10SpectralRadius(lag);
      } catch (RuntimeException e) { // Commons Math's eigen solver may fail to converge
        radius[lag] = Double.NaN;
      }
    }
    double wRadius = Double.NaN;
    double wSigma = Double.NaN;
    if (kind == CellKind.RNN) {
      wRadius = Spectra.spectralRadius(m.weightHh.data(), 0, hidden);
      wSigma = Spectra.spectralNorm(m.weightHh.data(), 0, hidden);
    }
    double[] le = Lyapunov.spectrum(jacs, d, steps);
    JacobianProducts forward = new JacobianProducts(k, d, steps);
    forward.fromStart(jacs, steps);
    double growth = forward.log10SpectralNorm(steps, power) * Math.log(10) / steps;

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      try (PrintWriter w = Experiments.csv(dir.resolve("jacobian.csv"),
          "lag,norm2,spectral_radius,rho_pow_lag,sigma_max_pow_lag")) {
        for (int lag = 0; lag <= steps; lag++) {
          w.println(lag + "," + Experiments.log10(norm[lag]) + "," + Experiments.log10(radius[lag])
              + "," + (kind == CellKind.RNN ? Experiments.log10(lag * Math.log10(wRadius)) : "")
              + "," + (kind == CellKind.RNN ? Experiments.log10(lag * Math.log10(wSigma)) : ""));
        }
      }
      try (PrintWriter w = Experiments.csv(dir.resolve("lyapunov.csv"),
          "index,exponent_per_step,decades_per_10_steps")) {
        for (int i = 0; i < d; i++) {
          w.println((i + 1) + "," + Experiments.num(le[i]) + ","
              + Experiments.num(-le[i] * 10 / Math.log(10)));
        }
      }
      double[] lags = Experiments.range(0, steps);
      double[] yn = new double[steps + 1];
      double[] yr = new double[steps + 1];
      double[] pr = new double[steps + 1];
      double[] ps = new double[steps + 1];
      for (int lag = 0; lag <= steps; lag++) {
        yn[lag] = Experiments.pow10(norm[lag]);
        yr[lag] = Experiments.pow10(radius[lag]);
        pr[lag] = Math.pow(wRadius, lag);
        ps[lag] = Math.pow(wSigma, lag);
      }
      String what = kind.id() + (kind == CellKind.RNN ? " " + act.id() : "") + " H=" + hidden
          + ", " + init.id() + (init == InitScheme.PYTORCH ? "" : " rho=" + rho);
      ChartWriter chart = new ChartWriter(what + ": Jacobian product P(T-k, T) vs lag", "lag k",
          "value").logY()
          .add(ChartWriter.Series.line("||P(T-k,T)||_2", lags, yn, 0))
          .add(ChartWriter.Series.line("spectral radius of P(T-k,T)", lags, yr, 1));
      if (kind == CellKind.RNN) {
        chart.add(ChartWriter.Series.dashed("rho(W_hh)^k", lags, pr, 2))
            .add(ChartWriter.Series.dashed("sigma_max(W_hh)^k", lags, ps, 3));
      }
      chart.save(dir.resolve("jacobian.png"));
      double[] idx = Experiments.range(1, d);
      new ChartWriter(what + ": Lyapunov spectrum over T=" + steps + " steps", "index",
          "exponent (nats per step)")
          .add(ChartWriter.Series.points("lambda_i", idx, le, 0))
          .save(dir.resolve("lyapunov.png"));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("experiment", "jacobian");
      s.put("backend", k.name());
      s.put("seed", seed);
      s.put("cell", kind.id());
      if (kind == CellKind.RNN) {
        s.put("activation", act.id());
      }
      s.put("hidden", hidden);
      s.put("jacobian_size", d);
      s.put("steps", steps);
      s.put("init", init.id());
      s.put("rho", init == InitScheme.PYTORCH ? null : rho);
      s.put("input_scale", scale);
      if (kind == CellKind.RNN) {
        s.put("w_hh_spectral_radius", wRadius);
        s.put("w_hh_largest_singular_value", wSigma);
      }
      s.put("norm2_at_lag_T", Experiments.log10(norm[steps]));
      s.put("lyapunov_max_per_step", Experiments.json(le[0]));
      s.put("lyapunov_min_per_step", Experiments.json(le[d - 1]));
      s.put("growth_rate_ln_norm_P0T_over_T", Experiments.json(growth));
      s.put("note", "finite-time exponents over one trajectory of T steps;"
          + " decades_per_10_steps = -lambda*10/ln(10) (positive = vanishing)");
      Experiments.writeJson(dir.resolve("summary.json"), s);
      stage.commit();
    }
    System.out.printf("jacobian: %s %s H=%d T=%d, %s rho=%s, backend %s%n", kind.id(),
        kind == CellKind.RNN ? act.id() : "", hidden, steps, init.id(), rho, k.name());
    System.out.printf("  ||P(0,T)||_2 = %s; spectral radius %s; lambda_max %.4f, lambda_min %.4f"
        + " per step; (1/T) ln||J_T..J_1|| = %.4f%n", Experiments.log10(norm[steps]),
        Experiments.log10(radius[steps]), le[0], le[d - 1], growth);
    System.out.println("  wrote " + out);
  }
}
