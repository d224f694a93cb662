package org.bpttbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one chart helper: PNG line charts with XChart, headless. Points an axis cannot show (NaN,
 * ±∞, and zero or negative on a log axis) are left out of the drawing; the CSV beside a chart
 * keeps what the caller wrote, or with {@link #saveWithCsv} exactly the points drawn.
 */
public final class Chart {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
      new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
      new Color(23, 190, 207)};

  /** How a series is drawn. */
  public enum Style { LINE, DASHED, POINTS }

  /** One series; {@code colour} indexes a fixed palette so a measurement and its prediction can share it. */
  public record Series(String name, double[] x, double[] y, int colour, Style style) {}

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  public Chart(String title, String xTitle, String yTitle) {
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  public Chart logX() {
    logX = true;
    return this;
  }

  public Chart logY() {
    logY = true;
    return this;
  }

  /** Adds a series in the next palette colour. */
  public Chart add(String name, double[] x, double[] y, Style style) {
    return add(new Series(name, x, y, series.size(), style));
  }

  public Chart add(Series s) {
    series.add(s);
    return this;
  }

  /** Writes {@code file} (a .png); a chart with nothing to draw says so in its title. */
  public void save(Path file) throws IOException {
    String name = file.toString();
    if (!name.endsWith(".png")) {
      throw new IllegalArgumentException("chart file must end in .png: " + file);
    }
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    Styler st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setMarkerSize(6);
    st.setAntiAlias(true);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
    int drawn = 0;
    for (Series s : series) {
      double[][] xy = drawable(s);
      if (xy[0].length > 0) {
        style(chart.addSeries(s.name(), xy[0], xy[1]), s);
        drawn++;
      }
    }
    chart.getStyler().setXAxisLogarithmic(logX && drawn > 0);
    chart.getStyler().setYAxisLogarithmic(logY && drawn > 0);
    if (drawn == 0) {
      chart.setTitle(title + " (no finite values to draw)");
      chart.addSeries("none", new double[] {0}, new double[] {0});
    }
    BitmapEncoder.saveBitmap(chart, name.substring(0, name.length() - 4),
        BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * Writes {@code dir/base.png} and {@code dir/base.csv} (series, x, y: exactly the points drawn)
   * when there is anything to draw; returns whether it did.
   */
  public boolean saveWithCsv(Path dir, String base, String xColumn, String yColumn)
      throws IOException {
    StringBuilder csv = new StringBuilder("series," + xColumn + "," + yColumn + "\n");
    for (Series s : series) {
      double[][] xy = drawable(s);
      for (int i = 0; i < xy[0].length; i++) {
        csv.append(s.name()).append(',').append(Numbers.full(xy[0][i])).append(',')
            .append(Numbers.full(xy[1][i])).append('\n');
      }
    }
    if (csv.indexOf("\n") == csv.length() - 1) {
      return false;
    }
    save(dir.resolve(base + ".png"));
    Files.writeString(dir.resolve(base + ".csv"), csv, StandardCharsets.UTF_8);
    return true;
  }

  private double[][] drawable(Series s) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < s.x().length; i++) {
      double x = s.x()[i];
      double y = s.y()[i];
      if (Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0) && (!logX || x > 0)) {
        pts.add(new double[] {x, y});
      }
    }
    double[][] xy = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xy[0][i] = pts.get(i)[0];
      xy[1][i] = pts.get(i)[1];
    }
    return xy;
  }

  private static void style(XYSeries xy, Series s) {
    Color c = PALETTE[Math.floorMod(s.colour(), PALETTE.length)];
    xy.setLineColor(c);
    xy.setMarkerColor(c);
    xy.setMarker(s.style() == Style.POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    xy.setLineStyle(s.style() == Style.DASHED
        ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f)
        : new BasicStroke(2f));
  }

  /** from, from + 1, …, to. */
  public static double[] range(int from, int to) {
    double[] r = new double[Math.max(0, to - from + 1)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** 10^v for each v (0 or ∞ outside double's range, which the chart leaves out). */
  public static double[] pow10(double[] log10) {
    double[] y = new double[log10.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.pow(10, log10[i]);
    }
    return y;
  }
}
