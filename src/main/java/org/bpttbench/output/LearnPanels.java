package org.bpttbench.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small multiples for {@code learn}: one XChart panel per cell, tiled two to a row into one PNG
 * 900 px wide. Log axes are labelled at decades only; points a log axis cannot show are left out
 * (the CSVs beside the figures keep them).
 */
final class LearnPanels {
  static final int WIDTH = 900;
  private static final int COLUMNS = 2;
  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
      new Color(227, 119, 194), new Color(127, 127, 127)};

  private final List<XYChart> panels = new ArrayList<>();
  private final int panelHeight;

  LearnPanels(int panelHeight) {
    this.panelHeight = panelHeight;
  }

  /** A new panel; {@code logY} labels its y axis at decades. */
  XYChart panel(String title, String xTitle, String yTitle, boolean logY) {
    XYChart c = new XYChartBuilder().width(WIDTH / COLUMNS).height(panelHeight).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Styler st = c.getStyler();
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setMarkerSize(4);
    st.setAntiAlias(true);
    st.setLegendBackgroundColor(new Color(255, 255, 255, 200));
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setYAxisLogarithmicDecadeOnly(true);
    panels.add(c);
    return c;
  }

  /** Adds a series (colour from a fixed palette; dashed or points); false if nothing drawable. */
  static boolean add(XYChart c, String name, double[] x, double[] y, int colour, Chart.Style style) {
    boolean logY = c.getStyler().isYAxisLogarithmic();
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0)) {
        pts.add(new double[] {x[i], y[i]});
      }
    }
    if (pts.isEmpty()) {
      return false;
    }
    XYSeries s = c.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
        pts.stream().mapToDouble(p -> p[1]).toArray());
    Color col = PALETTE[Math.floorMod(colour, PALETTE.length)];
    s.setLineColor(col);
    s.setMarkerColor(col);
    s.setMarker(style == Chart.Style.POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    s.setLineStyle(style == Chart.Style.POINTS ? new BasicStroke(0f)
        : style == Chart.Style.DASHED ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(1.8f));
    if (style == Chart.Style.POINTS) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    return true;
  }

  /** Writes the panels tiled into {@code file}; a panel with no series says so. */
  void save(Path file) throws IOException {
    int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
    BufferedImage img = new BufferedImage(WIDTH, rows * panelHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      XYChart c = panels.get(i);
      if (c.getSeriesMap().isEmpty()) {
        c.setTitle(c.getTitle() + " (nothing to draw)");
        c.getStyler().setYAxisLogarithmic(false);
        c.addSeries("none", new double[] {0}, new double[] {0});
      }
      g.drawImage(BitmapEncoder.getBufferedImage(c), (i % COLUMNS) * (WIDTH / COLUMNS),
          (i / COLUMNS) * panelHeight, null);
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
