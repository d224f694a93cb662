package org.bpttbench.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bpttbench.cell.CellKind;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one chart helper: PNG line charts with XChart, headless, 900 px wide. Log axes are labelled
 * at decades only; a series may carry an interval per point, drawn as a vertical error bar; cells
 * and backends have one colour each in every figure ({@link #colourOf}); {@link #saveGrid} puts
 * several panels side by side (small multiples). Points an axis cannot show (NaN, ±∞, and zero or
 * negative on a log axis) are left out of the drawing; the CSV beside a chart keeps what the
 * caller wrote, or with {@link #saveWithCsv} exactly the points drawn.
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

  /**
   * Fixed colours: a cell or backend is drawn in the same colour in every figure (the cells
   * first, in {@link org.bpttbench.cell.CellKind} order).
   */
  private static final List<String> NAMED = java.util.stream.Stream.concat(
      java.util.Arrays.stream(CellKind.values()).map(CellKind::id),
      java.util.stream.Stream.of("simd", "netlib", "ejml", "pytorch", "scalar", "lstm-fb1"))
      .toList();

  /** Width of every PNG, in pixels. */
  public static final int WIDTH = 900;

  /** How a series is drawn: POINTS joins its markers with a line, SCATTER does not. */
  public enum Style { LINE, DASHED, POINTS, SCATTER }

  /**
   * One series; {@code colour} indexes a fixed palette so a measurement and its prediction can
   * share it; {@code lo}/{@code hi} (null for none) bound each point's interval.
   */
  public record Series(String name, double[] x, double[] y, int colour, Style style, double[] lo,
                       double[] hi) {

    public Series(String name, double[] x, double[] y, int colour, Style style) {
      this(name, x, y, colour, style, null, null);
    }

  }

  /** The palette index of a cell ({@code rnn}, {@code gru}, {@code lstm}) or backend name. */
  public static int colourOf(String name) {
    int i = NAMED.indexOf(name);
    return i >= 0 ? i : NAMED.size() + Math.floorMod(name.hashCode(), PALETTE.length - NAMED.size());
  }

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private boolean logX;
  private boolean logY;
  private double limit = Double.NaN;
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

  /** Both axes from −{@code limit} to {@code limit} (a square plot, e.g. the complex plane). */
  public Chart limit(double limit) {
    this.limit = limit;
    return this;
  }

  /** Adds a series in the next palette colour. */
  public Chart add(String name, double[] x, double[] y, Style style) {
    return add(new Series(name, x, y, series.size(), style));
  }

  /** How many series have been added. */
  public int size() {
    return series.size();
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
    BitmapEncoder.saveBitmap(build(WIDTH, 560, Styler.LegendPosition.OutsideE),
        name.substring(0, name.length() - 4),
        BitmapEncoder.BitmapFormat.PNG);
  }

  /** The XChart chart at {@code width} × {@code height} with its legend at {@code legend}. */
  private XYChart build(int width, int height, Styler.LegendPosition legend) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Styler st = chart.getStyler();
    st.setLegendPosition(legend);
    st.setLegendBackgroundColor(new Color(255, 255, 255, 200));
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setMarkerSize(6);
    st.setAntiAlias(true);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
    int drawn = 0;
    for (Series s : series) {
      double[][] xy = drawable(s);
      if (xy[0].length > 0) {
        style(chart.addSeries(s.name(), xy[0], xy[1]), s, xy[0].length);
        errorBars(chart, s, drawn);
        drawn++;
      }
    }
    chart.getStyler().setXAxisLogarithmic(logX && drawn > 0);
    chart.getStyler().setYAxisLogarithmic(logY && drawn > 0);
    if (!Double.isNaN(limit)) {
      chart.getStyler().setXAxisMin(-limit).setXAxisMax(limit).setYAxisMin(-limit)
          .setYAxisMax(limit);
    }
    if (drawn == 0) {
      chart.setTitle(title + " (no finite values to draw)");
      chart.addSeries("none", new double[] {0}, new double[] {0});
    }
    return chart;
  }

  /** One vertical segment [lo, hi] per point of {@code s}, in its colour, not in the legend. */
  private void errorBars(XYChart chart, Series s, int index) {
    if (s.lo() == null || s.hi() == null) {
      return;
    }
    for (int i = 0; i < s.x().length; i++) {
      double lo = s.lo()[i];
      double hi = s.hi()[i];
      if (Double.isFinite(lo) && Double.isFinite(hi) && (!logY || lo > 0) && hi > lo
          && Double.isFinite(s.x()[i])) {
        XYSeries bar = chart.addSeries("bar " + index + "." + i, new double[] {s.x()[i], s.x()[i]},
            new double[] {lo, hi});
        Color c = PALETTE[Math.floorMod(s.colour(), PALETTE.length)];
        bar.setLineColor(c);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setLineStyle(new BasicStroke(1.5f));
        bar.setShowInLegend(false);
      }
    }
  }

  /**
   * Writes {@code dir/base.png} with the panels in a grid of {@code columns} (900 px wide in all)
   * and {@code dir/base.csv} (panel, series, x, y, lo, hi: the points drawn); false when no panel
   * has anything to draw.
   */
  public static boolean saveGrid(Path dir, String base, int columns, List<Chart> panels,
      String xColumn, String yColumn) throws IOException {
    StringBuilder csv = new StringBuilder("panel,series," + xColumn + "," + yColumn + ",lo,hi\n");
    for (Chart p : panels) {
      p.csvRows(csv, p.title.replace(',', ';') + ",");
    }
    if (csv.indexOf("\n") == csv.length() - 1) {
      return false;
    }
    int legend = panels.stream().mapToInt(p -> p.series.size()).max().orElse(0);
    tile(dir.resolve(base + ".png"), columns, 300 + 20 * legend, Styler.LegendPosition.OutsideS,
        panels);
    Files.writeString(dir.resolve(base + ".csv"), csv, StandardCharsets.UTF_8);
    return true;
  }

  /** Writes the panels into {@code png}, {@code columns} to a row, each {@code height} high. */
  public static void tile(Path png, int columns, int height, Styler.LegendPosition legend,
      List<Chart> panels) throws IOException {
    int rows = (panels.size() + columns - 1) / columns;
    int w = WIDTH / columns;
    BufferedImage img = new BufferedImage(WIDTH, height * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      XYChart c = panels.get(i).build(w, height, legend);
      Graphics2D cell = (Graphics2D) g.create((i % columns) * w, (i / columns) * height, w,
          height);
      cell.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      c.paint(cell, w, height);
      cell.dispose();
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /** Appends one CSV row per point drawn: prefix, series, x, y, lo, hi. */
  private void csvRows(StringBuilder csv, String prefix) {
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (drawable(s.x()[i], s.y()[i])) {
          csv.append(prefix).append(s.name()).append(',').append(Numbers.full(s.x()[i]))
              .append(',').append(Numbers.full(s.y()[i])).append(',')
              .append(s.lo() == null ? "" : Numbers.full(s.lo()[i])).append(',')
              .append(s.hi() == null ? "" : Numbers.full(s.hi()[i])).append('\n');
        }
      }
    }
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

  private boolean drawable(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0) && (!logX || x > 0);
  }

  private double[][] drawable(Series s) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < s.x().length; i++) {
      if (drawable(s.x()[i], s.y()[i])) {
        pts.add(new double[] {s.x()[i], s.y()[i]});
      }
    }
    double[][] xy = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xy[0][i] = pts.get(i)[0];
      xy[1][i] = pts.get(i)[1];
    }
    return xy;
  }

  /** A series with one drawable point gets a marker whatever its style: a line would not show. */
  private static void style(XYSeries xy, Series s, int points) {
    Color c = PALETTE[Math.floorMod(s.colour(), PALETTE.length)];
    xy.setLineColor(c);
    xy.setMarkerColor(c);
    boolean marked = s.style() == Style.POINTS || s.style() == Style.SCATTER || points == 1;
    xy.setMarker(marked ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    if (s.style() == Style.SCATTER) {
      xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
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
