package io.lstmirf.irf.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.data.SeriesScaler;
import io.lstmirf.testing.Agreement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed-loop K x K GIRF on the reference backend, against a direct recursion. */
class MultivariateGirfsTest {
  private static final ReferenceBackend REFERENCE = new ReferenceBackend();
  private static final Agreement ROUNDING = Agreement.absolute(1e-12);
  private static final double[][] SIGMA = {{0.8, 0.3}, {0.3, 0.5}};
  private static final int LOOKBACK = 3;

  static ForecastEnsemble ensemble(double[][] data, double[][] sigma, long... seeds) {
    SeriesScaler scaler = SeriesScaler.fit(data, 0, data.length);
    List<Forecaster> members =
        Arrays.stream(seeds)
            .mapToObj(
                s ->
                    new Forecaster(
                        s, Initializer.xavier(LstmSpec.withHead(2, 4, 1, 2), 1.0, s), sigma))
            .toList();
    return new ForecastEnsemble(List.of("a", "b"), LOOKBACK, scaler, members);
  }

  static double[][] data(int n, long seed) {
    double[][] three = KnownVar.truthTestVar().simulate(n, seed).values();
    return Arrays.stream(three)
        .map(r -> new double[] {r[0], 3 * r[1] + 10})
        .toArray(double[][]::new);
  }

  private static MultiGirf girf(ForecastEnsemble e, double[][] data, MultiGirfSpec spec) {
    return new MultivariateGirfs(w -> REFERENCE.create(w), 5).compute(e, data, spec);
  }

  /** The forecast of the window {@code z[from .. from+L)} in scaled units. */
  private static double[] predict(LstmWeights w, double[][] z, int from) {
    try (LstmModel model = REFERENCE.create(w)) {
      double[][] y =
          model.forward(new double[][][] {Arrays.copyOfRange(z, from, from + LOOKBACK)})
              .responses()[0];
      return y[LOOKBACK - 1];
    }
  }

  @Test
  void oneHistoryIsTheClosedLoopRecursionInTheDataUnits() {
    int horizon = 4;
    double[][] data = data(LOOKBACK + horizon - 1, 3); // exactly one history, starting at 0
    ForecastEnsemble e = ensemble(data, SIGMA, 11);
    for (ShockIdentification id : ShockIdentification.values()) {
      MultiGirf g = girf(e, data, MultiGirfSpec.of(horizon, 10, 1, id));
      assertEquals(1, g.histories());
      double[][] d = id.impulses(SIGMA);
      SeriesScaler scaler = e.scaler();
      double[][] z = scaler.transform(data);
      LstmWeights w = e.members().get(0).weights();
      int s = LOOKBACK - 1;
      for (int j = 0; j < 2; j++) {
        double[][] shocked = z.clone();
        shocked[s] =
            new double[] {z[s][0] + d[0][j] / scaler.range(0), z[s][1] + d[1][j] / scaler.range(1)};
        double[][] expected = new double[horizon + 1][];
        expected[0] = new double[] {d[0][j], d[1][j]};
        for (int h = 1; h <= horizon; h++) {
          double[] base = predict(w, z, h - 1);
          double[] moved = predict(w, shocked, h - 1);
          double[] r = {moved[0] - base[0], moved[1] - base[1]};
          if (s + h < z.length) {
            shocked[s + h] = new double[] {z[s + h][0] + r[0], z[s + h][1] + r[1]};
          }
          expected[h] = new double[] {r[0] * scaler.range(0), r[1] * scaler.range(1)};
        }
        for (int h = 0; h <= horizon; h++) {
          double[][] mean = g.mean()[h];
          ROUNDING.assertClose(
              id + " step " + h + ", impulse " + j,
              expected[h],
              new double[] {mean[0][j], mean[1][j]});
        }
      }
    }
  }

  @Test
  void stepModeSmallChunksAndTheMembersAgree() {
    double[][] data = data(80, 5);
    ForecastEnsemble e = ensemble(data, SIGMA, 1, 2);
    MultiGirfSpec sequence = MultiGirfSpec.of(6, 20, 9, ShockIdentification.ORTHOGONALISED);
    MultiGirf a = new MultivariateGirfs(w -> REFERENCE.create(w)).compute(e, data, sequence);
    MultiGirf b =
        girf(
            e,
            data,
            new MultiGirfSpec(
                6, 20, 9, sequence.quantiles(), ShockIdentification.ORTHOGONALISED, IrfMode.STEP));
    ROUNDING.assertClose("step mode", a.mean(), b.mean());
    assertEquals(List.of(1L, 2L), a.seeds());
    assertEquals(20, a.histories());
    double[][][][] members = a.memberMeans();
    double[][][] pooled = new double[7][2][2];
    for (int h = 0; h <= 6; h++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          pooled[h][i][j] = (members[0][h][i][j] + members[1][h][i][j]) / 2;
          double lo = a.quantiles().get(0).values()[h][i][j];
          double hi = a.quantiles().get(2).values()[h][i][j];
          assertTrue(lo <= a.mean()[h][i][j] + 1e-15 && a.mean()[h][i][j] <= hi + 1e-15);
        }
      }
    }
    ROUNDING.assertClose("mean of the members' means", pooled, a.mean());
    // the orthogonalised impulse is the Cholesky factor: nothing moves a at impact but a
    assertEquals(0, a.mean()[0][0][1]);
    assertEquals(Math.sqrt(0.8), a.mean()[0][0][0], 1e-15);
    assertEquals("5%-95%", a.outerBandLabel());
    MultiGirf medianOnly =
        girf(
            e,
            data,
            new MultiGirfSpec(
                6, 20, 9, List.of(0.5), ShockIdentification.ORTHOGONALISED, IrfMode.SEQUENCE));
    assertEquals("", medianOnly.outerBandLabel());
    assertTrue(medianOnly.outerBand().isEmpty());
  }

  @Test
  void responsesAreInTheDataUnitsWhateverTheirScale() {
    // rescaling a variable by c rescales its responses by c and leaves the others unchanged:
    // the shock enters in scaled units and comes back in the data's
    double[][] data = data(60, 7);
    double[][] rescaled =
        Arrays.stream(data).map(r -> new double[] {100 * r[0] - 4, r[1]}).toArray(double[][]::new);
    double[][] sigma = {{SIGMA[0][0] * 1e4, SIGMA[0][1] * 100}, {SIGMA[1][0] * 100, SIGMA[1][1]}};
    for (ShockIdentification id : ShockIdentification.values()) {
      MultiGirfSpec spec = MultiGirfSpec.of(5, 30, 2, id);
      double[][][] a = girf(ensemble(data, SIGMA, 4), data, spec).mean();
      double[][][] b = girf(ensemble(rescaled, sigma, 4), rescaled, spec).mean();
      for (double[][] step : a) {
        for (int j = 0; j < 2; j++) {
          step[0][j] *= 100;
        }
      }
      Agreement.absolute(1e-9).assertClose(id + ", a in cents", a, b);
    }
  }

  @Test
  void tooLittleDataOrAMisshapenModelIsRefused() {
    double[][] data = data(6, 1);
    ForecastEnsemble e = ensemble(data, SIGMA, 1);
    InvalidInputException shortData =
        assertThrows(
            InvalidInputException.class,
            () -> girf(e, data, MultiGirfSpec.of(5, 10, 1, ShockIdentification.GENERALIZED)));
    assertTrue(
        shortData
            .getMessage()
            .contains(
                "no history fits in the data: each needs lookback 3"
                    + " + horizon 5 - 1 = 7 observations but the data have 6"),
        shortData.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> new Forecaster(1, Initializer.xavier(LstmSpec.withHead(2, 4, 1, 1), 1.0, 1), SIGMA));
    assertThrows(
        InvalidInputException.class,
        () -> MultiGirfSpec.of(0, 10, 1, ShockIdentification.GENERALIZED));
  }
}
