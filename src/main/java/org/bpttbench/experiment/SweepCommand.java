package org.bpttbench.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientCurve;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.SoftmaxReadout;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;

/**
 * {@code sweep}: a vanilla RNN over spectral radii ρ, tanh and relu, in a linear and a saturated
 * regime: ‖dL_T/dh_{T−k}‖/‖dL_T/dh_T‖ vs the lag k beside the linear prediction ρ^k.
 */
public final class SweepCommand implements Command {
  static final double[] RHOS = {0.5, 0.7, 0.9, 1.0, 1.1, 1.5, 2.0};

  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "vanilla rnn over spectral radius rho, tanh/relu, linear/saturated: gradient vs lag beside rho^k";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("out", "backend", "seed", "hidden", "input", "classes", "steps", "init", "rhos",
        "linear-scale", "saturated-scale", "target");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh sweep --out DIR [options]",
        "",
        "For each rho, activation (tanh, relu) and regime, one rnn with W_hh of spectral radius rho",
        "(orthogonal: every singular value rho, so the linear prediction rho^k is exact), zero",
        "biases, read-out and W_ih PyTorch-default, input = standard normal x scale: linear regime",
        "--linear-scale (1e-3), saturated regime --saturated-scale (5). Measured: the ratio",
        "||dL_T/dh_{T-k}|| / ||dL_T/dh_T|| for k = 0..T-1 (exact, GradientCurve), beside rho^k.",
        "In the linear regime the state stays tiny only while rho^t x scale stays small: the",
        "summary reports max|h| per run so you can see where the linearisation holds. relu does",
        "not saturate: its 'saturated' runs are simply the large-input runs. L_T's target is the",
        "least likely class at T (unless --target K): with the most likely one an exploded state",
        "can make the softmax exactly one-hot, dL/dh_T = 0 and every ratio 0/0.",
        "",
        Experiments.COMMON_HELP,
        "  --hidden H (64)  --input I (16)  --classes V (10)  --steps T (50)",
        "  --target K (default: the least likely class at T, per run)",
        "  --init gauss|orthogonal|identity (orthogonal)",
        "  --rhos LIST        comma-separated (0.5,0.7,0.9,1.0,1.1,1.5,2.0)",
        "",
        "Writes DIR/sweep.csv (activation,regime,rho,lag,ratio,prediction), one chart per",
        "activation and regime DIR/sweep_<act>_<regime>.png (log y; dashed = rho^k), and",
        "DIR/summary.json (lag-20 ratio vs rho^20, max|h|, per run).",
        "");
  }

  /** One run's result. */
  record Run(Activation act, String regime, double rho, double radius, double[] log10Ratio,
             double maxAbsH, int target) {}

  @Override
  public void run(Args a) throws IOException {
    Path out = Experiments.out(a);
    Kernels k = Experiments.kernels(a);
    long seed = a.longValue("seed", 42);
    int hidden = a.intAtLeast("hidden", 64, 1);
    int input = a.intAtLeast("input", 16, 1);
    int classes = a.intAtLeast("classes", 10, 1);
    int steps = a.intAtLeast("steps", 50, 2);
    int target = a.intAtLeast("target", -1, 0);
    if (target >= classes) {
      throw new org.bpttbench.cli.UsageException("option --target: " + target
          + " is not a class (expected 0.." + (classes - 1) + ")");
    }
    InitScheme init = InitScheme.fromId(a.choice("init", "orthogonal", "gauss", "orthogonal",
        "identity"));
    double[] rhos = Experiments.numbers(a, "rhos", RHOS, 1e-6, 1e3);
    double linear = a.number("linear-scale", 1e-3, 0, 1e6);
    double saturated = a.number("saturated-scale", 5.0, 0, 1e6);

    List<Run> runs = new ArrayList<>();
    for (Activation act : Activation.values()) {
      for (String regime : new String[] {"linear", "saturated"}) {
        double scale = regime.equals("linear") ? linear : saturated;
        float[] x = Init.gaussianInputs(steps, input, seed);
        for (int i = 0; i < x.length; i++) {
          x[i] *= (float) scale;
        }
        for (double rho : rhos) {
          runs.add(measure(k, act, regime, rho, init, hidden, input, classes, steps, target, x,
              seed));
        }
      }
    }

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      try (PrintWriter w = Experiments.csv(dir.resolve("sweep.csv"),
          "activation,regime,rho,lag,ratio,prediction")) {
        for (Run r : runs) {
          for (int lag = 0; lag < steps; lag++) {
            w.println(r.act().id() + "," + r.regime() + "," + Experiments.num(r.rho()) + "," + lag
                + "," + Experiments.log10(r.log10Ratio()[lag]) + ","
                + Experiments.log10(lag * Math.log10(r.radius())));
          }
        }
      }
      double[] lags = Experiments.range(0, steps - 1);
      for (Activation act : Activation.values()) {
        for (String regime : new String[] {"linear", "saturated"}) {
          ChartWriter chart = new ChartWriter("rnn " + act.id() + ", " + regime + " regime (input x "
              + Experiments.label(regime.equals("linear") ? linear : saturated)
              + "): gradient ratio vs lag; dashed = rho^k", "lag k",
              "||dL_T/dh_{T-k}|| / ||dL_T/dh_T||").logY();
          int colour = 0;
          for (Run r : runs) {
            if (r.act() != act || !r.regime().equals(regime)) {
              continue;
            }
            double[] y = new double[steps];
            double[] p = new double[steps];
            for (int lag = 0; lag < steps; lag++) {
              y[lag] = Experiments.pow10(r.log10Ratio()[lag]);
              p[lag] = Math.pow(r.radius(), lag);
            }
            String label = "rho=" + Experiments.label(r.rho());
            chart.add(ChartWriter.Series.line(label, lags, y, colour));
            chart.add(ChartWriter.Series.dashed(label + " rho^k", lags, p, colour));
            colour++;
          }
          chart.save(dir.resolve("sweep_" + act.id() + "_" + regime + ".png"));
        }
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("experiment", "sweep");
      s.put("backend", k.name());
      s.put("seed", seed);
      s.put("hidden", hidden);
      s.put("input", input);
      s.put("classes", classes);
      s.put("steps", steps);
      s.put("init", init.id());
      s.put("biases", "zero");
      s.put("linear_input_scale", linear);
      s.put("saturated_input_scale", saturated);
      int probe = Math.min(20, steps - 1);
      s.put("probe_lag", probe);
      List<Map<String, Object>> list = new ArrayList<>();
      for (Run r : runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation", r.act().id());
        m.put("regime", r.regime());
        m.put("rho", r.rho());
        m.put("spectral_radius_measured", r.radius());
        m.put("max_abs_h", r.maxAbsH());
        m.put("target", r.target());
        m.put("ratio_at_probe_lag", Experiments.log10(r.log10Ratio()[probe]));
        m.put("rho_pow_probe_lag", Experiments.log10(probe * Math.log10(r.radius())));
        m.put("measured_over_predicted", Experiments.log10(r.log10Ratio()[probe]
            - probe * Math.log10(r.radius())));
        list.add(m);
      }
      s.put("runs", list);
      Experiments.writeJson(dir.resolve("summary.json"), s);
      stage.commit();
    }
    System.out.printf("sweep: T=%d H=%d, init %s, zero biases, backend %s; lag-%d ratio vs rho^%d%n",
        steps, hidden, init.id(), k.name(), Math.min(20, steps - 1), Math.min(20, steps - 1));
    int probe = Math.min(20, steps - 1);
    for (Run r : runs) {
      System.out.printf(Locale.ROOT, "  %-4s %-9s rho=%-4s ratio %s  rho^k %s  max|h| %.3g%n",
          r.act().id(), r.regime(), Experiments.label(r.rho()),
          Experiments.log10(r.log10Ratio()[probe]),
          Experiments.log10(probe * Math.log10(r.radius())), r.maxAbsH());
    }
    System.out.println("  wrote " + out);
  }

  static Run measure(Kernels k, Activation act, String regime, double rho, InitScheme init,
                     int hidden, int input, int classes, int steps, int target, float[] x,
                     long seed) {
    Model m = Init.model(CellKind.RNN, act, input, hidden, classes, init, rho, seed);
    java.util.Arrays.fill(m.biasIh.data(), 0f);
    java.util.Arrays.fill(m.biasHh.data(), 0f);
    double radius = Spectra.spectralRadius(m.weightHh.data(), 0, hidden);
    Bptt bptt = new Bptt(m, k, steps);
    int cls = target;
    if (cls < 0) {
      // The least likely class at T: its loss gradient W_outᵀ(p − e_K) cannot vanish through a
      // saturated softmax (with the most likely class, exploding states give p = e_K and 0/0 ratios).
      bptt.loss(x, 0, steps, new int[] {0}, LossMode.FINAL);
      SoftmaxReadout r = new SoftmaxReadout(m, k);
      double worst = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double l = r.loss(bptt.cell().states(), steps * hidden, c);
        if (l > worst || cls < 0) {
          worst = l;
          cls = c;
        }
      }
    }
    bptt.run(x, 0, steps, new int[] {cls}, LossMode.FINAL);
    GradientCurve gc = new GradientCurve(k, steps, bptt.stateSize());
    gc.compute(bptt);
    double[] log10 = gc.log10HiddenNorms();
    double[] ratio = new double[steps];
    for (int lag = 0; lag < steps; lag++) {
      ratio[lag] = log10[steps - 1 - lag] - log10[steps - 1];
    }
    float[] st = bptt.cell().states();
    double maxAbs = k.maxAbs(st, hidden, steps * hidden);
    return new Run(act, regime, rho, radius, ratio, maxAbs, cls);
  }
}
