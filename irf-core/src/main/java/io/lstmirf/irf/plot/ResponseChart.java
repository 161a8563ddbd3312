package io.lstmirf.irf.plot;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.json.JsonFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of response curves against the lag, with shaded bands (e.g. quantiles across histories)
 * behind them, drawn by XChart and written as PNG or SVG. Immutable: {@code with*} methods return a
 * new chart. Rendering is headless; no display is needed.
 *
 * @param title the chart title
 * @param xAxis the x-axis title
 * @param yAxis the y-axis title
 * @param curves response curves, {@code values[j]} drawn at lag {@code j}
 * @param bands shaded regions between {@code lower[j]} and {@code upper[j]}; band {@code i} is
 *     shaded in the colour of curve {@code i}, so a curve and its band read as one
 */
public record ResponseChart(
    String title, String xAxis, String yAxis, List<Curve> curves, List<Band> bands) {

  static {
    // AWT decides headless once, when it first loads; a CLI or server never has a display
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  /** Beyond this many curves a legend hides the plot. */
  private static final int MAX_LEGEND_ENTRIES = 12;

  /**
   * Opacity of a band's fill, out of 255: light enough that overlapping bands and the curves show
   * through; each band also gets an outline in its colour, so one band's edge stays visible where
   * another covers it.
   */
  private static final int BAND_ALPHA = 40;

  /** Opacity of a band's outline, out of 255. */
  private static final int BAND_EDGE_ALPHA = 170;

  private static final BasicStroke EDGE =
      new BasicStroke(
          1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);

  /** One response curve. */
  public record Curve(String name, double[] values) {
    public Curve {
      Objects.requireNonNull(name, "name");
      values = requireSeries(name, values);
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Curve c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Curve[" + name + "]";
    }
  }

  /** A shaded band between two series of the same length. */
  public record Band(String name, double[] lower, double[] upper) {
    public Band {
      Objects.requireNonNull(name, "name");
      lower = requireSeries(name, lower);
      upper = requireSeries(name, upper);
      if (lower.length != upper.length) {
        throw new InvalidInputException(
            "band '"
                + name
                + "' has "
                + lower.length
                + " lower and "
                + upper.length
                + " upper values");
      }
    }

    /** Whether the band has no width anywhere: nothing to shade. */
    public boolean isFlat() {
      return Arrays.equals(lower, upper);
    }

    @Override
    public double[] lower() {
      return lower.clone();
    }

    @Override
    public double[] upper() {
      return upper.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Band b
          && b.name.equals(name)
          && Arrays.equals(b.lower, lower)
          && Arrays.equals(b.upper, upper);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * name.hashCode() + Arrays.hashCode(lower)) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
      return "Band[" + name + "]";
    }
  }

  /** The image formats a chart is written in, chosen by the file's extension. */
  public enum Format {
    PNG,
    SVG;

    /** The format named by {@code file}'s extension, {@code .png} or {@code .svg}. */
    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".png")) {
        return PNG;
      }
      if (name.endsWith(".svg")) {
        return SVG;
      }
      throw new InvalidInputException(
          "cannot tell the image format of " + file + ": the plot file must end in .png or .svg");
    }
  }

  public ResponseChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xAxis, "xAxis");
    Objects.requireNonNull(yAxis, "yAxis");
    curves = List.copyOf(curves);
    bands = List.copyOf(bands);
  }

  /** An empty chart with these titles. */
  public static ResponseChart of(String title, String xAxis, String yAxis) {
    return new ResponseChart(title, xAxis, yAxis, List.of(), List.of());
  }

  /** This chart with one more curve. */
  public ResponseChart withCurve(String name, double[] values) {
    List<Curve> c = new ArrayList<>(curves);
    c.add(new Curve(name, values));
    return new ResponseChart(title, xAxis, yAxis, c, bands);
  }

  /** This chart with one more band. */
  public ResponseChart withBand(String name, double[] lower, double[] upper) {
    List<Band> b = new ArrayList<>(bands);
    b.add(new Band(name, lower, upper));
    return new ResponseChart(title, xAxis, yAxis, curves, b);
  }

  /**
   * Writes the chart to {@code file}, PNG or SVG by its extension, atomically (a crash never leaves
   * half an image).
   */
  public void save(Path file) {
    JsonFiles.writeAtomically(file, encode(Format.of(file)));
  }

  /** The chart's image in {@code format}. */
  public byte[] encode(Format format) {
    if (curves.isEmpty() && bands.stream().allMatch(Band::isFlat)) {
      throw new InvalidInputException("chart '" + title + "' has nothing to draw");
    }
    XYChart chart = build();
    try {
      if (format == Format.PNG) {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toByteArray();
    } catch (IOException e) {
      throw new LstmIrfException("cannot render chart '" + title + "': " + e.getMessage(), e);
    }
  }

  /** The XChart chart, series and styles set; package-private for tests. */
  XYChart build() {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    chart
        .getStyler()
        .setLegendVisible(curves.size() + bands.size() <= MAX_LEGEND_ENTRIES)
        .setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(0);
    Color[] palette = chart.getStyler().getSeriesColors();
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      if (b.isFlat()) {
        continue; // a band of no width (one seed, one history) shows nothing; keep it off the
        // legend
      }
      // a closed polygon: along the lower edge, then back along the upper one
      int n = b.lower.length;
      double[] x = new double[2 * n];
      double[] y = new double[2 * n];
      for (int j = 0; j < n; j++) {
        x[j] = j;
        y[j] = b.lower[j];
        x[2 * n - 1 - j] = j;
        y[2 * n - 1 - j] = b.upper[j];
      }
      XYSeries s = chart.addSeries(uniqueName(chart, b.name), x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      Color base = palette[i % palette.length];
      s.setFillColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), BAND_ALPHA));
      s.setLineColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), BAND_EDGE_ALPHA));
      s.setLineStyle(EDGE); // dashed, so an edge does not read as a curve
      s.setMarker(SeriesMarkers.NONE);
    }
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      double[] x = new double[c.values.length];
      Arrays.setAll(x, j -> j);
      XYSeries s = chart.addSeries(uniqueName(chart, c.name), x, c.values);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(palette[i % palette.length]);
      s.setMarker(SeriesMarkers.NONE);
    }
    AxisFormat.fit(chart);
    return chart;
  }

  /** XChart keys series by name; equal names (two "unit 0" curves) would clash. */
  private static String uniqueName(XYChart chart, String name) {
    String candidate = name;
    for (int i = 2; chart.getSeriesMap().containsKey(candidate); i++) {
      candidate = name + " (" + i + ")";
    }
    return candidate;
  }

  private static double[] requireSeries(String name, double[] values) {
    if (values == null || values.length == 0) {
      throw new InvalidInputException("series '" + name + "' is empty; nothing to draw");
    }
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new InvalidInputException(
            "series '"
                + name
                + "' has "
                + values[j]
                + " at lag "
                + j
                + "; only finite values can be drawn");
      }
    }
    return values.clone();
  }
}
