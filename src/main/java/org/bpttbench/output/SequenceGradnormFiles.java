package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.Tensor;
import org.bpttbench.experiment.CurveSeries;
import org.bpttbench.experiment.SequenceGradnormConfig;
import org.bpttbench.experiment.SequenceGradnormResult;
import org.bpttbench.io.NpyWriter;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;

/**
 * {@link GradnormFiles} for the LRU and attention: {@code gradnorm.csv} ({@code t,grad_norm}: the
 * LRU's ‖dL_T/dh_t‖, attention's ‖dL_T/dx_t‖, as summary.json's {@code gradient} says),
 * {@code grad_<name>.npy} under the state_dict names, {@code summary.json} and a generated
 * {@code model/} (as {@link SequenceModelFiles} reads it, with {@code inputs.npy}).
 */
public enum SequenceGradnormFiles implements ResultFiles<SequenceGradnormResult> {
  INSTANCE;

  @Override
  public void write(SequenceGradnormResult r, Path dir) throws IOException {
    CurveSeries c = r.curve();
    List<String> rows = new ArrayList<>();
    for (int t = 1; t <= c.steps(); t++) {
      rows.add(ResultFiles.row(t, Numbers.fullLog10(c.log10Norm(t))));
    }
    ResultFiles.csv(dir.resolve("gradnorm.csv"), "t,grad_norm", rows);
    for (Tensor g : r.gradients()) {
      NpyWriter.write(dir.resolve("grad_" + g.name() + ".npy"), g.shape(), g.data());
    }
    SequenceGradnormConfig cfg = r.config();
    if (cfg.setup() != null) {
      SequenceModelFiles.save(dir.resolve("model"), cfg.parameters(), cfg.outWeight(),
          cfg.outBias(), cfg.inputs(), cfg.steps());
    }
    Json.write(dir.resolve("summary.json"), summary(r));
  }

  private static Map<String, Object> summary(SequenceGradnormResult r) {
    SequenceGradnormConfig c = r.config();
    SequenceSpec spec = c.spec();
    Map<String, Object> s = SequenceTrainFiles.sizes(spec);
    s.put("steps", c.steps());
    s.put("target", c.target());
    s.put("backend", r.backend());
    s.put("model", c.source());
    if (c.setup() != null) {
      s.put("init", r.curve().init());
      s.put("seed", c.setup().seed());
    }
    s.put("gradient", r.curve().gradient());
    s.put("loss", Json.number(r.loss()));
    s.put("grad_norm_first", Numbers.fullLog10(r.curve().log10Norm(1)));
    s.put("grad_norm_last", Numbers.fullLog10(r.curve().log10Norm(r.curve().steps())));
    s.put("decades_per_10_steps", Json.number(r.curve().fit().decadesPer10Steps));
    s.put("decay_fit_r2", Json.number(r.curve().fit().rSquared));
    if (r.eigenvalueModuli() != null) {
      s.put("max_modulus", Json.number(Arrays.stream(r.eigenvalueModuli()).max().orElse(0)));
      s.put("min_modulus", Json.number(Arrays.stream(r.eigenvalueModuli()).min().orElse(0)));
    }
    s.put("parameter_gradients_finite", r.gradientsFinite());
    return s;
  }

  @Override
  public String describe(SequenceGradnormResult r) {
    SequenceSpec spec = r.config().spec();
    CurveSeries c = r.curve();
    String g = c.gradient().equals(CurveSeries.STATE) ? "dh" : "dx";
    StringBuilder sb = new StringBuilder();
    sb.append(spec.kind().id()).append(" H=").append(spec.hidden()).append(" I=")
        .append(spec.input()).append(" V=").append(spec.classes())
        .append(spec.kind() == SequenceKind.LRU ? " N=" + spec.state()
            : ", " + spec.heads() + (spec.heads() == 1 ? " head" : " heads"))
        .append(" T=").append(c.steps()).append(", backend ").append(r.backend())
        .append(": loss ").append(Numbers.brief(r.loss())).append('\n');
    sb.append("  ||dL_T/").append(g).append("_T|| = ").append(Numbers.fullLog10(c.log10Norm(
        c.steps()))).append(", ||dL_T/").append(g).append("_1|| = ")
        .append(Numbers.fullLog10(c.log10Norm(1))).append("; decay ")
        .append(Numbers.brief(c.fit().decadesPer10Steps)).append(" decades per 10 steps (R^2 ")
        .append(Numbers.brief(c.fit().rSquared)).append(")\n");
    if (r.eigenvalueModuli() != null) {
      sb.append("  |lambda| in [")
          .append(Numbers.brief(Arrays.stream(r.eigenvalueModuli()).min().orElse(0)))
          .append(", ").append(Numbers.brief(Arrays.stream(r.eigenvalueModuli()).max()
              .orElse(0))).append("]\n");
    }
    if (!r.gradientsFinite()) {
      sb.append("  warning: some parameter gradients overflowed float32 (inf/nan in"
          + " grad_*.npy)\n");
    }
    return sb.toString();
  }
}
