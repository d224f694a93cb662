package org.bpttbench.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bpttbench.analysis.Clipping;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.Command;
import org.bpttbench.cli.UsageException;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.Kernels;

/**
 * {@code clip}: plain SGD on one fixed sequence and target from an exploding initialisation,
 * without and with clip_grad_norm_; loss and gradient norm per update.
 */
public final class ClipCommand implements Command {

  @Override
  public String name() {
    return "clip";
  }

  @Override
  public String summary() {
    return "SGD from an exploding rnn init without and with clip_grad_norm_: loss and gradient norm per update";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("out", "backend", "seed", "activation", "hidden", "input", "classes", "steps",
        "init", "rho", "lr", "updates", "max-norm", "target", "input-scale");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh clip --out DIR [options]",
        "",
        "Two copies of one rnn (W_hh by --init/--rho, the rest PyTorch-default) take --updates plain",
        "SGD steps p <- p - lr*g on the same fixed input sequence and final-step target: one with",
        "the raw gradient, one after clip_grad_norm_(max_norm) (PyTorch semantics: total 2-norm over",
        "all parameter gradients, coef = max_norm/(total + 1e-6), scaled when coef < 1). The",
        "unclipped run may overflow: the CSV then shows inf/nan, as float32 arithmetic gives them.",
        "",
        Experiments.COMMON_HELP,
        "  --activation tanh|relu (relu)  --init gauss|orthogonal|identity|pytorch (orthogonal)",
        "  --rho R (2.5)  --hidden H (32)  --input I (8)  --classes V (10)  --steps T (30)",
        "  --input-scale S (1.0)  --target K (0)",
        "  --lr LR (0.1)  --updates N (20)  --max-norm C (1.0)",
        "",
        "Writes DIR/clip.csv (update,loss_plain,grad_norm_plain,loss_clipped,",
        "grad_norm_before_clip,grad_norm_after_clip; loss and norm before the update),",
        "DIR/clip_grad_norm.png, DIR/clip_loss.png (log y), DIR/summary.json.",
        "");
  }

  @Override
  public void run(Args a) throws IOException {
    Path out = Experiments.out(a);
    Kernels k = Experiments.kernels(a);
    long seed = a.longValue("seed", 42);
    Activation act = Activation.fromId(a.choice("activation", "relu", "tanh", "relu"));
    int hidden = a.intAtLeast("hidden", 32, 1);
    int input = a.intAtLeast("input", 8, 1);
    int classes = a.intAtLeast("classes", 10, 1);
    int steps = a.intAtLeast("steps", 30, 1);
    InitScheme init = Experiments.init(a, "orthogonal");
    double rho = a.number("rho", 2.5, 0, 1e6);
    double lr = a.number("lr", 0.1, 0, 1e6);
    int updates = a.intAtLeast("updates", 20, 1);
    double maxNorm = a.number("max-norm", 1.0, 0, 1e30);
    double scale = a.number("input-scale", 1.0, 0, 1e6);
    int target = a.intAtLeast("target", 0, 0);
    if (target >= classes) {
      throw new UsageException("option --target: " + target + " is not a class (expected 0.."
          + (classes - 1) + ")");
    }

    Model plain = Init.model(CellKind.RNN, act, input, hidden, classes, init, rho, seed);
    Model clipped = Experiments.copy(plain);
    float[] x = Init.gaussianInputs(steps, input, seed);
    for (int i = 0; i < x.length; i++) {
      x[i] *= (float) scale;
    }
    int[] tgt = {target};
    Bptt bp = new Bptt(plain, k, steps);
    Bptt bc = new Bptt(clipped, k, steps);
    double[] lossP = new double[updates + 1];
    double[] normP = new double[updates + 1];
    double[] lossC = new double[updates + 1];
    double[] before = new double[updates + 1];
    double[] after = new double[updates + 1];
    for (int u = 0; u <= updates; u++) {
      lossP[u] = bp.run(x, 0, steps, tgt, LossMode.FINAL);
      normP[u] = Clipping.totalNorm(k, bp.grads());
      lossC[u] = bc.run(x, 0, steps, tgt, LossMode.FINAL);
      before[u] = Clipping.clipGradNorm(k, bc.grads(), maxNorm, false);
      after[u] = Clipping.totalNorm(k, bc.grads());
      if (u < updates) {
        sgd(k, plain, bp.grads(), lr);
        sgd(k, clipped, bc.grads(), lr);
      }
    }

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      try (PrintWriter w = Experiments.csv(dir.resolve("clip.csv"), "update,loss_plain,"
          + "grad_norm_plain,loss_clipped,grad_norm_before_clip,grad_norm_after_clip")) {
        for (int u = 0; u <= updates; u++) {
          w.println(u + "," + Experiments.num(lossP[u]) + "," + Experiments.num(normP[u]) + ","
              + Experiments.num(lossC[u]) + "," + Experiments.num(before[u]) + ","
              + Experiments.num(after[u]));
        }
      }
      double[] us = Experiments.range(0, updates);
      String what = "rnn " + act.id() + " H=" + hidden + " T=" + steps + ", " + init.id()
          + " rho=" + rho + ", SGD lr=" + lr;
      new ChartWriter(what + ": gradient norm per update (points missing = inf/nan)",
          "update", "||grad||_2").logY()
          .add(ChartWriter.Series.points("no clipping", us, normP, 3))
          .add(ChartWriter.Series.points("clipped run, before clipping", us, before, 0))
          .add(ChartWriter.Series.points("clipped run, after clipping", us, after, 2))
          .save(dir.resolve("clip_grad_norm.png"));
      new ChartWriter(what + ": loss per update (points missing = inf/nan)", "update",
          "loss L_T").logY()
          .add(ChartWriter.Series.points("no clipping", us, lossP, 3))
          .add(ChartWriter.Series.points("clip_grad_norm_(" + maxNorm + ")", us, lossC, 0))
          .save(dir.resolve("clip_loss.png"));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("experiment", "clip");
      s.put("backend", k.name());
      s.put("seed", seed);
      s.put("activation", act.id());
      s.put("hidden", hidden);
      s.put("input", input);
      s.put("classes", classes);
      s.put("steps", steps);
      s.put("init", init.id());
      s.put("rho", rho);
      s.put("lr", lr);
      s.put("updates", updates);
      s.put("max_norm", maxNorm);
      s.put("first_nonfinite_update_plain", firstNonFinite(lossP, normP));
      s.put("first_nonfinite_update_clipped", firstNonFinite(lossC, before));
      s.put("loss_plain_first", Experiments.json(lossP[0]));
      s.put("loss_plain_last", Experiments.json(lossP[updates]));
      s.put("loss_clipped_last", Experiments.json(lossC[updates]));
      s.put("max_finite_grad_norm_plain", Experiments.json(max(normP)));
      s.put("max_finite_grad_norm_clipped_run_before_clip", Experiments.json(max(before)));
      Experiments.writeJson(dir.resolve("summary.json"), s);
      stage.commit();
    }
    System.out.printf("clip: %s, max_norm %s, backend %s%n", "rnn " + act.id() + " H=" + hidden
        + " T=" + steps + " " + init.id() + " rho=" + rho + " lr=" + lr, maxNorm, k.name());
    System.out.printf("  no clipping: loss %s -> %s, largest finite grad norm %s, first non-finite update %s%n",
        Experiments.num(lossP[0]), Experiments.num(lossP[updates]), Experiments.num(max(normP)),
        firstNonFinite(lossP, normP));
    System.out.printf("  clipped:     loss %s -> %s, largest grad norm before clipping %s%n",
        Experiments.num(lossC[0]), Experiments.num(lossC[updates]), Experiments.num(max(before)));
    System.out.println("  wrote " + out);
  }

  private static void sgd(Kernels k, Model p, Model g, double lr) {
    for (Tensor t : p.tensors()) {
      k.axpy((float) -lr, g.tensor(t.name()).data(), 0, t.data(), 0, t.size());
    }
  }

  /** The first update whose loss or gradient norm is not finite, or null. */
  private static Integer firstNonFinite(double[] loss, double[] norm) {
    for (int u = 0; u < loss.length; u++) {
      if (!Double.isFinite(loss[u]) || !Double.isFinite(norm[u])) {
        return u;
      }
    }
    return null;
  }

  /** Largest finite value (NaN if none); non-finite updates are reported by {@link #firstNonFinite}. */
  private static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (Double.isFinite(x) && !(x <= m)) {
        m = x;
      }
    }
    return m;
  }
}
