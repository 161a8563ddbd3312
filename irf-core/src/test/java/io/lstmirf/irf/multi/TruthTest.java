package io.lstmirf.irf.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.irf.var.VarModel;
import io.lstmirf.testing.Agreement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The truth test: a series simulated from a known stable VAR(2) of three variables with Gaussian
 * innovations ({@link KnownVar#truthTestVar}), a VAR(2) and an LSTM ensemble fitted on its first
 * 80%, and both models' orthogonalised impulse responses (the LSTMs' as their closed-loop
 * generalized IRF, exactly what {@code lstm-irf compare} computes) compared with the true {@code
 * Phi_h P} over steps 0..10. The error of an estimate is the RMS over steps and cells of its
 * difference from the truth, in the data's units.
 *
 * <p>The bound, {@value #MULTIPLE} times the VAR's own error, follows from what the comparison
 * means, not from the measurements: the VAR is the correctly specified, efficient estimator, so its
 * error is the sampling error of the best estimate the data allow; an LSTM must learn that the
 * dynamics are linear and of order 2 from the same data, with about sixty times the parameters, so
 * it cannot be expected to match it, but an LSTM within twice that error has recovered the dynamics
 * to the accuracy sampling permits, up to a factor of two. A forecaster that learned no dynamics at
 * all (the true impact response, then nothing) is checked to lie far outside the bound, so the
 * bound tells learning from not learning. The fast test runs in seconds on the reference backend;
 * the larger one (five times the data, more models) runs with -Psoak. The measured numbers are in
 * the README's closing note.
 */
class TruthTest {
  /** The LSTM's error may be at most this multiple of the VAR's (see the class comment). */
  static final double MULTIPLE = 2.0;

  private static final int HORIZON = 10;
  private static final long DATA_SEED = 7;

  /** The errors of one run. */
  record Errors(int observations, double var, double lstm, double noDynamics) {
    double ratio() {
      return lstm / var;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "truth test, T = %d: VAR error %.4f, LSTM error %.4f,"
              + " ratio %.2f (bound %.1f); a forecaster without dynamics: %.4f",
          observations,
          var,
          lstm,
          ratio(),
          MULTIPLE,
          noDynamics);
    }
  }

  @Test
  void theLstmRecoversTheTrueResponsesWithinTwiceTheVarsError() {
    check(measure(1000, 3));
  }

  @Test
  @Tag("soak")
  void withFiveTimesTheDataTooTheLstmStaysWithinTwiceTheVarsError() {
    check(measure(5000, 5));
  }

  /**
   * The truth itself comes from statsmodels ({@code VARProcess(coefs, intercept, sigma_u)}, written
   * by src/test/python/truth_var_statsmodels.py), not from this test's own recursion alone: the
   * same parameters, the same {@code orth_ma_rep}, and a stable process whose responses die out
   * within the horizon (the companion matrix's largest eigenvalue modulus below 0.8).
   */
  @Test
  void theTruthIsStatsmodelsStableVarProcess() throws IOException {
    JsonNode expected;
    try (InputStream in = TruthTest.class.getResourceAsStream("truth-var2.json")) {
      expected =
          JsonFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "truth-var2.json");
    }
    KnownVar truth = KnownVar.truthTestVar();
    assertArrayEquals(JsonArrays.vector(expected.get("intercept"), "intercept"), truth.intercept());
    assertArrayEquals(JsonArrays.tensor3(expected.get("coefs"), "coefs"), truth.coefs());
    assertArrayEquals(JsonArrays.matrix(expected.get("sigmaU"), "sigmaU"), truth.sigma());
    Agreement.absolute(1e-12)
        .assertClose(
            "orth_ma_rep",
            JsonArrays.tensor3(expected.get("orthMaRep"), "orthMaRep"),
            truth.orthIrf(HORIZON));
    assertTrue(expected.get("isStable").asBoolean());
    assertTrue(expected.get("companionModuli").get(0).asDouble() < 0.8);
  }

  private static void check(Errors e) {
    System.out.println(e.line());
    assertTrue(
        e.noDynamics() > MULTIPLE * e.var(),
        "the bound must exclude a forecaster" + " without dynamics: " + e.line());
    assertTrue(e.lstm() <= MULTIPLE * e.var(), e.line());
  }

  /**
   * Simulates {@code n} observations, fits both models on the first 80% and measures their errors;
   * LSTMs as {@link EnsembleFit} trains them (16 units, lookback 4, 50 epochs, Adam at 0.01,
   * batches of 32), {@code seeds} of them, their GIRF over 500 histories.
   */
  static Errors measure(int n, int seeds) {
    KnownVar truth = KnownVar.truthTestVar();
    TimeSeries series = truth.simulate(n, DATA_SEED);
    double[][][] expected = truth.orthIrf(HORIZON);
    FitSpec spec = new FitSpec(4, 16, 1, 50, seeds, 42, 32, 0.01, 0.8);
    ReferenceBackend reference = new ReferenceBackend();
    FitOutcome fit = EnsembleFit.fit(w -> reference.create(w), series, spec, m -> {});
    VarModel var = VarModel.fit(series.range(0, fit.trainEnd()), 2);
    MultiGirf lstm =
        new MultivariateGirfs(w -> reference.create(w))
            .compute(
                fit.ensemble(),
                series.values(),
                MultiGirfSpec.of(HORIZON, 500, 42, ShockIdentification.ORTHOGONALISED));
    double[][][] impactOnly = new double[HORIZON + 1][3][3];
    impactOnly[0] = expected[0];
    return new Errors(
        n,
        rms(var.orthogonalisedIrf(HORIZON), expected),
        rms(lstm.mean(), expected),
        rms(impactOnly, expected));
  }

  static double rms(double[][][] estimate, double[][][] truth) {
    double sum = 0;
    int count = 0;
    for (int h = 0; h < truth.length; h++) {
      for (int i = 0; i < truth[h].length; i++) {
        for (int j = 0; j < truth[h][i].length; j++) {
          double d = estimate[h][i][j] - truth[h][i][j];
          sum += d * d;
          count++;
        }
      }
    }
    return Math.sqrt(sum / count);
  }
}
