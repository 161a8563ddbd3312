package io.lstmirf.irf.plot;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.QuantileBand;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Ready-made {@link ResponseChart charts} of this module's results. */
public final class ResponseCharts {
  private ResponseCharts() {}

  /**
   * What each response channel of {@code model} is, for legends: {@code output k} of its dense head
   * ({@code output} when there is one), or without a head {@code unit k (b_f = v)}, the top layer's
   * hidden unit with its memory gate's bias now ({@code b_z} for a GRU).
   */
  public static List<String> responseNames(LstmModel model) {
    LstmSpec spec = model.spec();
    if (!spec.hasHead()) {
      return unitNames(model);
    }
    int outputs = spec.responseSize();
    return IntStream.range(0, outputs)
        .mapToObj(k -> outputs == 1 ? "output" : "output " + k)
        .toList();
  }

  /**
   * {@code unit k (b_f = v)} for every hidden unit of {@code model}'s top layer ({@code b_z} for a
   * GRU); a bidirectional layer's units are named {@code unit k forward} and {@code unit k
   * backward}.
   */
  public static List<String> unitNames(LstmModel model) {
    LstmSpec spec = model.spec();
    int top = spec.numLayers() - 1;
    double[] bias = model.memoryGateBias(top);
    String label = spec.layerKind(top).cell().memoryBias();
    int h = spec.hiddenSize();
    boolean both = spec.layerKind(top).directions() == 2;
    return IntStream.range(0, bias.length)
        .mapToObj(
            k ->
                "unit "
                    + (k % h)
                    + (both ? (k < h ? " forward" : " backward") : "")
                    + " ("
                    + label
                    + " = "
                    + number(bias[k])
                    + ")")
        .toList();
  }

  /** One curve per response channel of a conditional IRF, named {@code channel k}. */
  public static ResponseChart irf(ImpulseResponse r, String title) {
    return irf(r, numbered("channel", r.responseChannels()), title);
  }

  /** One curve per response channel, named by {@code channels} (see {@link #responseNames}). */
  public static ResponseChart irf(ImpulseResponse r, List<String> channels, String title) {
    requireNames(channels, r.responseChannels(), "response channels");
    ResponseChart chart = ResponseChart.of(title, "lag after the shock", "response");
    for (int c = 0; c < r.responseChannels(); c++) {
      chart = chart.withCurve(channels.get(c), r.channel(c));
    }
    return chart;
  }

  /** One curve per hidden unit's cell-state response of a conditional IRF. */
  public static ResponseChart cellIrf(ImpulseResponse r, String title) {
    return cellIrf(r, numbered("unit", r.cellResponse()[0].length), title);
  }

  /** One curve per hidden unit's cell-state response, named by {@code units}. */
  public static ResponseChart cellIrf(ImpulseResponse r, List<String> units, String title) {
    int n = r.cellResponse()[0].length;
    requireNames(units, n, "hidden units");
    ResponseChart chart = ResponseChart.of(title, "lag after the shock", "cell-state response");
    for (int k = 0; k < n; k++) {
      chart = chart.withCurve(units.get(k), r.cellUnit(k));
    }
    return chart;
  }

  /** {@link #girf(GeneralizedImpulseResponse, List, String)} with channels named by number. */
  public static ResponseChart girf(GeneralizedImpulseResponse g, String title) {
    return girf(g, numbered("channel", g.mean()[0].length), title);
  }

  /**
   * The mean response of every channel of a generalized IRF, each over the band between its lowest
   * and highest quantile (e.g. 5% to 95%) when there are at least two levels; channels named by
   * {@code channels}.
   */
  public static ResponseChart girf(
      GeneralizedImpulseResponse g, List<String> channels, String title) {
    int n = g.mean()[0].length;
    requireNames(channels, n, "response channels");
    ResponseChart chart =
        ResponseChart.of(
            title,
            "lag after the shock",
            "mean response over " + g.histories().size() + " histories");
    List<QuantileBand> bands =
        g.bands().stream().sorted(Comparator.comparingDouble(QuantileBand::level)).toList();
    for (int c = 0; c < n; c++) {
      if (bands.size() >= 2) {
        QuantileBand lo = bands.get(0);
        QuantileBand hi = bands.get(bands.size() - 1);
        chart =
            chart.withBand(
                channels.get(c) + " " + percent(lo.level()) + "-" + percent(hi.level()),
                lo.channel(c),
                hi.channel(c));
      }
      chart = chart.withCurve(channels.get(c) + " mean", g.channel(c));
    }
    return chart;
  }

  private static List<String> numbered(String what, int n) {
    return IntStream.range(0, n).mapToObj(k -> what + " " + k).toList();
  }

  private static void requireNames(List<String> names, int n, String what) {
    if (names.size() != n) {
      throw new InvalidInputException(names.size() + " names for " + n + " " + what);
    }
  }

  /** 1.0, 0.5, 4.6: one decimal for whole numbers, else three significant digits. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /**
   * One curve per (impulse, response) pair of VAR impulse responses {@code [N+1][K][K]} indexed
   * {@code [step][response][impulse]}.
   */
  public static ResponseChart var(double[][][] irf, List<String> variables, String title) {
    if (irf.length == 0 || irf[0].length != variables.size()) {
      throw new InvalidInputException(
          "VAR responses of "
              + (irf.length == 0 ? 0 : irf[0].length)
              + " variables do not match the "
              + variables.size()
              + " names");
    }
    ResponseChart chart = ResponseChart.of(title, "step after the shock", "response");
    int k = variables.size();
    for (int impulse = 0; impulse < k; impulse++) {
      for (int response = 0; response < k; response++) {
        double[] series = new double[irf.length];
        for (int j = 0; j < irf.length; j++) {
          series[j] = irf[j][response][impulse];
        }
        chart = chart.withCurve(variables.get(impulse) + " -> " + variables.get(response), series);
      }
    }
    return chart;
  }

  private static String percent(double level) {
    double p = 100 * level;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }
}
