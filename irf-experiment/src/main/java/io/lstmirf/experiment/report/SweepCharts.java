package io.lstmirf.experiment.report;

import io.lstmirf.api.CellKind;
import io.lstmirf.experiment.sweep.BiasSetting;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.TrialResult;
import io.lstmirf.irf.LayerForgetGates;
import io.lstmirf.irf.plot.ResponseChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sweep's charts: each backend's IRFs by bias, and half-life against the bias. */
public final class SweepCharts {
  private SweepCharts() {}

  /**
   * The conditional IRFs of one backend: per setting, the mean over seeds, over the band from the
   * lowest to the highest seed at each lag.
   */
  public static ResponseChart irf(String backend, SweepConfig config, List<TrialResult> results) {
    ResponseChart chart =
        ResponseChart.of(
            "IRF, "
                + backend
                + ": unit impulse at t = "
                + config.experiment().shock().time()
                + ", zero baseline; "
                + (config.seeds() > 1
                    ? "mean and range over " + config.seeds() + " seeds"
                    : "seed " + config.firstSeed()),
            "lag after the impulse",
            "response of the output");
    List<double[][]> curves = new ArrayList<>(); // per setting: {mean, min, max}
    List<String> names = new ArrayList<>();
    for (BiasSetting s : config.settings()) {
      List<double[]> arm =
          results.stream()
              .filter(r -> r.key().backend().equals(backend) && r.key().setting().equals(s))
              .map(r -> r.irf().values())
              .toList();
      if (!arm.isEmpty()) {
        curves.add(meanMinMax(arm));
        names.add(
            config.experiment().cellKind().memoryBias()
                + " = "
                + s.label()
                + (arm.size() == config.seeds()
                    ? ""
                    : " (" + arm.size() + " of " + config.seeds() + " seeds)"));
      }
    }
    // a band for every curve keeps band i in curve i's colour; the chart leaves out the flat
    // bands of one-seed arms, legend entry included
    for (int i = 0; i < curves.size(); i++) {
      chart =
          chart.withBand(
              names.get(i) + ", lowest-highest seed", curves.get(i)[1], curves.get(i)[2]);
    }
    for (int i = 0; i < curves.size(); i++) {
      chart = chart.withCurve(names.get(i), curves.get(i)[0]);
    }
    return chart;
  }

  static double[][] meanMinMax(List<double[]> series) {
    int n = series.get(0).length;
    double[][] out = new double[3][n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double[] s : series) {
        sum += s[j];
        min = Math.min(min, s[j]);
        max = Math.max(max, s[j]);
      }
      out[0][j] = sum / series.size();
      out[1][j] = min;
      out[2][j] = max;
    }
    return out;
  }

  /**
   * Half-life against the fixed forget bias: per backend the IRF half-life (mean and sd over the
   * seeds that reached it) and the half-life its mean forget gate implies; the original article's
   * claims; and {@code ln 0.5 / ln sigmoid(b_f)}, the half-life of a cell whose forget gate sees
   * nothing but its bias. Backends often agree to the digit, so each gets its own marker and line
   * pattern and is drawn slightly apart in b_f (said in the axis title), or all but the last would
   * be hidden.
   */
  public static BiasChart halfLifeVsBias(SweepConfig config, List<SummaryRow> rows) {
    List<BiasChart.Series> series = new ArrayList<>();
    Map<String, List<SummaryRow>> fixed = OriginalClaims.fixedArms(rows);
    double[] biases = config.biases().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double step = offsetStep(biases);
    List<String> backends = new ArrayList<>(fixed.keySet());
    for (int k = 0; k < backends.size(); k++) {
      List<SummaryRow> arms = fixed.get(backends.get(k));
      double shift = (k - (backends.size() - 1) / 2.0) * step;
      double[] x = arms.stream().mapToDouble(r -> OriginalClaims.bias(r) + shift).toArray();
      series.add(
          new BiasChart.Series(
              "IRF half-life, " + backends.get(k),
              x,
              arms.stream().mapToDouble(r -> r.halfLife().mean()).toArray(),
              arms.stream().mapToDouble(r -> r.halfLife().sd()).toArray(),
              BiasChart.Style.LINE,
              k));
      series.add(
          new BiasChart.Series(
              "ln 0.5 / ln mean "
                  + (config.experiment().cellKind() == CellKind.GRU ? "z" : "f")
                  + ", "
                  + backends.get(k),
              x,
              arms.stream().mapToDouble(r -> r.gateHalfLife().mean()).toArray(),
              null,
              BiasChart.Style.DASHED,
              k));
    }
    double[] claimedX =
        OriginalClaims.HALF_LIVES.keySet().stream().mapToDouble(d -> d).sorted().toArray();
    double[] claimedY = new double[claimedX.length];
    for (int i = 0; i < claimedX.length; i++) {
      claimedY[i] = OriginalClaims.HALF_LIVES.get(claimedX[i]);
    }
    CellKind cell = config.experiment().cellKind();
    if (cell == CellKind.LSTM) {
      series.add(
          new BiasChart.Series(
              "original article (claimed)", claimedX, claimedY, null, BiasChart.Style.MARKERS, 0));
    }
    String b = cell.memoryBias();
    if (biases.length > 0) {
      double[] free = new double[biases.length];
      for (int i = 0; i < biases.length; i++) {
        free[i] = LayerForgetGates.halfLife(1 / (1 + Math.exp(-biases[i])));
      }
      series.add(
          new BiasChart.Series(
              "ln 0.5 / ln sigmoid(" + b + "), input-free cell",
              biases,
              free,
              null,
              BiasChart.Style.DASHED,
              backends.size()));
    }
    String xAxis =
        cell.memoryBiasName()
            + " "
            + b
            + (backends.size() < 2
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (backends drawn %s apart so that equal values stay visible)",
                    OriginalClaims.num(step)));
    return new BiasChart(
        "Half-life against the "
            + cell.memoryBiasName()
            + " (IRF: mean ± sd"
            + " over the seeds that reached it)",
        xAxis,
        "half-life (steps)",
        series);
  }

  /** 1.5% of the biases' span (0.03 for 0..2), or 0.03 for a single bias. */
  static double offsetStep(double[] biases) {
    double span = biases.length < 2 ? 0 : biases[biases.length - 1] - biases[0];
    if (!(span > 0)) {
      return 0.03;
    }
    double rounded = Math.round(span * 0.015 * 1000) / 1000.0; // a short number for the note
    return rounded > 0 ? rounded : span * 0.015;
  }
}
