package io.lstmirf.experiment.report;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmIrfException;
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
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of quantities against the forget-gate bias (the x values are biases, not lags, which is
 * what sets it apart from {@link io.lstmirf.irf.plot.ResponseChart}), with optional error bars,
 * drawn by XChart as PNG. Immutable.
 *
 * @param title the title
 * @param yAxis the y-axis title
 * @param series what is drawn, in legend order
 */
public record BiasChart(String title, String yAxis, List<Series> series) {

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
   * One series; points with a non-finite {@code y} are left out.
   *
   * @param errors half-widths of error bars, or null for none
   */
  public record Series(String name, double[] x, double[] y, double[] errors, Style style) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(style, "style");
      x = x.clone();
      y = y.clone();
      errors = errors == null ? null : errors.clone();
      if (x.length != y.length || (errors != null && errors.length != x.length)) {
        throw new InvalidInputException("series '" + name + "' has " + x.length + " x, "
            + y.length + " y" + (errors == null ? "" : " and " + errors.length + " error")
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
      double[] fe = errors == null ? null : keep.stream()
          .mapToDouble(i -> Double.isFinite(errors[i]) ? errors[i] : 0).toArray();
      return new Series(name, fx, fy, fe, style);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.x, x)
          && Arrays.equals(s.y, y) && Arrays.equals(s.errors, errors) && s.style == style;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y),
          Arrays.hashCode(errors), style);
    }

    @Override
    public String toString() {
      return "Series[" + name + "]";
    }
  }

  public BiasChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(yAxis, "yAxis");
    series = List.copyOf(series);
  }

  /** The chart as PNG bytes. Series with no drawable point are left out of the drawing. */
  public byte[] png() {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
        .xAxisTitle("forget-gate bias b_f").yAxisTitle(yAxis).build();
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(7);
    Color[] palette = chart.getStyler().getSeriesColors();
    int drawn = 0;
    for (Series raw : series) {
      Series s = raw.finite();
      if (s.x.length == 0) {
        continue;
      }
      XYSeries xy = s.errors == null ? chart.addSeries(s.name, s.x, s.y)
          : chart.addSeries(s.name, s.x, s.y, s.errors);
      // published values in black, so they stand out from the measured series' palette
      Color color = s.style == Style.MARKERS ? Color.BLACK : palette[drawn++ % palette.length];
      xy.setLineColor(color);
      xy.setMarkerColor(color);
      switch (s.style) {
        case LINE -> xy.setMarker(SeriesMarkers.CIRCLE);
        case DASHED -> {
          xy.setLineStyle(SeriesLines.DASH_DASH);
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
      chart.addSeries("nothing measured", new double[] {0}, new double[] {0})
          .setMarker(SeriesMarkers.NONE);
    }
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new LstmIrfException("cannot render chart '" + title + "': " + e.getMessage(), e);
    }
  }
}
