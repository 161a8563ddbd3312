package io.lstmirf.irf.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import io.lstmirf.testing.ClosedFormLayer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts render headless to real PNG and SVG files. */
class ResponseChartTest {
  private static final ClosedFormLayer MODEL =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2}, -0.2);

  @TempDir Path dir;

  @Test
  void irfAsPngAndSvg() throws IOException {
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      ImpulseResponse r =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(2, 0, 1), 40, IrfMode.SEQUENCE);
      ResponseChart chart = ResponseCharts.cellIrf(r, "cell response");
      assertEquals(3, chart.curves().size());
      Path png = dir.resolve("irf.png");
      chart.save(png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(900, image.getWidth());
      assertEquals(560, image.getHeight());
      Path svg = dir.resolve("sub/irf.SVG");
      ResponseCharts.irf(r, "hidden response").save(svg);
      String text = Files.readString(svg, StandardCharsets.UTF_8);
      assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    }
  }

  @Test
  void girfDrawsItsOuterBand() throws IOException {
    double[][] data = new double[120][1];
    for (int t = 0; t < data.length; t++) {
      data[t][0] = Math.sin(0.3 * t);
    }
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      GeneralizedImpulseResponse g =
          new GeneralizedImpulseResponses(model)
              .compute(data, GirfSpec.of(new Shock(5, 0, 1), 20, 30, 1), IrfMode.SEQUENCE);
      ResponseChart chart = ResponseCharts.girf(g, "GIRF");
      assertEquals(3, chart.bands().size());
      assertEquals("channel 0 5%-95%", chart.bands().get(0).name());
      assertArrayEquals(g.bands().get(0).channel(0), chart.bands().get(0).lower());
      assertArrayEquals(g.bands().get(2).channel(0), chart.bands().get(0).upper());
      Path png = dir.resolve("girf.png");
      chart.save(png);
      assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
    }
  }

  @Test
  void varChartHasOneCurvePerPair() {
    double[][][] irf = new double[4][2][2];
    irf[0] = new double[][] {{1, 0}, {0, 1}};
    irf[1] = new double[][] {{0.5, 0.1}, {0.2, 0.4}};
    ResponseChart chart = ResponseCharts.var(irf, List.of("a", "b"), "VAR");
    assertEquals(4, chart.curves().size());
    assertEquals("a -> b", chart.curves().get(1).name());
    assertArrayEquals(new double[] {0, 0.2, 0, 0}, chart.curves().get(1).values());
    assertTrue(chart.encode(ResponseChart.Format.SVG).length > 100);
  }

  @Test
  void refusesWhatItCannotDraw() {
    ResponseChart empty = ResponseChart.of("t", "x", "y");
    assertThrows(InvalidInputException.class, () -> empty.save(dir.resolve("a.png")));
    assertThrows(
        InvalidInputException.class,
        () -> empty.withCurve("c", new double[] {1}).save(dir.resolve("a.jpg")));
    assertThrows(
        InvalidInputException.class, () -> empty.withCurve("c", new double[] {1, Double.NaN}));
    assertThrows(
        InvalidInputException.class,
        () -> empty.withBand("b", new double[] {1}, new double[] {1, 2}));
    // equal names do not clash
    assertTrue(
        empty
                .withCurve("c", new double[] {1, 2})
                .withCurve("c", new double[] {2, 1})
                .encode(ResponseChart.Format.PNG)
                .length
            > 0);
  }

  @Test
  void legendsSayWhatEachChannelIs() {
    try (LstmModel model = new ReferenceBackend().create(MODEL.weights())) {
      assertEquals(
          List.of("unit 0 (b_f = 0.0)", "unit 1 (b_f = 1.0)", "unit 2 (b_f = 2.0)"),
          ResponseCharts.responseNames(model));
      ImpulseResponse r =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(2, 0, 1), 10, IrfMode.SEQUENCE);
      ResponseChart chart = ResponseCharts.irf(r, ResponseCharts.responseNames(model), "t");
      assertEquals("unit 2 (b_f = 2.0)", chart.curves().get(2).name());
      assertThrows(
          InvalidInputException.class, () -> ResponseCharts.irf(r, List.of("only one"), "t"));
    }
    assertEquals("4.6", ResponseCharts.number(Math.log(99)));
    assertEquals("0.5", ResponseCharts.number(0.5));
  }

  @Test
  void tickLabelsKeepTheirLeadingZeroAndEnoughDecimals() {
    assertEquals("0.00", AxisFormat.pattern(0, 0.2));
    assertEquals("0.00", AxisFormat.pattern(-0.12, 0.2));
    assertEquals("0.0", AxisFormat.pattern(0, 2));
    assertEquals("0", AxisFormat.pattern(0, 50));
    assertEquals("0.0##E0", AxisFormat.pattern(0, 2e-6));
    assertEquals("0.0##E0", AxisFormat.pattern(0, 3e7));
    assertEquals("0.0", AxisFormat.pattern(5, 5)); // a flat series: the value sets the scale
    assertEquals(
        "0.08",
        new java.text.DecimalFormat(
                AxisFormat.pattern(0, 0.2),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
            .format(0.08));
  }

  @Test
  void bandsOfNoWidthAreLeftOut() {
    double[] curve = {0.2, 0.1, 0.05};
    ResponseChart flatOnly = ResponseChart.of("t", "x", "y").withBand("flat", curve, curve);
    assertTrue(flatOnly.bands().get(0).isFlat());
    assertThrows(InvalidInputException.class, () -> flatOnly.encode(ResponseChart.Format.PNG));
    ResponseChart chart = flatOnly.withCurve("c", curve);
    assertEquals(List.of("c"), List.copyOf(chart.build().getSeriesMap().keySet()));
    ResponseChart wide = chart.withBand("wide", new double[] {0.1, 0.05, 0}, curve);
    assertEquals(List.of("wide", "c"), List.copyOf(wide.build().getSeriesMap().keySet()));
    assertEquals("0.00", wide.build().getStyler().getYAxisDecimalPattern());
    assertTrue(wide.encode(ResponseChart.Format.PNG).length > 0);
  }
}
