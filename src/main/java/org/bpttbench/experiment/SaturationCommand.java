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
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientCurve;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.cli.UsageException;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;

/**
 * {@code saturation}: scale a tanh RNN's input until the units saturate; the fraction of saturated
 * units beside the fraction of gradient that survives 10 and 30 steps.
 */
public final class SaturationCommand implements Command {
  static final double[] SCALES = {0.01, 0.03, 0.1, 0.3, 1, 2, 3, 5, 10, 30, 100};

  @Override
  public String name() {
    return "saturation";
  }

  @Override
  public String summary() {
    return "tanh rnn: fraction of saturated units vs gradient surviving 10 and 30 steps, as the input grows";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("out", "backend", "seed", "hidden", "input", "classes", "steps", "init", "rho",
        "scales", "threshold", "target");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh saturation --out DIR [options]",
        "",
        "One tanh rnn (W_hh by --init/--rho, everything else PyTorch-default), one standard normal",
        "input sequence multiplied by each --scales value. For each scale: the fraction of",
        "saturated units, |h_t,i| > threshold over all t = 1..T and units i; the mean tanh'",
        "(1 - h^2); and the gradient that survives k steps back from the loss,",
        "||dL_T/dh_{T-k}|| / ||dL_T/dh_T||, for k = 10 and 30 (exact, GradientCurve).",
        "",
        Experiments.COMMON_HELP,
        "  --hidden H (64)  --input I (16)  --classes V (10)  --steps T (50, at least 31)",
        "  --init gauss|orthogonal|identity|pytorch (orthogonal)  --rho R (1.0)  --target K (0)",
        "  --scales LIST      input scales (0.01,0.03,0.1,0.3,1,2,3,5,10,30,100)",
        "  --threshold H      |h| above which a unit counts as saturated (0.99)",
        "",
        "Writes DIR/saturation.csv (input_scale,saturated_fraction,mean_tanh_derivative,",
        "survive_10,survive_30), DIR/saturation.png (survival vs saturated fraction, log y),",
        "DIR/saturation_vs_scale.png, DIR/summary.json.",
        "");
  }

  @Override
  public void run(Args a) throws IOException {
    Path out = Experiments.out(a);
    Kernels k = Experiments.kernels(a);
    long seed = a.longValue("seed", 42);
    int hidden = a.intAtLeast("hidden", 64, 1);
    int input = a.intAtLeast("input", 16, 1);
    int classes = a.intAtLeast("classes", 10, 1);
    int steps = a.intAtLeast("steps", 50, 31);
    int target = a.intAtLeast("target", 0, 0);
    if (target >= classes) {
      throw new UsageException("option --target: " + target + " is not a class (expected 0.."
          + (classes - 1) + ")");
    }
    InitScheme init = Experiments.init(a, "orthogonal");
    double rho = a.number("rho", 1.0, 0, 1e6);
    double[] scales = Experiments.numbers(a, "scales", SCALES, 0, 1e6);
    double threshold = a.number("threshold", 0.99, 0, 1);

    Model m = Init.model(CellKind.RNN, Activation.TANH, input, hidden, classes, init, rho, seed);
    float[] base = Init.gaussianInputs(steps, input, seed);
    Bptt bptt = new Bptt(m, k, steps);
    GradientCurve gc = new GradientCurve(k, steps, bptt.stateSize());
    int n = scales.length;
    double[] frac = new double[n];
    double[] meanDeriv = new double[n];
    double[] s10 = new double[n];
    double[] s30 = new double[n];
    float[] x = new float[base.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < x.length; j++) {
        x[j] = base[j] * (float) scales[i];
      }
      bptt.run(x, 0, steps, new int[] {target}, LossMode.FINAL);
      float[] st = bptt.cell().states();
      long sat = 0;
      double deriv = 0;
      for (int j = hidden; j < (steps + 1) * hidden; j++) {
        float h = st[j];
        if (Math.abs(h) > threshold) {
          sat++;
        }
        deriv += 1 - (double) h * h;
      }
      frac[i] = sat / (double) (steps * hidden);
      meanDeriv[i] = deriv / (steps * hidden);
      gc.compute(bptt);
      double[] l = gc.log10HiddenNorms();
      s10[i] = l[steps - 1 - 10] - l[steps - 1];
      s30[i] = l[steps - 1 - 30] - l[steps - 1];
    }

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      try (PrintWriter w = Experiments.csv(dir.resolve("saturation.csv"),
          "input_scale,saturated_fraction,mean_tanh_derivative,survive_10,survive_30")) {
        for (int i = 0; i < n; i++) {
          w.println(Experiments.num(scales[i]) + "," + Experiments.num(frac[i]) + ","
              + Experiments.num(meanDeriv[i]) + "," + Experiments.log10(s10[i]) + ","
              + Experiments.log10(s30[i]));
        }
      }
      double[] y10 = new double[n];
      double[] y30 = new double[n];
      for (int i = 0; i < n; i++) {
        y10[i] = Experiments.pow10(s10[i]);
        y30[i] = Experiments.pow10(s30[i]);
      }
      String thr = Experiments.label(threshold);
      new ChartWriter("tanh rnn H=" + hidden + ", " + init.id() + " rho=" + rho
          + ": gradient surviving k steps vs saturation (|h| > " + thr + ")",
          "fraction of saturated units (|h| > " + thr + ")",
          "||dL_T/dh_{T-k}|| / ||dL_T/dh_T||").logY()
          .add(ChartWriter.Series.points("k = 10", frac, y10, 0))
          .add(ChartWriter.Series.points("k = 30", frac, y30, 1))
          .save(dir.resolve("saturation.png"));
      new ChartWriter("tanh rnn: saturation and gradient survival vs input scale", "input scale",
          "value").logX().logY()
          .add(ChartWriter.Series.points("saturated fraction (|h| > " + thr + ")", scales, frac, 2))
          .add(ChartWriter.Series.points("mean tanh'", scales, meanDeriv, 3))
          .add(ChartWriter.Series.points("survive 10 steps", scales, y10, 0))
          .add(ChartWriter.Series.points("survive 30 steps", scales, y30, 1))
          .save(dir.resolve("saturation_vs_scale.png"));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("experiment", "saturation");
      s.put("backend", k.name());
      s.put("seed", seed);
      s.put("hidden", hidden);
      s.put("input", input);
      s.put("classes", classes);
      s.put("steps", steps);
      s.put("init", init.id());
      s.put("rho", init == InitScheme.PYTORCH ? null : rho);
      s.put("saturation_threshold_abs_h", threshold);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("input_scale", scales[i]);
        r.put("saturated_fraction", frac[i]);
        r.put("mean_tanh_derivative", meanDeriv[i]);
        r.put("survive_10", Experiments.log10(s10[i]));
        r.put("survive_30", Experiments.log10(s30[i]));
        rows.add(r);
      }
      s.put("runs", rows);
      Experiments.writeJson(dir.resolve("summary.json"), s);
      stage.commit();
    }
    System.out.printf("saturation: tanh rnn T=%d H=%d, %s rho=%s, |h| > %s counts as saturated,"
        + " backend %s%n", steps, hidden, init.id(), rho, threshold, k.name());
    for (int i = 0; i < n; i++) {
      System.out.printf(Locale.ROOT, "  scale %-6s saturated %.3f  mean tanh' %.3f  survive10 %s"
          + "  survive30 %s%n", Experiments.label(scales[i]), frac[i],
          meanDeriv[i], Experiments.log10(s10[i]), Experiments.log10(s30[i]));
    }
    System.out.println("  wrote " + out);
  }
}
