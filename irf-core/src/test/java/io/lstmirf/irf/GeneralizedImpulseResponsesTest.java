package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.ClosedFormLayer;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generalized IRFs on the reference backend. */
class GeneralizedImpulseResponsesTest {
  private static final ClosedFormLayer CLOSED_FORM =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2}, -0.2);

  @Test
  void sameSeedSameResultOtherSeedOtherHistories() {
    double[][] data = ImpulseResponsesTest.randomWindow(300, 2, 1);
    GirfSpec spec = GirfSpec.of(new Shock(10, 1, 1.0), 15, 40, 7);
    try (LstmModel model =
        new ReferenceBackend().create(Initializer.xavier(LstmSpec.withHead(2, 4, 1, 1), 1.0, 3))) {
      GeneralizedImpulseResponses girf = new GeneralizedImpulseResponses(model);
      GeneralizedImpulseResponse a = girf.compute(data, spec, IrfMode.SEQUENCE);
      GeneralizedImpulseResponse b = girf.compute(data, spec, IrfMode.SEQUENCE);
      assertEquals(a, b);
      assertEquals(40, a.histories().size());
      GeneralizedImpulseResponse other =
          girf.compute(data, GirfSpec.of(new Shock(10, 1, 1.0), 15, 40, 8), IrfMode.SEQUENCE);
      assertNotEquals(a.histories(), other.histories());
      // step mode and small chunks give the same numbers
      GeneralizedImpulseResponse stepped =
          new GeneralizedImpulseResponses(model, 7).compute(data, spec, IrfMode.STEP);
      assertEquals(a.histories(), stepped.histories());
      Agreement.absolute(1e-12).assertClose("stepped mean", a.mean(), stepped.mean());
      assertEquals(3, a.bands().size());
      assertEquals(0.05, a.bands().get(0).level());
      for (int j = 0; j < 15; j++) {
        double lo = a.bands().get(0).values()[j][0];
        double mid = a.bands().get(1).values()[j][0];
        double hi = a.bands().get(2).values()[j][0];
        assertTrue(lo <= mid && mid <= hi);
      }
      assertEquals(1, a.metrics().size());
    }
  }

  @Test
  void meanAndBandsFollowTheClosedFormOverRealHistories() {
    // With W_hh = 0 and the input only in g, the cell is linear in past g's:
    // dc[t0 + j] = f^j sigmoid(b_i) (tanh(w (x + s)) - tanh(w x)), x the data at the shock.
    double[][] data = ImpulseResponsesTest.randomWindow(200, 1, 4);
    int t0 = 6;
    double s = 0.9;
    int horizon = 12;
    GirfSpec spec = new GirfSpec(new Shock(t0, 0, s), horizon, 50, 11, List.of(0.1, 0.9));
    try (LstmModel model = new ReferenceBackend().create(CLOSED_FORM.weights())) {
      GeneralizedImpulseResponse g =
          new GeneralizedImpulseResponses(model).compute(data, spec, IrfMode.SEQUENCE);
      double[] impact = new double[g.histories().size()];
      for (int i = 0; i < impact.length; i++) {
        double x = data[g.histories().get(i).start() + t0][0];
        impact[i] = ClosedFormLayer.sigmoid(0.3) * (Math.tanh(0.8 * (x + s)) - Math.tanh(0.8 * x));
      }
      double meanImpact = java.util.Arrays.stream(impact).average().orElseThrow();
      for (int j = 0; j < horizon; j++) {
        for (int k = 0; k < 3; k++) {
          double decay = Math.pow(CLOSED_FORM.forgetGate(k), j);
          assertEquals(decay * meanImpact, g.cellMean()[j][k], 1e-12);
          assertEquals(
              decay * Quantiles.of(impact, 0.1), g.cellBands().get(0).values()[j][k], 1e-12);
          assertEquals(
              decay * Quantiles.of(impact, 0.9), g.cellBands().get(1).values()[j][k], 1e-12);
        }
      }
    }
  }

  @Test
  void historiesAreDistinctSortedAndFit() {
    int[] lengths = {30, 5, 25};
    List<History> h = GeneralizedImpulseResponses.drawHistories(lengths, 10, 15, 3);
    assertEquals(15, h.size());
    assertEquals(15, new HashSet<>(h).size());
    for (int i = 0; i < h.size(); i++) {
      History x = h.get(i);
      assertTrue(x.series() != 1, "series 1 is too short for a history");
      assertTrue(x.start() + 10 <= lengths[x.series()]);
      if (i > 0) {
        History p = h.get(i - 1);
        assertTrue(p.series() < x.series() || p.series() == x.series() && p.start() < x.start());
      }
    }
    // asking for more than there are (21 + 16) gives all of them, whatever the seed
    List<History> all = GeneralizedImpulseResponses.drawHistories(lengths, 10, 100, 1);
    assertEquals(37, all.size());
    assertEquals(all, GeneralizedImpulseResponses.drawHistories(lengths, 10, 37, 99));
    assertEquals(new History(2, 0), all.get(21));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> GeneralizedImpulseResponses.drawHistories(lengths, 31, 5, 1));
    assertTrue(e.getMessage().contains("31 steps"), e.getMessage());
  }

  @Test
  void rejectsDataThatDoesNotFitTheModel() {
    try (LstmModel model = new ReferenceBackend().create(CLOSED_FORM.weights())) {
      GeneralizedImpulseResponses girf = new GeneralizedImpulseResponses(model);
      GirfSpec spec = GirfSpec.of(new Shock(2, 0, 1), 5, 10, 1);
      assertThrows(
          InvalidInputException.class,
          () -> girf.compute(new double[50][2], spec, IrfMode.SEQUENCE));
      double[][] bad = new double[50][1];
      bad[3][0] = Double.NaN;
      assertThrows(InvalidInputException.class, () -> girf.compute(bad, spec, IrfMode.SEQUENCE));
      assertThrows(
          InvalidInputException.class,
          () -> new GirfSpec(new Shock(2, 0, 1), 5, 10, 1, List.of(1.5)));
      assertThrows(InvalidInputException.class, () -> GirfSpec.of(new Shock(2, 0, 1), 5, 0, 1));
    }
  }

  @Test
  void quantilesInterpolateLikeNumpy() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
    // np.quantile(x, [0, 0.05, 0.5, 0.95, 1])
    assertEquals(1.0, Quantiles.of(x, 0), 0);
    assertEquals(1.0, Quantiles.of(x, 0.05), 1e-15);
    assertEquals(3.5, Quantiles.of(x, 0.5), 1e-15);
    assertEquals(7.949999999999999, Quantiles.of(x, 0.95), 1e-12);
    assertEquals(9.0, Quantiles.of(x, 1), 0);
    assertEquals(2.0, Quantiles.of(new double[] {2}, 0.3), 0);
  }
}
