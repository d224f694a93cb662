package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Model;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.TrainConfig;
import org.bpttbench.train.TrainResult;
import org.bpttbench.train.TrainingData;

/**
 * {@code model/*.npy} (the trained parameters, PyTorch's names and shapes), {@code train.csv}
 * (one row per optimizer step: update,loss,grad_norm) and {@code summary.json}.
 */
public enum TrainFiles implements ResultFiles<TrainFiles.Run> {
  INSTANCE;

  /** A training run with where its model and data came from. */
  public record Run(TrainConfig config, TrainResult result, String model, String data) {}

  @Override
  public void write(Run run, Path dir) throws IOException {
    TrainResult r = run.result();
    ModelFiles.saveParameters(dir.resolve("model"), r.trained());
    writeCurve(dir, r.loss(), r.gradNorm());
    Json.write(dir.resolve("summary.json"), summary(run));
  }

  /** train.csv: update,loss,grad_norm, one row per optimizer step from 1. */
  static void writeCurve(Path dir, double[] loss, double[] gradNorm) throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < loss.length; i++) {
      rows.add(ResultFiles.row(i + 1, loss[i], gradNorm[i]));
    }
    ResultFiles.csv(dir.resolve("train.csv"), "update,loss,grad_norm", rows);
  }

  private static Map<String, Object> summary(Run run) {
    TrainConfig c = run.config();
    TrainResult r = run.result();
    Map<String, Object> s = ResultFiles.modelSummary(c.initial());
    putRun(s, c.data(), c.batch(), c.updates(), c.shuffleSeed(), c.tbptt(), c.optimizer(),
        c.clipNorm(), c.clipValue(), c.kernels().name(), run.model(), run.data(), r.loss(),
        r.gradNorm());
    return s;
  }

  /** The run's settings and outcome, after the model's own summary entries. */
  static void putRun(Map<String, Object> s, TrainingData data, int batch, int updates,
                     OptionalLong shuffle, int tbptt, OptimizerSpec o, double clipNorm,
                     double clipValue, String backend, String model, String dataDir,
                     double[] loss, double[] gradNorm) {
    s.put("sequences", data.sequences());
    s.put("steps", data.steps());
    s.put("loss", data.mode() == LossMode.FINAL ? "final" : "all");
    s.put("batch", batch);
    s.put("updates", updates);
    s.put("shuffle_seed", shuffle.isPresent() ? shuffle.getAsLong() : null);
    s.put("tbptt", tbptt);
    s.put("optimizer", o.kind().id());
    s.put("lr", o.lr());
    if (o.kind() == OptimizerSpec.Kind.SGD) {
      s.put("momentum", o.momentum());
      s.put("dampening", o.dampening());
      s.put("nesterov", o.nesterov());
    } else {
      s.put("betas", List.of(o.beta1(), o.beta2()));
      s.put("eps", o.eps());
    }
    s.put("weight_decay", o.weightDecay());
    s.put("clip_norm", finiteOrNull(clipNorm));
    s.put("clip_value", finiteOrNull(clipValue));
    s.put("backend", backend);
    s.put("model", model);
    s.put("data", dataDir);
    int last = loss.length - 1;
    s.put("optimizer_steps", loss.length);
    s.put("loss_first", Json.number(loss[0]));
    s.put("loss_last", Json.number(loss[last]));
    s.put("grad_norm_first", Json.number(gradNorm[0]));
    s.put("grad_norm_last", Json.number(gradNorm[last]));
    s.put("finite", allFinite(loss, gradNorm));
  }

  private static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static boolean allFinite(double[] loss, double[] gradNorm) {
    for (int i = 0; i < loss.length; i++) {
      if (!Double.isFinite(loss[i]) || !Double.isFinite(gradNorm[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe(Run run) {
    TrainConfig c = run.config();
    TrainResult r = run.result();
    Model m = c.initial();
    StringBuilder sb = new StringBuilder();
    sb.append(ResultFiles.modelLabel(m)).append(", ").append(c.data().sequences())
        .append(" sequences of ").append(c.data().steps()).append(" steps, batch ").append(c.batch()).append(", ")
        .append(c.optimizer().kind().id()).append(" lr ").append(Numbers.brief(c.optimizer().lr()))
        .append(", backend ").append(c.kernels().name()).append('\n');
    sb.append(describeCurve(r.loss(), r.gradNorm()));
    return sb.toString();
  }

  /** "  N optimizer steps: loss a -> b, grad norm c -> d", and a warning when not finite. */
  static String describeCurve(double[] loss, double[] gradNorm) {
    int last = loss.length - 1;
    StringBuilder sb = new StringBuilder();
    sb.append("  ").append(loss.length).append(" optimizer steps: loss ")
        .append(Numbers.brief(loss[0])).append(" -> ").append(Numbers.brief(loss[last]))
        .append(", grad norm ").append(Numbers.brief(gradNorm[0])).append(" -> ")
        .append(Numbers.brief(gradNorm[last])).append('\n');
    if (!allFinite(loss, gradNorm)) {
      sb.append("  warning: the loss or gradient norm became non-finite (nan/inf in train.csv);"
          + " try a smaller --lr or --clip-norm\n");
    }
    return sb.toString();
  }
}
