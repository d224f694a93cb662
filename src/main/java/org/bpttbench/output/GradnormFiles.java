package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.experiment.GradnormConfig;
import org.bpttbench.experiment.GradnormResult;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.io.NpyWriter;

/** {@code gradnorm.csv}, {@code grad_<param>.npy}, {@code summary.json} and a generated {@code model/}. */
public enum GradnormFiles implements ResultFiles<GradnormResult> {
  INSTANCE;

  @Override
  public void write(GradnormResult r, Path dir) throws IOException {
    boolean lstm = r.log10CellNorms() != null;
    List<String> rows = new ArrayList<>();
    for (int t = 1; t <= r.steps(); t++) {
      rows.add(lstm ? ResultFiles.row(t, Numbers.fullLog10(r.log10Norm(t)),
          Numbers.fullLog10(r.log10CellNorms()[t - 1]))
          : ResultFiles.row(t, Numbers.fullLog10(r.log10Norm(t))));
    }
    ResultFiles.csv(dir.resolve("gradnorm.csv"), lstm ? "t,grad_norm,cell_grad_norm"
        : "t,grad_norm", rows);
    writeLayers(r, dir);
    for (Tensor g : r.grads().tensors()) {
      NpyWriter.write(dir.resolve("grad_" + g.name() + ".npy"), g.shape(), g.data());
    }
    GradnormConfig c = r.config();
    if (c.setup() != null) {
      ModelFiles.save(dir.resolve("model"), c.model(), c.inputs(), c.steps());
    }
    Json.write(dir.resolve("summary.json"), summary(r));
  }

  /**
   * {@code gradnorm_layers.png}, one panel per layer (log ‖dL_T/dh_t‖ against t, a line per
   * direction), and {@code gradnorm_layers.csv} ({@code layer,direction,t,grad_norm}).
   */
  private static void writeLayers(GradnormResult r, Path dir) throws IOException {
    double[][][] norms = r.layerNorms();
    List<Chart> panels = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int l = 0; l < norms.length; l++) {
      Chart panel = new Chart("layer " + l + (l == norms.length - 1 ? " (last)" : ""), "t",
          "||dL_T/dh_t||").logY();
      for (int d = 0; d < norms[l].length; d++) {
        String direction = d == 0 ? "forward" : "reverse";
        // the last layer's reverse direction has a gradient at t = T only: Chart marks a
        // single drawable point
        panel.add(direction, Chart.range(1, r.steps()), norms[l][d], Chart.Style.LINE);
        for (int t = 1; t <= r.steps(); t++) {
          rows.add(ResultFiles.row(l, direction, t, Numbers.full(norms[l][d][t - 1])));
        }
      }
      panels.add(panel);
    }
    Chart.saveGrid(dir, "gradnorm_layers", Math.min(norms.length, 2), panels, "t", "grad_norm");
    // the columns rather than saveGrid's panel,series,… (the same points)
    ResultFiles.csv(dir.resolve("gradnorm_layers.csv"), "layer,direction,t,grad_norm", rows);
  }

  private static Map<String, Object> summary(GradnormResult r) {
    GradnormConfig c = r.config();
    Model m = c.model();
    Map<String, Object> s = ResultFiles.modelSummary(m);
    s.put("steps", c.steps());
    s.put("target", c.target());
    s.put("backend", r.backend());
    s.put("model", c.source());
    if (c.setup() != null) {
      s.put("init", c.setup().init().id());
      s.put("rho", c.setup().rhoUsed());
      s.put("seed", c.setup().seed());
    }
    s.put("loss", Json.number(r.loss()));
    s.put("grad_norm_first", Numbers.fullLog10(r.log10Norm(1)));
    s.put("grad_norm_last", Numbers.fullLog10(r.log10Norm(r.steps())));
    s.put("decades_per_10_steps", Json.number(r.fit().decadesPer10Steps));
    s.put("decay_fit_r2", Json.number(r.fit().rSquared));
    s.put("parameter_gradients_finite", r.gradientsFinite());
    return s;
  }

  @Override
  public String describe(GradnormResult r) {
    Model m = r.config().model();
    StringBuilder sb = new StringBuilder();
    sb.append(ResultFiles.modelLabel(m)).append(" T=").append(r.steps()).append(", backend ")
        .append(r.backend()).append(": loss ").append(Numbers.brief(r.loss())).append('\n');
    sb.append("  ||dL_T/dh_T|| = ").append(Numbers.fullLog10(r.log10Norm(r.steps())))
        .append(", ||dL_T/dh_1|| = ").append(Numbers.fullLog10(r.log10Norm(1)))
        .append("; decay ").append(Numbers.brief(r.fit().decadesPer10Steps))
        .append(" decades per 10 steps (R^2 ").append(Numbers.brief(r.fit().rSquared))
        .append(")\n");
    if (!r.gradientsFinite()) {
      sb.append("  warning: some parameter gradients overflowed float32 (inf/nan in grad_*.npy);"
          + " the gradient-norm curve is exact regardless\n");
    }
    return sb.toString();
  }
}
