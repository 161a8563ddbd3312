package io.lstmirf.irf.plot;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.QuantileBand;
import java.util.Comparator;
import java.util.List;

/** Ready-made {@link ResponseChart charts} of this module's results. */
public final class ResponseCharts {
  private ResponseCharts() {}

  /** One curve per response channel of a conditional IRF. */
  public static ResponseChart irf(ImpulseResponse r, String title) {
    ResponseChart chart = ResponseChart.of(title, "lag after the shock", "response");
    for (int c = 0; c < r.responseChannels(); c++) {
      chart = chart.withCurve("channel " + c, r.channel(c));
    }
    return chart;
  }

  /** One curve per hidden unit's cell-state response of a conditional IRF. */
  public static ResponseChart cellIrf(ImpulseResponse r, String title) {
    ResponseChart chart = ResponseChart.of(title, "lag after the shock", "cell-state response");
    int units = r.cellResponse()[0].length;
    for (int k = 0; k < units; k++) {
      chart = chart.withCurve("unit " + k, r.cellUnit(k));
    }
    return chart;
  }

  /**
   * The mean response of every channel of a generalized IRF, each over the band between its
   * lowest and highest quantile (e.g. 5% to 95%) when there are at least two levels.
   */
  public static ResponseChart girf(GeneralizedImpulseResponse g, String title) {
    ResponseChart chart = ResponseChart.of(title, "lag after the shock",
        "mean response over " + g.histories().size() + " histories");
    List<QuantileBand> bands = g.bands().stream()
        .sorted(Comparator.comparingDouble(QuantileBand::level)).toList();
    int channels = g.mean()[0].length;
    for (int c = 0; c < channels; c++) {
      if (bands.size() >= 2) {
        QuantileBand lo = bands.get(0);
        QuantileBand hi = bands.get(bands.size() - 1);
        chart = chart.withBand("channel " + c + " " + percent(lo.level()) + "-"
            + percent(hi.level()), lo.channel(c), hi.channel(c));
      }
      chart = chart.withCurve("channel " + c + " mean", g.channel(c));
    }
    return chart;
  }

  /**
   * One curve per (impulse, response) pair of VAR impulse responses {@code [N+1][K][K]} indexed
   * {@code [step][response][impulse]}.
   */
  public static ResponseChart var(double[][][] irf, List<String> variables, String title) {
    if (irf.length == 0 || irf[0].length != variables.size()) {
      throw new InvalidInputException("VAR responses of " + (irf.length == 0 ? 0
          : irf[0].length) + " variables do not match the " + variables.size() + " names");
    }
    ResponseChart chart = ResponseChart.of(title, "step after the shock", "response");
    int k = variables.size();
    for (int impulse = 0; impulse < k; impulse++) {
      for (int response = 0; response < k; response++) {
        double[] series = new double[irf.length];
        for (int j = 0; j < irf.length; j++) {
          series[j] = irf[j][response][impulse];
        }
        chart = chart.withCurve(variables.get(impulse) + " -> " + variables.get(response),
            series);
      }
    }
    return chart;
  }

  private static String percent(double level) {
    double p = 100 * level;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }
}
