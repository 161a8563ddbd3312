package io.lstmirf.experiment.report;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
import io.lstmirf.irf.plot.AxisFormat;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of quantities against the forget-gate bias (the x values are biases, not lags, which is
 * what sets it apart from {@link io.lstmirf.irf.plot.ResponseChart}), with optional error bars,
 * drawn by XChart as PNG. Immutable.
 *
 * @param title the title
 * @param xAxis the x-axis title
 * @param yAxis the y-axis title
 * @param series what is drawn, in legend order
 */
public record BiasChart(String title, String xAxis, String yAxis, List<Series> series) {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // reports are drawn without a display
    }
  }

  /** How a series is drawn. */
  public enum Style {
    /** A solid line with markers. */
    LINE,
    /** A dashed line without markers: a derived or theoretical quantity. */
    DASHED,
    /** Black markers only: published values. */
    MARKERS
  }

  /**
   * Markers of {@link Style#LINE} series by {@link Series#variant}: series that coincide (backends
   * with identical results) still show one shape each. Diamonds are kept for published values.
   */
  private static final List<Marker> MARKERS =
      List.of(
          SeriesMarkers.CIRCLE,
          SeriesMarkers.SQUARE,
          SeriesMarkers.TRIANGLE_UP,
          SeriesMarkers.TRIANGLE_DOWN,
          SeriesMarkers.PLUS,
          SeriesMarkers.CROSS);

  /** Line patterns by variant: solid for the first, then dashes that differ in rhythm. */
  private static final List<float[]> DASHES =
      List.of(
          new float[0],
          new float[] {9, 4},
          new float[] {2, 3},
          new float[] {9, 3, 2, 3},
          new float[] {14, 4},
          new float[] {5, 5});

  /**
   * One series; points with a non-finite {@code y} are left out.
   *
   * @param errors half-widths of error bars, or null for none
   * @param variant picks the colour, marker and line pattern, so that series lying on top of each
   *     other stay distinguishable (e.g. the backend's index)
   */
  public record Series(
      String name, double[] x, double[] y, double[] errors, Style style, int variant) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(style, "style");
      if (variant < 0) {
        throw new InvalidInputException(
            "series '" + name + "': variant must be >= 0, got " + variant);
      }
      x = x.clone();
      y = y.clone();
      errors = errors == null ? null : errors.clone();
      if (x.length != y.length || (errors != null && errors.length != x.length)) {
        throw new InvalidInputException(
            "series '"
                + name
                + "' has "
                + x.length
                + " x, "
                + y.length
                + " y"
                + (errors == null ? "" : " and " + errors.length + " error")
                + " values");
      }
    }

    /** The drawable points: finite y (and a finite error, taken as 0 otherwise). */
    Series finite() {
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
          keep.add(i);
        }
      }
      double[] fx = keep.stream().mapToDouble(i -> x[i]).toArray();
      double[] fy = keep.stream().mapToDouble(i -> y[i]).toArray();
      double[] fe =
          errors == null
              ? null
              : keep.stream()
                  .mapToDouble(i -> Double.isFinite(errors[i]) ? errors[i] : 0)
                  .toArray();
      return new Series(name, fx, fy, fe, style, variant);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series s
          && s.name.equals(name)
          && Arrays.equals(s.x, x)
          && Arrays.equals(s.y, y)
          && Arrays.equals(s.errors, errors)
          && s.style == style
          && s.variant == variant;
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          name, Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(errors), style, variant);
    }

    @Override
    public String toString() {
      return "Series[" + name + "]";
    }
  }

  public BiasChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xAxis, "xAxis");
    Objects.requireNonNull(yAxis, "yAxis");
    series = List.copyOf(series);
  }

  /** The chart as PNG bytes. Series with no drawable point are left out of the drawing. */
  public byte[] png() {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(8);
    Color[] palette = chart.getStyler().getSeriesColors();
    for (Series raw : series) {
      Series s = raw.finite();
      if (s.x.length == 0) {
        continue;
      }
      XYSeries xy =
          s.errors == null
              ? chart.addSeries(s.name, s.x, s.y)
              : chart.addSeries(s.name, s.x, s.y, s.errors);
      // one colour per variant (a backend's lines share it); published values in black
      Color color = s.style == Style.MARKERS ? Color.BLACK : palette[s.variant % palette.length];
      xy.setLineColor(color);
      xy.setMarkerColor(color);
      switch (s.style) {
        case LINE -> {
          xy.setMarker(MARKERS.get(s.variant % MARKERS.size()));
          xy.setLineStyle(stroke(DASHES.get(s.variant % DASHES.size()), 2f));
        }
        case DASHED -> {
          // dashed for all; the rhythm differs by variant, never solid
          xy.setLineStyle(stroke(DASHES.get(1 + s.variant % (DASHES.size() - 1)), 1.5f));
          xy.setMarker(SeriesMarkers.NONE);
        }
        case MARKERS -> {
          xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          xy.setMarker(SeriesMarkers.DIAMOND);
        }
        default -> throw new IllegalStateException("unknown style " + s.style);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart
          .addSeries("nothing measured", new double[] {0}, new double[] {0})
          .setMarker(SeriesMarkers.NONE);
    }
    AxisFormat.fit(chart);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new LstmIrfException("cannot render chart '" + title + "': " + e.getMessage(), e);
    }
  }

  private static BasicStroke stroke(float[] dash, float width) {
    return dash.length == 0
        ? new BasicStroke(width)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
  }
}
