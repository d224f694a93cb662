package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bpttbench.experiment.CurveSeries;
import org.bpttbench.experiment.CurvesConfig;
import org.bpttbench.experiment.CurvesExperiment;
import org.bpttbench.experiment.CurvesResult;
import org.bpttbench.experiment.LruSpectrum;

/**
 * The headline figure, drawn here and nowhere else: {@code curves.png} (‖dL_T/dh_t‖ against t,
 * attention's ‖dL_T/dx_t‖, log y), {@code curves.csv} ({@code t,} then one column per model,
 * {@code rnn,gru,lstm,lru,attention}) and {@code summary.json} (the cells under {@code cells}, the
 * sequence models under {@code models}, the LRU against its spectrum under {@code lru_spectrum}).
 */
public enum CurvesFiles implements ResultFiles<CurvesResult> {
  INSTANCE;

  public static final String CSV = "curves.csv";
  public static final String PNG = "curves.png";
  public static final String SUMMARY = "summary.json";

  /** The lesson's decay claim as summary.json words it: {@code ~3 decades per 10 steps}. */
  private static String claim(String cell) {
    Double d = Lesson.DECADES.get(cell);
    return d == null ? "similar to GRU" : "~" + Math.round(d) + (d == 1 ? " decade" : " decades")
        + " per 10 steps";
  }

  @Override
  public void write(CurvesResult r, Path dir) throws IOException {
    CurvesConfig c = r.config();
    int steps = c.setup().steps();
    List<CurveSeries> series = r.series();
    List<String> rows = new ArrayList<>();
    for (int t = 1; t <= steps; t++) {
      StringBuilder row = new StringBuilder().append(t);
      for (CurveSeries g : series) {
        row.append(',').append(Numbers.fullLog10(g.log10Norm(t)));
      }
      rows.add(row.toString());
    }
    ResultFiles.csv(dir.resolve(CSV), "t," + series.stream().map(CurveSeries::model)
        .collect(Collectors.joining(",")), rows);
    Chart chart = new Chart("Gradient norm, T = " + steps + ", H = "
        + c.setup().hidden() + ", cells " + c.setup().init().id()
        + (c.setup().rhoUsed() == null ? "" : " rho = " + c.setup().rho()) + ", lru ring "
        + CurvesExperiment.ringName(CurvesExperiment.FIGURE_RING), "t", "gradient norm").logY();
    for (CurveSeries g : series) {
      chart.add(g.label() + " (" + Numbers.brief(g.fit().decadesPer10Steps) + " dec/10 steps)",
          Chart.range(1, steps), Chart.pow10(g.log10Norms()), Chart.Style.LINE);
    }
    chart.save(dir.resolve(PNG));
    Map<String, Object> s = ResultFiles.summary("curves", r.backend(), c.setup());
    s.put("target", c.target());
    s.put("rnn_activation", c.activation().id());
    s.put("input_scale", c.inputScale());
    s.put("decay_definition", "10 x slope of the least-squares line through log10||dL_T/dh_t||"
        + " (attention: ||dL_T/dx_t||) vs t, t = 1..T; positive = shrinks going back in time");
    Map<String, Object> cells = new LinkedHashMap<>();
    Map<String, Object> models = new LinkedHashMap<>();
    for (CurveSeries g : series) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("loss", Json.number(g.loss()));
      info.put("grad_norm_at_T", Numbers.fullLog10(g.log10Norm(steps)));
      info.put("grad_norm_at_1", Numbers.fullLog10(g.log10Norm(1)));
      info.put("decades_per_10_steps_measured", Json.number(g.fit().decadesPer10Steps));
      info.put("decay_fit_r2", Json.number(g.fit().rSquared));
      if (Lesson.DECAY.containsKey(g.model())) {
        info.put("lesson_claim", claim(g.model()));
        cells.put(g.model(), info);
      } else {
        info.put("gradient", g.gradient());
        info.put("init", g.init());
        models.put(g.model(), info);
      }
    }
    s.put("cells", cells);
    s.put("models", models);
    List<Map<String, Object>> spectra = new ArrayList<>();
    for (LruSpectrum p : r.spectra()) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("ring", p.ring());
      info.put("steps", p.steps());
      info.put("max_modulus", Json.number(p.maxModulus()));
      info.put("min_modulus", Json.number(p.minModulus()));
      info.put("predicted_decay", Json.number(p.predictedDecay()));
      info.put("far_decay", Json.number(p.farDecay()));
      info.put("far_decay_input_x10", Json.number(p.farDecayScaled()));
      spectra.add(info);
    }
    s.put("lru_spectrum_definition", "the curves' LRU (same sizes and seed) on each ring over "
        + CurvesExperiment.PROBE_STEPS + " steps: far_decay = decades ||dL_T/dh_t|| loses over"
        + " the 10 steps furthest from the loss (t = 11 -> 1), on the input and on the input x "
        + Numbers.brief(CurvesExperiment.PROBE_SCALE) + "; predicted_decay = -10 log10 max|lambda|");
    s.put("lru_spectrum", spectra);
    Json.write(dir.resolve(SUMMARY), s);
  }

  @Override
  public String describe(CurvesResult r) {
    CurvesConfig c = r.config();
    StringBuilder sb = new StringBuilder("curves: T=" + c.setup().steps() + " H="
        + c.setup().hidden() + ", init " + c.setup().init().id()
        + (c.setup().rhoUsed() == null ? "" : " rho=" + c.setup().rho()) + ", input scale "
        + Numbers.brief(c.inputScale()) + ", backend " + r.backend() + "\n");
    for (CurveSeries g : r.series()) {
      sb.append("  ").append(g.label()).append(": ")
          .append(Numbers.brief(g.fit().decadesPer10Steps)).append(" decades per 10 steps (R^2 ")
          .append(Numbers.brief(g.fit().rSquared)).append("); ||g_T|| = ")
          .append(Numbers.fullLog10(g.log10Norm(g.steps()))).append(", ||g_1|| = ")
          .append(Numbers.fullLog10(g.log10Norm(1)))
          .append(Lesson.DECAY.containsKey(g.model()) ? " [lesson: " + claim(g.model()) + "]"
              : " [" + g.init() + "]").append('\n');
    }
    for (LruSpectrum p : r.spectra()) {
      sb.append("  lru ring ").append(p.ring()).append(" over ").append(p.steps())
          .append(" steps: far decay ").append(Numbers.brief(p.farDecay()))
          .append(" (input x10: ").append(Numbers.brief(p.farDecayScaled()))
          .append(") decades per 10 steps, -10 log10 max|lambda| = ")
          .append(Numbers.brief(p.predictedDecay())).append('\n');
    }
    return sb.toString();
  }
}
