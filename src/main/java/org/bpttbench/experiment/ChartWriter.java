package org.bpttbench.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
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
 * PNG line charts with XChart 3.8.8, headless. Points that a log axis cannot show (zero, negative,
 * NaN, ±∞) are left out of the drawing — the CSV beside every chart keeps them.
 */
public final class ChartWriter {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
      new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
      new Color(23, 190, 207)};

  /** One line: {@code colour} indexes a fixed palette so a measurement and its prediction can share it. */
  public record Series(String name, double[] x, double[] y, int colour, boolean dashed,
                       boolean markers) {
    public static Series line(String name, double[] x, double[] y, int colour) {
      return new Series(name, x, y, colour, false, false);
    }

    public static Series dashed(String name, double[] x, double[] y, int colour) {
      return new Series(name, x, y, colour, true, false);
    }

    public static Series points(String name, double[] x, double[] y, int colour) {
      return new Series(name, x, y, colour, false, true);
    }
  }

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  public ChartWriter(String title, String xTitle, String yTitle) {
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  public ChartWriter logY() {
    logY = true;
    return this;
  }

  public ChartWriter logX() {
    logX = true;
    return this;
  }

  public ChartWriter add(Series s) {
    series.add(s);
    return this;
  }

  /** Writes {@code file} (must end in .png). */
  public void save(Path file) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    Styler st = chart.getStyler();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setMarkerSize(6);
    st.setAntiAlias(true);
    int drawn = 0;
    for (Series s : series) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        double x = s.x()[i];
        double y = s.y()[i];
        if (Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0) && (!logX || x > 0)) {
          xs.add(x);
          ys.add(y);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries xy = chart.addSeries(s.name(), xs, ys);
      Color c = PALETTE[Math.floorMod(s.colour(), PALETTE.length)];
      xy.setLineColor(c);
      xy.setMarkerColor(c);
      xy.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      if (s.dashed()) {
        xy.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f));
      } else {
        xy.setLineStyle(new BasicStroke(2f));
      }
      drawn++;
    }
    if (drawn == 0) {
      chart.setTitle(title + " (no finite values to draw)");
      chart.getStyler().setYAxisLogarithmic(false);
      chart.getStyler().setXAxisLogarithmic(false);
      chart.addSeries("none", new double[] {0}, new double[] {0});
    }
    String name = file.toString();
    if (!name.endsWith(".png")) {
      throw new IllegalArgumentException("chart file must end in .png: " + file);
    }
    BitmapEncoder.saveBitmap(chart, name.substring(0, name.length() - 4),
        BitmapEncoder.BitmapFormat.PNG);
  }
}
