package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.SampleStatistics;
import io.lstmirf.irf.var.ResponseBand;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarBands;
import io.lstmirf.irf.var.VarModel;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A VAR and an ensemble of LSTM forecasters fitted on the same data, side by side: the VAR's
 * orthogonalised impulse responses with their asymptotic bands, the LSTMs' orthogonalised
 * generalized impulse responses with quantile bands of the same nominal coverage across models and
 * histories, how far apart they are, and how well each forecasts one step out of sample.
 *
 * <p>Both models are estimated on the training part {@code [0, trainEnd)} only, and both forecast
 * the same validation observations {@code [trainEnd, T)} from the actual observations before them;
 * the LSTMs' histories are drawn from the whole series. The distance of cell {@code (response i,
 * impulse k)} is {@code D = RMS_j(g[j][i][k] - phi[j][i][k]) / RMS_j(w[j][i][k])} over steps {@code
 * j = 0..N}, where {@code g} is the LSTMs' mean response, {@code phi} the VAR's, and {@code w} the
 * half-width of the VAR's band: {@code D <= 1} means the LSTM's response lies, in the RMS sense,
 * within the VAR's confidence band. The bands mean different things: the VAR's is sampling
 * uncertainty of its estimate, the LSTMs' is the spread across training seeds and histories (state
 * dependence), not a confidence band.
 *
 * @param names the variables, {@code [K]}, in the order that identifies the shocks
 * @param observations T
 * @param trainEnd the first validation observation
 * @param var the VAR fitted on the training part
 * @param varIrf its orthogonalised responses {@code [N+1][K][K]}
 * @param varBands its asymptotic bands (the orthogonalised ones are drawn)
 * @param fit the LSTM ensemble and how it trained
 * @param lstm the ensemble's orthogonalised GIRF
 * @param rmsDifference {@code RMS_j(g - phi)} per cell, {@code [K][K]} {@code [response][impulse]}
 * @param distance {@code D} per cell, {@code [K][K]}; NaN where the VAR's band has no width
 * @param varErrors the VAR's one-step errors on the validation part
 * @param lstmErrors the ensemble's (the members' mean forecast)
 * @param meanErrors those of the training part's mean, the forecast that knows no dynamics
 */
public record Comparison(
    List<String> names,
    int observations,
    int trainEnd,
    VarModel var,
    double[][][] varIrf,
    VarBands varBands,
    FitOutcome fit,
    MultiGirf lstm,
    double[][] rmsDifference,
    double[][] distance,
    OneStepErrors varErrors,
    OneStepErrors lstmErrors,
    OneStepErrors meanErrors) {

  public Comparison {
    names = List.copyOf(names);
    Objects.requireNonNull(var, "var");
    Objects.requireNonNull(varBands, "varBands");
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(lstm, "lstm");
    varIrf = FlatArrays.copy(varIrf);
    rmsDifference = FlatArrays.copy(rmsDifference);
    distance = FlatArrays.copy(distance);
  }

  /**
   * Fits both models on {@code series} and compares them.
   *
   * @param builder builds each LSTM on the chosen backend
   * @param lags the VAR's order p
   * @param horizon N
   * @param histories histories per LSTM for its GIRF
   * @param seed the draw of the histories
   * @param signif the bands' significance: VAR bands at {@code 1 - signif}, LSTM quantiles {@code
   *     signif/2, 0.5, 1 - signif/2}
   * @param progress told as each LSTM has trained
   */
  public static Comparison run(
      Function<LstmWeights, LstmModel> builder,
      TimeSeries series,
      int lags,
      int horizon,
      FitSpec spec,
      int histories,
      long seed,
      double signif,
      Consumer<MemberFit> progress) {
    FitOutcome fit = EnsembleFit.fit(builder, series, spec, progress);
    int trainEnd = fit.trainEnd();
    int n = series.length();
    VarModel var = VarModel.fit(series.range(0, trainEnd), lags);
    VarBands bands = var.irfAnalysis(horizon).asymptoticBands(signif);
    MultiGirf girf =
        new MultivariateGirfs(builder)
            .compute(
                fit.ensemble(),
                series.values(),
                new MultiGirfSpec(
                    horizon,
                    histories,
                    seed,
                    List.of(signif / 2, 0.5, 1 - signif / 2),
                    ShockIdentification.ORTHOGONALISED,
                    IrfMode.SEQUENCE));
    double[][] data = series.values();
    double[][] actual = Arrays.copyOfRange(data, trainEnd, n);
    double[] trainMean = SampleStatistics.mean(Arrays.copyOfRange(data, 0, trainEnd));
    double[][] flat = new double[n - trainEnd][];
    Arrays.fill(flat, trainMean);
    double[][][] varIrf = var.orthogonalisedIrf(horizon);
    double[][][] g = girf.mean();
    int k = series.dimension();
    double[][] rms = new double[k][k];
    double[][] distance = new double[k][k];
    ResponseBand band = bands.orthIrf();
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < k; c++) {
        double diff = 0;
        double width = 0;
        double[] lower = band.lower(i, c);
        double[] upper = band.upper(i, c);
        for (int j = 0; j <= horizon; j++) {
          double d = g[j][i][c] - varIrf[j][i][c];
          double w = (upper[j] - lower[j]) / 2;
          diff += d * d;
          width += w * w;
        }
        rms[i][c] = Math.sqrt(diff / (horizon + 1));
        distance[i][c] = width > 0 ? Math.sqrt(diff / width) : Double.NaN;
      }
    }
    return new Comparison(
        series.names(),
        n,
        trainEnd,
        var,
        varIrf,
        bands,
        fit,
        girf,
        rms,
        distance,
        OneStepErrors.of(OneStepForecasts.var(var, data, trainEnd, n), actual),
        fit.ensembleValidation(),
        OneStepErrors.of(flat, actual));
  }

  /** N. */
  public int horizon() {
    return varIrf.length - 1;
  }

  @Override
  public double[][][] varIrf() {
    return FlatArrays.copy(varIrf);
  }

  @Override
  public double[][] rmsDifference() {
    return FlatArrays.copy(rmsDifference);
  }

  @Override
  public double[][] distance() {
    return FlatArrays.copy(distance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Comparison c
        && c.names.equals(names)
        && c.observations == observations
        && c.trainEnd == trainEnd
        && c.var == var
        && Arrays.deepEquals(c.varIrf, varIrf)
        && c.varBands.equals(varBands)
        && c.fit.equals(fit)
        && c.lstm.equals(lstm)
        && Arrays.deepEquals(c.rmsDifference, rmsDifference)
        && Arrays.deepEquals(c.distance, distance)
        && c.varErrors.equals(varErrors)
        && c.lstmErrors.equals(lstmErrors)
        && c.meanErrors.equals(meanErrors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        names,
        observations,
        trainEnd,
        Arrays.deepHashCode(varIrf),
        lstm,
        Arrays.deepHashCode(distance));
  }

  @Override
  public String toString() {
    return "Comparison"
        + names
        + "[VAR("
        + var.lags()
        + ") vs "
        + lstm.seeds().size()
        + " LSTM(s), N="
        + horizon()
        + "]";
  }
}
