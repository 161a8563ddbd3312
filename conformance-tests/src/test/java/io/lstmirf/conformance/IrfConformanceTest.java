package io.lstmirf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ForgetGateProfile;
import io.lstmirf.irf.GeneralizedImpulseResponse;
import io.lstmirf.irf.GeneralizedImpulseResponses;
import io.lstmirf.irf.GirfSpec;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.LayerForgetGates;
import io.lstmirf.irf.Shock;
import io.lstmirf.irf.data.SeriesScaler;
import io.lstmirf.irf.metrics.ResponseMetrics;
import io.lstmirf.irf.multi.ForecastEnsemble;
import io.lstmirf.irf.multi.Forecaster;
import io.lstmirf.irf.multi.MultiGirf;
import io.lstmirf.irf.multi.MultiGirfSpec;
import io.lstmirf.irf.multi.MultivariateGirfs;
import io.lstmirf.irf.multi.ShockIdentification;
import io.lstmirf.testing.ClosedFormLayer;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Impulse responses computed through the api on every backend: the closed form of irf-method.md in
 * both modes, exact half-lives, and agreement with the reference on a general model, for the
 * generalized IRF and for the closed-loop K x K GIRF of multivariate forecasters.
 */
@ForEachBackend
class IrfConformanceTest {
  /** One unit per forget bias b_f = 0, 1, 2, ln 99: forget gates 0.5, 0.731, 0.881, 0.99. */
  private static final ClosedFormLayer CLOSED_FORM =
      ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0, 1, 2, Math.log(99)}, -0.2);

  private static final Shock SHOCK = new Shock(5, 0, 1.5);
  private static final int HORIZON = 100;

  private final ConformanceTarget target;

  IrfConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IrfMode.class)
  void closedFormIsReproduced(IrfMode mode) {
    try (LstmModel model = target.create(CLOSED_FORM.weights())) {
      ImpulseResponse r =
          new ImpulseResponses(model).compute(Baseline.zeros(), SHOCK, HORIZON, mode);
      target
          .agreement()
          .assertClose(
              mode + " response vs the closed form",
              CLOSED_FORM.hiddenResponse(SHOCK.size(), HORIZON),
              r.response());
      target
          .agreement()
          .assertClose(
              mode + " cell response vs the closed form",
              CLOSED_FORM.cellResponse(SHOCK.size(), HORIZON),
              r.cellResponse());
      // the first lag with f^j < 1/2, strictly: 0.5^1 is not below 1/2, so b_f = 0 gives 2
      assertEquals(halfLives(2, 3, 6, 69), halfLives(r.cellMetrics()), mode + " cell");
      assertEquals(halfLives(2, 3, 6, 75), halfLives(r.metrics()), mode + " hidden");
    }
  }

  @Test
  void halfLifeGrowsWithTheForgetBias() {
    ClosedFormLayer oneUnit = ClosedFormLayer.ofForgetBiases(0.8, 0.3, new double[] {0}, -0.2);
    double[] biases = {0, 1, 2, Math.log(99)};
    int[] expected = {2, 3, 6, 69};
    try (LstmModel model = target.create(oneUnit.weights())) {
      ImpulseResponses irf = new ImpulseResponses(model);
      for (int i = 0; i < biases.length; i++) {
        model.setForgetBias(biases[i]);
        for (IrfMode mode : IrfMode.values()) {
          ImpulseResponse r = irf.compute(Baseline.zeros(), SHOCK, HORIZON, mode);
          assertEquals(
              OptionalInt.of(expected[i]),
              r.cellMetrics().get(0).halfLife(),
              "b_f = " + biases[i] + ", " + mode);
        }
      }
    }
  }

  @Test
  void forgetGatesGiveTheTheoreticalTimeConstants() {
    try (LstmModel model = target.create(CLOSED_FORM.weights())) {
      double[][][] inputs = RandomData.uniform(2, 20, 1, 1.0, 601);
      LayerForgetGates gates = ForgetGateProfile.measure(model, inputs).layer(0);
      double[] f = new double[4];
      double[] halfLife = new double[4];
      for (int k = 0; k < 4; k++) {
        f[k] = CLOSED_FORM.forgetGate(k);
        halfLife[k] = LayerForgetGates.halfLife(f[k]);
      }
      target.agreement().assertClose("mean forget gate", f, gates.meanForget());
      // 1, 2.21, 5.46, 68.97 steps; d(half-life)/df = ln 2 / (f ln^2 f) amplifies f's error
      // about 7000-fold at f = 0.99, hence the relative comparison
      double[] h = gates.halfLife();
      for (int k = 0; k < 4; k++) {
        assertEquals(
            halfLife[k],
            h[k],
            halfLife[k] * 1e4 * target.tolerance().value(),
            "half-life of unit " + k);
      }
    }
  }

  @Test
  void sequenceAndStepAgreeWithTheReferenceOnAGeneralModel() {
    LstmSpec spec = LstmSpec.withHead(2, 6, 2, 2);
    LstmWeights weights = RandomData.weights(spec, 0.6, 611);
    double[][] window = RandomData.uniform(1, 40, 2, 1.0, 612)[0];
    Baseline baseline = Baseline.window(window, RandomData.state(spec, 1, 0.5, 613));
    List<Shock> shocks =
        List.of(new Shock(3, 0, 1.0), new Shock(10, 1, -0.5), new Shock(0, 1, 2.0));
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      List<ImpulseResponse> expected =
          new ImpulseResponses(reference).computeAll(baseline, shocks, 25, IrfMode.SEQUENCE);
      for (IrfMode mode : IrfMode.values()) {
        List<ImpulseResponse> actual =
            new ImpulseResponses(model).computeAll(baseline, shocks, 25, mode);
        for (int s = 0; s < shocks.size(); s++) {
          target
              .agreement()
              .assertClose(
                  mode + " response to " + shocks.get(s),
                  expected.get(s).response(),
                  actual.get(s).response());
          target
              .agreement()
              .assertClose(
                  mode + " cell response to " + shocks.get(s),
                  expected.get(s).cellResponse(),
                  actual.get(s).cellResponse());
        }
      }
    }
  }

  @Test
  void generalizedIrfAgreesWithTheReference() {
    LstmSpec spec = LstmSpec.withHead(1, 5, 1, 1);
    LstmWeights weights = RandomData.weights(spec, 0.7, 621);
    double[][] data = RandomData.uniform(1, 200, 1, 1.0, 622)[0];
    GirfSpec girf = GirfSpec.of(new Shock(15, 0, 1.0), 20, 30, 623);
    try (LstmModel model = target.create(weights);
        LstmModel reference = ReferenceOracle.model(weights)) {
      GeneralizedImpulseResponse expected =
          new GeneralizedImpulseResponses(reference).compute(data, girf, IrfMode.SEQUENCE);
      GeneralizedImpulseResponse actual =
          new GeneralizedImpulseResponses(model).compute(data, girf, IrfMode.SEQUENCE);
      assertEquals(
          expected.histories(),
          actual.histories(),
          "the same seed draws the same" + " histories on every backend");
      target.agreement().assertClose("mean response", expected.mean(), actual.mean());
      target.agreement().assertClose("mean cell response", expected.cellMean(), actual.cellMean());
      for (int q = 0; q < expected.bands().size(); q++) {
        target
            .agreement()
            .assertClose(
                "band " + expected.bands().get(q).level(),
                expected.bands().get(q).values(),
                actual.bands().get(q).values());
      }
    }
  }

  /**
   * The closed-loop K x K GIRF of {@code mirf} and {@code compare}: every step feeds the model
   * windows that hold its own earlier responses, so engine rounding could compound; it must not
   * beyond the target's tolerance, in either mode, for both shock identifications.
   */
  @Test
  void multivariateGirfAgreesWithTheReference() {
    LstmSpec spec = LstmSpec.withHead(2, 5, 1, 2);
    double[][] data = RandomData.uniform(1, 120, 2, 1.0, 631)[0];
    double[][] sigma = {{0.04, 0.01}, {0.01, 0.02}};
    ForecastEnsemble ensemble =
        new ForecastEnsemble(
            List.of("a", "b"),
            6,
            SeriesScaler.fit(data, 0, 100),
            List.of(
                new Forecaster(1, RandomData.weights(spec, 0.6, 632), sigma),
                new Forecaster(2, RandomData.weights(spec, 0.6, 633), sigma)));
    for (ShockIdentification id : ShockIdentification.values()) {
      MultiGirfSpec sequence = MultiGirfSpec.of(12, 25, 634, id);
      MultiGirf expected =
          new MultivariateGirfs(ReferenceOracle::model).compute(ensemble, data, sequence);
      for (IrfMode mode : IrfMode.values()) {
        MultiGirf actual =
            new MultivariateGirfs(target::create)
                .compute(
                    ensemble, data, new MultiGirfSpec(12, 25, 634, sequence.quantiles(), id, mode));
        target.agreement().assertClose(id + ", " + mode + ": mean", expected.mean(), actual.mean());
        for (int q = 0; q < expected.quantiles().size(); q++) {
          target
              .agreement()
              .assertClose(
                  id + ", " + mode + ": quantile " + expected.quantiles().get(q).level(),
                  expected.quantiles().get(q).values(),
                  actual.quantiles().get(q).values());
        }
      }
    }
  }

  private static List<OptionalInt> halfLives(int... values) {
    return java.util.Arrays.stream(values).mapToObj(OptionalInt::of).toList();
  }

  private static List<OptionalInt> halfLives(List<ResponseMetrics> metrics) {
    return metrics.stream().map(ResponseMetrics::halfLife).toList();
  }
}
