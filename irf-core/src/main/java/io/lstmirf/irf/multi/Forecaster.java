package io.lstmirf.irf.multi;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmWeights;
import java.util.Arrays;
import java.util.Objects;

/**
 * One trained member of a {@link ForecastEnsemble}: an LSTM with input {@code K} and a dense head
 * of {@code K} that reads the last {@code lookback} scaled observations and predicts the next one,
 * with the covariance of its one-step errors. Immutable.
 *
 * @param seed the seed of its initial weights and batch order
 * @param weights the trained weights
 * @param sigmaU the covariance of its one-step residuals {@code u[t] = y[t] - yhat[t]} over the
 *     training part, in the data's units, {@code [K][K]}: {@code (1/n) sum_t u[t] u[t]'} with no
 *     degrees-of-freedom correction (an LSTM has no clear count of parameters per equation)
 */
public record Forecaster(long seed, LstmWeights weights, double[][] sigmaU) {

  public Forecaster {
    Objects.requireNonNull(weights, "weights");
    int k = weights.spec().inputSize();
    if (weights.spec().responseSize() != k || !weights.spec().hasHead()) {
      throw new InvalidInputException(
          "a one-step forecaster of "
              + k
              + " variables needs a head"
              + " of "
              + k
              + " outputs; the model has "
              + (weights.spec().hasHead()
                  ? "a head of " + weights.spec().responseSize()
                  : "no head"));
    }
    FlatArrays.requireBox("residual covariance", sigmaU, k, k);
    FlatArrays.requireFinite("residual covariance", sigmaU);
    sigmaU = FlatArrays.copy(sigmaU);
  }

  /** K, the number of variables. */
  public int dimension() {
    return weights.spec().inputSize();
  }

  @Override
  public double[][] sigmaU() {
    return FlatArrays.copy(sigmaU);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Forecaster f
        && f.seed == seed
        && f.weights.equals(weights)
        && Arrays.deepEquals(f.sigmaU, sigmaU);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, weights, Arrays.deepHashCode(sigmaU));
  }

  @Override
  public String toString() {
    return "Forecaster[seed=" + seed + ", " + weights.spec() + "]";
  }
}
