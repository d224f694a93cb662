package org.bpttbench.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bpttbench.analysis.DecayFit;
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
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;

/** {@code curves}: the lesson's headline figure, ‖dL_T/dh_t‖ vs t for RNN, GRU and LSTM. */
public final class CurvesCommand implements Command {
  private static final Map<CellKind, String> CLAIMS = Map.of(
      CellKind.RNN, "~3 decades per 10 steps",
      CellKind.GRU, "~1 decade per 10 steps",
      CellKind.LSTM, "similar to GRU");

  @Override
  public String name() {
    return "curves";
  }

  @Override
  public String summary() {
    return "||dL_T/dh_t|| vs t for rnn, gru and lstm on the same input and init (the lesson's figure)";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("out", "backend", "seed", "hidden", "input", "classes", "steps", "init", "rho",
        "target", "activation", "input-scale");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh curves --out DIR [options]",
        "",
        "The three cells get the same input sequence (standard normal times --input-scale) and the",
        "same init family for every W_hh gate block; every other parameter is PyTorch's",
        "uniform(+-1/sqrt(H)). L_T = softmax cross-entropy of the read-out at step T. The curve",
        "||dL_T/dh_t||_2, t = 1..T, is exact beyond float range (GradientCurve). Cells that are not",
        "implemented in this build are skipped and reported as such.",
        "",
        Experiments.COMMON_HELP,
        "  --hidden H (64)  --input I (16)  --classes V (10)  --steps T (50)  --target K (0)",
        "  --init gauss|orthogonal|identity|pytorch (orthogonal)  --rho R (1.0)",
        "  --activation tanh|relu  rnn nonlinearity (tanh)   --input-scale S (1.0)",
        "",
        "Writes DIR/curves.csv (t,rnn,gru,lstm; empty where a cell was skipped), DIR/curves.png",
        "(log y), DIR/summary.json (fitted decay in decades per 10 steps beside the lesson's claims).",
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
    int steps = a.intAtLeast("steps", 50, 2);
    int target = a.intAtLeast("target", 0, 0);
    if (target >= classes) {
      throw new org.bpttbench.cli.UsageException("option --target: " + target
          + " is not a class (expected 0.." + (classes - 1) + ")");
    }
    InitScheme init = Experiments.init(a, "orthogonal");
    double rho = a.number("rho", 1.0, 0, 1e6);
    double scale = a.number("input-scale", 1.0, 0, 1e6);
    Activation act = Activation.fromId(a.choice("activation", "tanh", "tanh", "relu"));

    float[] inputs = Init.gaussianInputs(steps, input, seed);
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] *= (float) scale;
    }
    CellKind[] kinds = CellKind.values();
    double[][] curves = new double[kinds.length][];
    Map<String, Object> cells = new LinkedHashMap<>();
    ChartWriter chart = new ChartWriter("||dL_T/dh_t||, T = " + steps + ", H = " + hidden + ", "
        + init.id() + (init == InitScheme.PYTORCH ? "" : " rho = " + rho), "t", "||dL_T/dh_t||")
        .logY();
    double[] ts = Experiments.range(1, steps);
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < kinds.length; c++) {
      CellKind kind = kinds[c];
      Map<String, Object> info = new LinkedHashMap<>();
      Model model = Init.model(kind, act, input, hidden, classes, init, rho, seed);
      Bptt bptt;
      try {
        bptt = new Bptt(model, k, steps);
      } catch (IllegalArgumentException e) {
        info.put("skipped", e.getMessage());
        cells.put(kind.id(), info);
        line.append(String.format("  %-4s skipped: %s%n", kind.id(), e.getMessage()));
        continue;
      }
      double loss = bptt.run(inputs, 0, steps, new int[] {target}, LossMode.FINAL);
      GradientCurve gc = new GradientCurve(k, steps, bptt.stateSize());
      gc.compute(bptt);
      curves[c] = gc.log10HiddenNorms().clone();
      DecayFit fit = DecayFit.ofLog10(curves[c]);
      info.put("loss", loss);
      info.put("grad_norm_at_T", Experiments.log10(curves[c][steps - 1]));
      info.put("grad_norm_at_1", Experiments.log10(curves[c][0]));
      info.put("decades_per_10_steps_measured", Experiments.json(fit.decadesPer10Steps));
      info.put("decay_fit_r2", Experiments.json(fit.rSquared));
      info.put("lesson_claim", CLAIMS.get(kind));
      cells.put(kind.id(), info);
      double[] y = new double[steps];
      for (int t = 0; t < steps; t++) {
        y[t] = Experiments.pow10(curves[c][t]);
      }
      chart.add(ChartWriter.Series.line(kind.id() + String.format(java.util.Locale.ROOT,
          " (%.2f dec/10 steps)", fit.decadesPer10Steps), ts, y, c));
      line.append(String.format(java.util.Locale.ROOT,
          "  %-4s %.3f decades per 10 steps (R^2 %.3f); ||dL/dh_T|| = %s, ||dL/dh_1|| = %s"
          + " [lesson: %s]%n", kind.id(), fit.decadesPer10Steps, fit.rSquared,
          Experiments.log10(curves[c][steps - 1]), Experiments.log10(curves[c][0]),
          CLAIMS.get(kind)));
    }

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      try (PrintWriter w = Experiments.csv(dir.resolve("curves.csv"), "t,rnn,gru,lstm")) {
        for (int t = 1; t <= steps; t++) {
          StringBuilder row = new StringBuilder().append(t);
          for (double[] curve : curves) {
            row.append(',').append(curve == null ? "" : Experiments.log10(curve[t - 1]));
          }
          w.println(row);
        }
      }
      chart.save(dir.resolve("curves.png"));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("experiment", "curves");
      s.put("backend", k.name());
      s.put("seed", seed);
      s.put("hidden", hidden);
      s.put("input", input);
      s.put("classes", classes);
      s.put("steps", steps);
      s.put("target", target);
      s.put("init", init.id());
      s.put("rho", init == InitScheme.PYTORCH ? null : rho);
      s.put("rnn_activation", act.id());
      s.put("input_scale", scale);
      s.put("decay_definition", "10 x slope of the least-squares line through log10||dL_T/dh_t||"
          + " vs t, t = 1..T; positive = shrinks going back in time");
      s.put("cells", cells);
      Experiments.writeJson(dir.resolve("summary.json"), s);
      stage.commit();
    }
    System.out.printf("curves: T=%d H=%d I=%d V=%d, init %s%s, input scale %s, backend %s%n",
        steps, hidden, input, classes, init.id(), init == InitScheme.PYTORCH ? "" : " rho=" + rho,
        scale, k.name());
    System.out.print(line);
    System.out.println("  wrote " + out);
  }
}
