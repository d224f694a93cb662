package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Model;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.TrainConfig;
import org.bpttbench.train.TrainResult;

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
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < r.optimizerSteps(); i++) {
      rows.add(ResultFiles.row(i + 1, r.loss()[i], r.gradNorm()[i]));
    }
    ResultFiles.csv(dir.resolve("train.csv"), "update,loss,grad_norm", rows);
    Json.write(dir.resolve("summary.json"), summary(run));
  }

  private static Map<String, Object> summary(Run run) {
    TrainConfig c = run.config();
    TrainResult r = run.result();
    Model m = c.initial();
    OptimizerSpec o = c.optimizer();
    Map<String, Object> s = ResultFiles.modelSummary(m);
    s.put("sequences", c.data().sequences());
    s.put("steps", c.data().steps());
    s.put("loss", c.data().mode() == LossMode.FINAL ? "final" : "all");
    s.put("batch", c.batch());
    s.put("updates", c.updates());
    s.put("shuffle_seed", c.shuffleSeed().isPresent() ? c.shuffleSeed().getAsLong() : null);
    s.put("tbptt", c.tbptt());
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
    s.put("clip_norm", finiteOrNull(c.clipNorm()));
    s.put("clip_value", finiteOrNull(c.clipValue()));
    s.put("backend", c.kernels().name());
    s.put("model", run.model());
    s.put("data", run.data());
    s.put("optimizer_steps", r.optimizerSteps());
    s.put("loss_first", Json.number(r.loss()[0]));
    s.put("loss_last", Json.number(r.loss()[r.optimizerSteps() - 1]));
    s.put("grad_norm_first", Json.number(r.gradNorm()[0]));
    s.put("grad_norm_last", Json.number(r.gradNorm()[r.optimizerSteps() - 1]));
    s.put("finite", allFinite(r));
    return s;
  }

  private static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static boolean allFinite(TrainResult r) {
    for (int i = 0; i < r.optimizerSteps(); i++) {
      if (!Double.isFinite(r.loss()[i]) || !Double.isFinite(r.gradNorm()[i])) {
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
    int last = r.optimizerSteps() - 1;
    StringBuilder sb = new StringBuilder();
    sb.append(ResultFiles.modelLabel(m)).append(", ").append(c.data().sequences())
        .append(" sequences of ").append(c.data().steps()).append(" steps, batch ").append(c.batch()).append(", ")
        .append(c.optimizer().kind().id()).append(" lr ").append(Numbers.brief(c.optimizer().lr()))
        .append(", backend ").append(c.kernels().name()).append('\n');
    sb.append("  ").append(r.optimizerSteps()).append(" optimizer steps: loss ")
        .append(Numbers.brief(r.loss()[0])).append(" -> ").append(Numbers.brief(r.loss()[last]))
        .append(", grad norm ").append(Numbers.brief(r.gradNorm()[0])).append(" -> ")
        .append(Numbers.brief(r.gradNorm()[last])).append('\n');
    if (!allFinite(r)) {
      sb.append("  warning: the loss or gradient norm became non-finite (nan/inf in train.csv);"
          + " try a smaller --lr or --clip-norm\n");
    }
    return sb.toString();
  }
}
