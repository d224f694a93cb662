package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.CellKind;
import org.bpttbench.experiment.CurvesConfig;
import org.bpttbench.experiment.CurvesResult;
import org.bpttbench.experiment.GradnormResult;

/**
 * The headline figure, drawn here and nowhere else: {@code curves.png} (‖dL_T/dh_t‖ against t,
 * log y), {@code curves.csv} ({@code t,} then one column per cell, e.g. {@code rnn,gru,lstm}) and {@code summary.json}.
 */
public enum CurvesFiles implements ResultFiles<CurvesResult> {
  INSTANCE;

  public static final String CSV = "curves.csv";
  public static final String PNG = "curves.png";
  public static final String SUMMARY = "summary.json";

  /** The lesson's decay claim as summary.json words it: {@code ~3 decades per 10 steps}. */
  private static String claim(CellKind cell) {
    Double d = Lesson.DECADES.get(cell.id());
    return d == null ? "similar to GRU" : "~" + Math.round(d) + (d == 1 ? " decade" : " decades")
        + " per 10 steps";
  }

  @Override
  public void write(CurvesResult r, Path dir) throws IOException {
    CurvesConfig c = r.config();
    int steps = c.setup().steps();
    List<String> rows = new ArrayList<>();
    for (int t = 1; t <= steps; t++) {
      StringBuilder row = new StringBuilder().append(t);
      for (GradnormResult g : r.cells()) {
        row.append(',').append(Numbers.fullLog10(g.log10Norm(t)));
      }
      rows.add(row.toString());
    }
    ResultFiles.csv(dir.resolve(CSV), "t," + r.cells().stream().map(g -> g.cell().id())
        .collect(java.util.stream.Collectors.joining(",")), rows);
    Chart chart = new Chart("||dL_T/dh_t||, T = " + steps + ", H = " + c.setup().hidden() + ", "
        + c.setup().init().id() + (c.setup().rhoUsed() == null ? "" : " rho = " + c.setup().rho()),
        "t", "||dL_T/dh_t||").logY();
    for (GradnormResult g : r.cells()) {
      chart.add(g.cell().id() + " (" + Numbers.brief(g.fit().decadesPer10Steps)
          + " dec/10 steps)", Chart.range(1, steps), Chart.pow10(g.log10Norms()), Chart.Style.LINE);
    }
    chart.save(dir.resolve(PNG));
    Map<String, Object> s = ResultFiles.summary("curves", r.backend(), c.setup());
    s.put("target", c.target());
    s.put("rnn_activation", c.activation().id());
    s.put("input_scale", c.inputScale());
    s.put("decay_definition", "10 x slope of the least-squares line through log10||dL_T/dh_t||"
        + " vs t, t = 1..T; positive = shrinks going back in time");
    Map<String, Object> cells = new LinkedHashMap<>();
    for (GradnormResult g : r.cells()) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("loss", Json.number(g.loss()));
      info.put("grad_norm_at_T", Numbers.fullLog10(g.log10Norm(steps)));
      info.put("grad_norm_at_1", Numbers.fullLog10(g.log10Norm(1)));
      info.put("decades_per_10_steps_measured", Json.number(g.fit().decadesPer10Steps));
      info.put("decay_fit_r2", Json.number(g.fit().rSquared));
      info.put("lesson_claim", claim(g.cell()));
      cells.put(g.cell().id(), info);
    }
    s.put("cells", cells);
    Json.write(dir.resolve(SUMMARY), s);
  }

  @Override
  public String describe(CurvesResult r) {
    CurvesConfig c = r.config();
    StringBuilder sb = new StringBuilder("curves: T=" + c.setup().steps() + " H="
        + c.setup().hidden() + ", init " + c.setup().init().id()
        + (c.setup().rhoUsed() == null ? "" : " rho=" + c.setup().rho()) + ", input scale "
        + Numbers.brief(c.inputScale()) + ", backend " + r.backend() + "\n");
    for (GradnormResult g : r.cells()) {
      sb.append("  ").append(g.cell().id()).append(": ")
          .append(Numbers.brief(g.fit().decadesPer10Steps)).append(" decades per 10 steps (R^2 ")
          .append(Numbers.brief(g.fit().rSquared)).append("); ||dL/dh_T|| = ")
          .append(Numbers.fullLog10(g.log10Norm(g.steps()))).append(", ||dL/dh_1|| = ")
          .append(Numbers.fullLog10(g.log10Norm(1))).append(" [lesson: ")
          .append(claim(g.cell())).append("]\n");
    }
    return sb.toString();
  }
}
