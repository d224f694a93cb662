package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.experiment.SaturationConfig;
import org.bpttbench.experiment.SaturationResult.Point;
import org.bpttbench.experiment.SaturationResult;

/**
 * {@code saturation.csv}, {@code saturation.png}, {@code saturation_vs_scale.png},
 * {@code summary.json} ({@link SaturationSummary}).
 */
public enum SaturationFiles implements ResultFiles<SaturationResult> {
  INSTANCE;

  @Override
  public void write(SaturationResult r, Path dir) throws IOException {
    SaturationConfig c = r.config();
    List<Point> pts = r.points();
    int n = pts.size();
    double[] scale = new double[n];
    double[] frac = new double[n];
    double[] deriv = new double[n];
    double[] s10 = new double[n];
    double[] s30 = new double[n];
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Point p = pts.get(i);
      scale[i] = p.scale();
      frac[i] = p.saturatedFraction();
      deriv[i] = p.meanTanhDerivative();
      s10[i] = Math.pow(10, p.log10SurviveShort());
      s30[i] = Math.pow(10, p.log10SurviveLong());
      rows.add(ResultFiles.row(p.scale(), p.saturatedFraction(), p.meanTanhDerivative(),
          Numbers.fullLog10(p.log10SurviveShort()), Numbers.fullLog10(p.log10SurviveLong())));
    }
    ResultFiles.csv(dir.resolve("saturation.csv"),
        "input_scale,saturated_fraction,mean_tanh_derivative,survive_10,survive_30", rows);
    String thr = Numbers.brief(c.threshold());
    new Chart("tanh rnn H=" + c.setup().hidden() + ", " + c.setup().init().id() + " rho="
        + c.setup().rho() + ": gradient surviving k steps vs saturation (|h| > " + thr + ")",
        "fraction of saturated units (|h| > " + thr + ")",
        "||dL_T/dh_{T-k}|| / ||dL_T/dh_T||").logY()
        .add("k = 10", frac, s10, Chart.Style.POINTS)
        .add("k = 30", frac, s30, Chart.Style.POINTS)
        .save(dir.resolve("saturation.png"));
    new Chart("tanh rnn: saturation and gradient survival vs input scale", "input scale",
        "value").logX().logY()
        .add("saturated fraction (|h| > " + thr + ")", scale, frac, Chart.Style.POINTS)
        .add("mean tanh'", scale, deriv, Chart.Style.POINTS)
        .add("survive 10 steps", scale, s10, Chart.Style.POINTS)
        .add("survive 30 steps", scale, s30, Chart.Style.POINTS)
        .save(dir.resolve("saturation_vs_scale.png"));
    Json.writeRecord(dir.resolve("summary.json"), SaturationSummary.of(r));
  }

  @Override
  public String describe(SaturationResult r) {
    SaturationConfig c = r.config();
    StringBuilder sb = new StringBuilder("saturation: tanh rnn T=" + c.setup().steps() + " H="
        + c.setup().hidden() + ", " + c.setup().init().id() + " rho=" + c.setup().rho()
        + ", |h| > " + Numbers.brief(c.threshold()) + " counts as saturated, backend "
        + r.backend() + "\n");
    for (Point p : r.points()) {
      sb.append("  scale ").append(Numbers.brief(p.scale())).append(": saturated ")
          .append(Numbers.brief(p.saturatedFraction())).append(", mean tanh' ")
          .append(Numbers.brief(p.meanTanhDerivative())).append(", survive10 ")
          .append(Numbers.fullLog10(p.log10SurviveShort())).append(", survive30 ")
          .append(Numbers.fullLog10(p.log10SurviveLong())).append('\n');
    }
    return sb.toString();
  }
}
