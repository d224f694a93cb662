package org.bpttbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * The report's PNG figures (XChart, headless), each written with a CSV of exactly the plotted
 * numbers beside it. Each method returns empty when it has nothing to plot.
 */
public final class Plots {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private Plots() {}

  /** {@code gradnorm.png}: ‖dL_T/dh_t‖ against t, log y, one series per cell. */
  public static boolean gradnorm(List<GradCurve> curves, Path dir) throws IOException {
    XYChart chart = chart("Gradient norm ‖dL_T/dh_t‖ vs t", "t (time step)", "‖dL_T/dh_t‖ (log)");
    chart.getStyler().setYAxisLogarithmic(true);
    StringBuilder csv = new StringBuilder("series,t,grad_norm\n");
    int series = 0;
    for (GradCurve c : curves) {
      series += add(chart, c.name(), c.t(), c.norm(), csv) ? 1 : 0;
      if (c.cellNorm() != null && add(chart, c.name() + " cell state ‖dL_T/dc_t‖", c.t(),
          c.cellNorm(), csv)) {
        ((XYSeries) chart.getSeriesMap().get(c.name() + " cell state ‖dL_T/dc_t‖"))
            .setLineStyle(SeriesLines.DASH_DASH);
        series++;
      }
    }
    return series > 0 && save(chart, csv, dir, "gradnorm");
  }

  /** {@code speedup.png}: SIMD/scalar speedup against hidden size, one series per kernel. */
  public static boolean speedup(Map<String, List<JmhResult>> kernels, Path dir)
      throws IOException {
    XYChart chart = chart("SIMD speedup over scalar", "hidden size", "speedup (scalar time / SIMD time)");
    chart.getStyler().setXAxisLogarithmic(true);
    StringBuilder csv = new StringBuilder("kernel,hidden,speedup,lo,hi\n");
    int series = 0;
    for (Map.Entry<String, List<JmhResult>> e : kernels.entrySet()) {
      TreeMap<Integer, Ratio> points = new TreeMap<>();
      for (BackendTable.Row row : BackendTable.rows(e.getValue())) {
        JmhResult any = row.byBackend().values().iterator().next();
        int h = any.intParam("hidden");
        row.speedup().ifPresent(s -> {
          if (h > 0) {
            points.put(h, s);
          }
        });
      }
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      points.forEach((h, s) -> {
        xs.add((double) h);
        ys.add(s.value());
        csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", e.getKey(), h, s.value(),
            s.lo(), s.hi()));
      });
      if (!xs.isEmpty()) {
        chart.addSeries(e.getKey(), xs, ys);
        series++;
      }
    }
    return series > 0 && save(chart, csv, dir, "speedup");
  }

  /** {@code bptt.png}: BPTT time against T, log–log, one series per cell and backend. */
  public static boolean bptt(Map<String, double[][]> series, Path dir) throws IOException {
    XYChart chart = chart("BPTT time vs sequence length T", "T (sequence length, log)",
        "time per BPTT pass, ns (log)");
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    StringBuilder csv = new StringBuilder("series,T,ns_per_op\n");
    int n = 0;
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      n += add(chart, e.getKey(), e.getValue()[0], e.getValue()[1], csv) ? 1 : 0;
    }
    return n > 0 && save(chart, csv, dir, "bptt");
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
        .yAxisTitle(y).build();
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
    return chart;
  }

  /** Adds the positive finite points (log axes cannot show others); false if none. */
  private static boolean add(XYChart chart, String name, double[] x, double[] y,
      StringBuilder csv) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
        csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", name, num(x[i]), y[i]));
      }
    }
    if (xs.isEmpty()) {
      return false;
    }
    chart.addSeries(name, xs, ys);
    return true;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean save(XYChart chart, StringBuilder csv, Path dir, String base)
      throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(base + ".png").toString(),
        BitmapEncoder.BitmapFormat.PNG);
    Files.writeString(dir.resolve(base + ".csv"), csv, StandardCharsets.UTF_8);
    return true;
  }
}
