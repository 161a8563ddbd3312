package io.lstmirf.irf.multi;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.train.EpochListener;
import io.lstmirf.api.train.Training;
import io.lstmirf.api.train.TrainingHistory;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.ModelRuns;
import io.lstmirf.irf.SampleStatistics;
import io.lstmirf.irf.data.PreparedSeries;
import io.lstmirf.irf.data.Windowing;
import io.lstmirf.irf.var.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains an ensemble of one-step-ahead LSTM forecasters of a multivariate series with {@link
 * Training#fit}: window {@code i} reads {@code y[i .. i+L-1]} and its target is {@code y[i+L]} (all
 * K variables); the series is split chronologically at {@code round(T * trainFraction)}, each
 * column min-max scaled on the training part only ({@link PreparedSeries}). Each seed gives one
 * model; afterwards each model's one-step residuals over the training part give its residual
 * covariance (in the data's units) and its forecasts of the validation part its out-of-sample
 * errors.
 */
public final class EnsembleFit {
  private EnsembleFit() {}

  /**
   * Trains {@code spec.seeds()} models on {@code series}.
   *
   * @param builder builds a model from weights on the chosen backend (it is closed here)
   * @param progress told after each model has trained
   * @throws io.lstmirf.api.InvalidInputException if the series is too short for the lookback or a
   *     column of the training part is constant
   */
  public static FitOutcome fit(
      Function<LstmWeights, LstmModel> builder,
      TimeSeries series,
      FitSpec spec,
      Consumer<MemberFit> progress) {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(progress, "progress");
    PreparedSeries data =
        PreparedSeries.of(series.values(), new Windowing(spec.lookback(), 0), spec.trainFraction());
    int k = series.dimension();
    double[][] raw = data.raw();
    double[][] scaled = data.scaled();
    int trainEnd = data.trainEnd();
    double[][] trainActual = Arrays.copyOfRange(raw, spec.lookback(), trainEnd);
    double[][] validationActual = Arrays.copyOfRange(raw, trainEnd, raw.length);
    List<MemberFit> members = new ArrayList<>();
    List<Forecaster> forecasters = new ArrayList<>();
    double[][][] validationForecasts = new double[spec.seeds()][][];
    String backend = null;
    String precision = null;
    for (long seed : spec.seedList()) {
      try (LstmModel model = builder.apply(spec.initialWeights(k, seed))) {
        backend = model.backendName();
        precision = model.options().precision().id();
        long start = System.nanoTime();
        TrainingHistory history =
            Training.fit(
                model, data.train(), data.validation(), spec.training(seed), EpochListener.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelRuns runs = new ModelRuns(model, IrfMode.SEQUENCE);
        double[][] fitted =
            OneStepForecasts.lstm(
                runs, data.scaler(), scaled, spec.lookback(), spec.lookback(), trainEnd);
        double[][] forecasts =
            OneStepForecasts.lstm(
                runs, data.scaler(), scaled, spec.lookback(), trainEnd, raw.length);
        validationForecasts[members.size()] = forecasts;
        Forecaster f = new Forecaster(seed, model.weights(), covariance(fitted, trainActual));
        MemberFit member =
            new MemberFit(
                f, history.epochs(), OneStepErrors.of(forecasts, validationActual), seconds);
        forecasters.add(f);
        members.add(member);
        progress.accept(member);
      }
    }
    ForecastEnsemble ensemble =
        new ForecastEnsemble(series.names(), spec.lookback(), data.scaler(), forecasters);
    return new FitOutcome(
        ensemble,
        spec,
        backend,
        precision,
        raw.length,
        trainEnd,
        members,
        OneStepErrors.of(SampleStatistics.mean(validationForecasts), validationActual));
  }

  /** {@code (1/n) sum_t u[t] u[t]'} of the residuals {@code u = actual - fitted}. */
  static double[][] covariance(double[][] fitted, double[][] actual) {
    int n = actual.length;
    int k = actual[0].length;
    double[][] s = new double[k][k];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < k; i++) {
        double ui = actual[t][i] - fitted[t][i];
        for (int j = 0; j < k; j++) {
          s[i][j] += ui * (actual[t][j] - fitted[t][j]) / n;
        }
      }
    }
    return s;
  }
}
