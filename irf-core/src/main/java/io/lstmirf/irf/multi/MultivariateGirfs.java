package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.History;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.ModelRuns;
import io.lstmirf.irf.SampleStatistics;
import io.lstmirf.irf.data.SeriesScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Generalized impulse responses (Koop, Pesaran and Potter 1996) of a one-step LSTM forecaster of K
 * variables, the K x K analysis a VAR's {@code irf()} gives, over histories drawn from data.
 *
 * <p>A forecaster {@code y[t+1] = f(y[t-L+1..t]) + u[t+1]} is an autoregression: its own
 * predictions become its next inputs. So, unlike {@link GeneralizedImpulseResponses} (which feeds
 * exogenous inputs), the response is traced in closed loop. A history is {@code L + N - 1}
 * consecutive observations starting at {@code a}; the shock is added to the innovation of the
 * observation at {@code s = a + L - 1}, the last one of the first window. The baseline path is the
 * data itself; the shocked path is the data plus the response, {@code y*[s+h] = y[s+h] + r[h]}:
 * {@code r[0] = d} (the impulse vector) and, for {@code h >= 1}, {@code r[h] = f(y*[s+h-L ..
 * s+h-1]) - f(y[s+h-L .. s+h-1])}. Keeping the data's own later innovations in both paths and
 * averaging over histories integrates over the state at the shock and over the future shocks, which
 * is what the GIRF's expectation does; for a linear model it is exactly the moving-average response
 * {@code Phi_h d}.
 *
 * <p>Units: the models work on data scaled by the ensemble's {@link SeriesScaler}; its map is
 * affine per column, so the impulse enters as {@code d_k / range_k} and the response comes back as
 * {@code r_k range_k}. Impulses are computed from each model's own residual covariance, in the
 * data's units, so every number in the result is in the data's units. Histories are drawn with
 * {@link GeneralizedImpulseResponses#drawHistories} (the same draw for every model), and every step
 * of every history, baseline and K shocked copies, is one row of a batched forward call through
 * {@link ModelRuns} ({@code N} calls of {@code L} steps per model), in sequence or step mode.
 */
public final class MultivariateGirfs {
  private final Function<LstmWeights, LstmModel> builder;
  private final int maxRows;

  /**
   * @param builder builds each member's model (e.g. {@code w -> backend.create(w, options)}); the
   *     model is closed when its responses are computed
   */
  public MultivariateGirfs(Function<LstmWeights, LstmModel> builder) {
    this(builder, ImpulseResponses.DEFAULT_MAX_ROWS);
  }

  /**
   * @param maxRows the most rows per forward call
   */
  public MultivariateGirfs(Function<LstmWeights, LstmModel> builder, int maxRows) {
    this.builder = Objects.requireNonNull(builder, "builder");
    if (maxRows < 2) {
      throw new InvalidInputException("max rows per forward call must be >= 2, got " + maxRows);
    }
    this.maxRows = maxRows;
  }

  /**
   * The GIRF of every member of {@code ensemble}, pooled: the mean and quantiles over models and
   * histories.
   *
   * @param data the observations histories are drawn from, {@code [T][K]} in the data's units and
   *     the ensemble's variable order
   */
  public MultiGirf compute(ForecastEnsemble ensemble, double[][] data, MultiGirfSpec spec) {
    int k = ensemble.dimension();
    int length = spec.historyLength(ensemble.lookback());
    if (data.length < length) {
      throw new InvalidInputException(
          "no history fits in the data: each needs lookback "
              + ensemble.lookback()
              + " + horizon "
              + spec.horizon()
              + " - 1 = "
              + length
              + " observations but the data have "
              + data.length
              + "; use more data or a shorter"
              + " horizon");
    }
    double[][] scaled = ensemble.scaler().transform(data);
    List<History> histories =
        GeneralizedImpulseResponses.drawHistories(
            new int[] {scaled.length}, length, spec.histories(), spec.seed());
    int m = histories.size();
    List<Forecaster> members = ensemble.members();
    double[][] pooled = new double[members.size() * m][];
    double[][][][] memberMeans = new double[members.size()][][][];
    double[][][] impulses = new double[members.size()][][];
    List<Long> seeds = new ArrayList<>();
    for (int s = 0; s < members.size(); s++) {
      Forecaster f = members.get(s);
      impulses[s] = spec.identification().impulses(f.sigmaU());
      double[][][][] r;
      try (LstmModel model = builder.apply(f.weights())) {
        r =
            responses(
                new ModelRuns(model, spec.mode()),
                scaled,
                ensemble.lookback(),
                toScaled(impulses[s], ensemble.scaler()),
                spec.horizon(),
                histories);
      }
      double[][] flat = new double[m][];
      for (int i = 0; i < m; i++) {
        flat[i] = toDataUnits(r[i], ensemble.scaler());
        pooled[s * m + i] = flat[i];
      }
      memberMeans[s] = unflatten(SampleStatistics.mean(flat), spec.horizon() + 1, k);
      seeds.add(f.seed());
    }
    double[][] q = SampleStatistics.quantiles(pooled, spec.quantiles());
    List<ResponseQuantile> quantiles = new ArrayList<>();
    for (int l = 0; l < q.length; l++) {
      quantiles.add(
          new ResponseQuantile(spec.quantiles().get(l), unflatten(q[l], spec.horizon() + 1, k)));
    }
    return new MultiGirf(
        ensemble.names(),
        spec,
        m,
        seeds,
        unflatten(SampleStatistics.mean(pooled), spec.horizon() + 1, k),
        quantiles,
        memberMeans,
        impulses);
  }

  /**
   * The closed-loop responses of one model in scaled units, {@code [M][N+1][K][K]} ({@code
   * [history][step][response][impulse]}).
   *
   * @param scaled the scaled data {@code [T][K]}
   * @param impulses the scaled impulse vectors {@code [K][K]}, {@code [variable][impulse]}
   */
  double[][][][] responses(
      ModelRuns runs,
      double[][] scaled,
      int lookback,
      double[][] impulses,
      int horizon,
      List<History> histories) {
    LstmSpec spec = runs.model().spec();
    int k = impulses.length;
    if (spec.inputSize() != k || spec.responseSize() != k) {
      throw new InvalidInputException(
          "a forecaster of "
              + k
              + " variables reads and predicts "
              + k
              + "; the model reads "
              + spec.inputSize()
              + " and predicts "
              + spec.responseSize());
    }
    int m = histories.size();
    int rowsPer = k + 1; // the baseline and one shocked copy per impulse
    double[][][][] r = new double[m][horizon + 1][k][k];
    for (int i = 0; i < m; i++) {
      for (int v = 0; v < k; v++) {
        r[i][0][v] = impulses[v].clone();
      }
    }
    double[][][] windows = new double[m * rowsPer][lookback][];
    for (int h = 1; h <= horizon; h++) {
      for (int i = 0; i < m; i++) {
        int first = histories.get(i).start() + h - 1; // the window predicting s + h
        for (int row = 0; row < rowsPer; row++) {
          for (int t = 0; t < lookback; t++) {
            double[] x = scaled[first + t].clone();
            int lag = h - lookback + t; // steps after the shock; < 0 before it
            if (row > 0 && lag >= 0) {
              for (int v = 0; v < k; v++) {
                x[v] += r[i][lag][v][row - 1];
              }
            }
            windows[i * rowsPer + row][t] = x;
          }
        }
      }
      double[][] y = runs.lastResponses(windows, maxRows);
      for (int i = 0; i < m; i++) {
        double[] base = y[i * rowsPer];
        for (int j = 0; j < k; j++) {
          double[] shocked = y[i * rowsPer + 1 + j];
          for (int v = 0; v < k; v++) {
            r[i][h][v][j] = shocked[v] - base[v];
          }
        }
      }
    }
    return r;
  }

  /** Impulses {@code [variable][impulse]} in scaled units: row {@code v} over its range. */
  private static double[][] toScaled(double[][] impulses, SeriesScaler scaler) {
    double[][] out = new double[impulses.length][];
    for (int v = 0; v < impulses.length; v++) {
      out[v] = impulses[v].clone();
      for (int j = 0; j < out[v].length; j++) {
        out[v][j] /= scaler.range(v);
      }
    }
    return out;
  }

  /** One history's responses in the data's units, flat in {@code [step][response][impulse]}. */
  private static double[] toDataUnits(double[][][] r, SeriesScaler scaler) {
    int k = scaler.dimension();
    double[] out = new double[r.length * k * k];
    int at = 0;
    for (double[][] step : r) {
      for (int v = 0; v < k; v++) {
        for (int j = 0; j < k; j++) {
          out[at++] = step[v][j] * scaler.range(v);
        }
      }
    }
    return out;
  }

  private static double[][][] unflatten(double[] flat, int steps, int k) {
    return FlatArrays.unflatten(flat, steps, k, k);
  }
}
