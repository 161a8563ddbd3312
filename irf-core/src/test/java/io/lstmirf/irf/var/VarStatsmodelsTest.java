package io.lstmirf.irf.var;

import static io.lstmirf.irf.var.StatsmodelsCase.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field of {@code var-irf} against statsmodels 0.13.5 itself (the JSON written by
 * src/test/python/var_statsmodels_oracle.py): the simulated var3.csv, the US macro data, and
 * simulated K = 2 and K = 4 series with p = 1..3.
 */
class VarStatsmodelsTest {
  // Relative tolerances, 15 to 30 times the largest difference measured over all cases (the
  // issue asks for 1e-6); StatsmodelsCase.assertClose states the floor for near-zero elements.
  /**
   * The fit: coefficients, intercept, Sigma_u, information criteria (measured 6.4e-13, the
   * near-zero coefficients of k4-p1: numpy solves by SVD, EJML by QR).
   */
  private static final double FIT = 1e-11;

  /**
   * Impulse responses, cumulative and long-run effects, FEVD (measured 3.9e-12, the smallest
   * late-step responses of macro-p3).
   */
  private static final double RESPONSES = 1e-10;

  /** Asymptotic standard errors and covariances (measured 5.7e-14). */
  private static final double STDERR = 1e-12;

  /** Asymptotic bands, value -/+ z stderr, whose edges can cancel to near 0 (measured 3.1e-11). */
  private static final double BANDS = 1e-9;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "var3-p2",
        "macro-p2",
        "macro-p3",
        "k2-p1",
        "k2-p3",
        "k4-p1",
        "k4-p2",
        "k4-p3",
        "k2-p1-mc"
      })
  void everyFieldMatchesStatsmodels(String name) {
    StatsmodelsCase c = StatsmodelsCase.load(name);
    VarModel var = VarModel.fit(c.series(), c.lags());
    Map<String, Double> worst = new TreeMap<>();
    assertEquals(c.get("nobs").asInt(), var.observations());
    assertEquals(c.get("dfResid").asInt(), var.degreesOfFreedom());
    worst.put("coefs", assertClose(name + " coefs", c.get("coefs"), var.coefficients(), FIT));
    worst.put(
        "intercept", assertClose(name + " intercept", c.get("intercept"), var.intercept(), FIT));
    worst.put("sigmaU", assertClose(name + " sigmaU", c.get("sigmaU"), var.sigmaU(), FIT));
    worst.put(
        "sigmaUMle", assertClose(name + " sigmaUMle", c.get("sigmaUMle"), var.sigmaUMle(), FIT));
    InformationCriteria ic = var.informationCriteria();
    JsonNode eic = c.get("informationCriteria");
    worst.put(
        "informationCriteria",
        Math.max(
            Math.max(
                assertClose(name + " aic", eic.get("aic"), ic.aic(), FIT),
                assertClose(name + " bic", eic.get("bic"), ic.bic(), FIT)),
            Math.max(
                assertClose(name + " hqic", eic.get("hqic"), ic.hqic(), FIT),
                assertClose(name + " fpe", eic.get("fpe"), ic.fpe(), FIT))));

    VarIrfAnalysis a = var.irfAnalysis(c.horizon());
    check(worst, c, "irf", a.irf().values(), RESPONSES);
    check(worst, c, "orthIrf", a.orthIrf().values(), RESPONSES);
    check(worst, c, "cumEffects", a.cumEffects().values(), RESPONSES);
    check(worst, c, "orthCumEffects", a.orthCumEffects().values(), RESPONSES);
    check(worst, c, "longRunEffects", a.longRunEffects(), RESPONSES);
    check(worst, c, "orthLongRunEffects", a.orthLongRunEffects(), RESPONSES);
    check(worst, c, "fevd", var.fevd(c.horizon()).decomp(), RESPONSES);
    check(worst, c, "irfStderr", a.irf().stderr(), STDERR);
    check(worst, c, "orthIrfStderr", a.orthIrf().stderr(), STDERR);
    check(worst, c, "cumEffectsStderr", a.cumEffects().stderr(), STDERR);
    check(worst, c, "orthCumEffectsStderr", a.orthCumEffects().stderr(), STDERR);
    check(worst, c, "longRunEffectsStderr", a.longRunEffectsStderr(), STDERR);

    for (JsonNode expected : c.get("bands")) {
      double signif = expected.get("signif").asDouble();
      worst.merge(
          "z",
          assertClose(name + " z", expected.get("z"), VarBands.criticalValue(signif), STDERR),
          Math::max);
      VarBands bands = a.asymptoticBands(signif);
      assertEquals(BandMethod.ASYMPTOTIC, bands.method());
      band(worst, name, expected, "irf", bands.irf());
      band(worst, name, expected, "orthIrf", bands.orthIrf());
      band(worst, name, expected, "cumEffects", bands.cumEffects());
      band(worst, name, expected, "orthCumEffects", bands.orthCumEffects());
    }
    // the measured agreement, for the record (the README quotes the worst case)
    System.out.println("statsmodels " + name + ": largest relative differences " + worst);
  }

  @ParameterizedTest
  @ValueSource(strings = {"var3-p2", "k2-p1"})
  void covariancesOfVecMatchStatsmodels(String name) {
    StatsmodelsCase c = StatsmodelsCase.load(name);
    VarIrfCovariances cov = VarIrfCovariances.of(VarModel.fit(c.series(), c.lags()), c.horizon());
    assertClose(name + " cov", c.get("irfCov"), cov.irf(), STDERR);
    assertClose(name + " orth cov", c.get("orthIrfCov"), cov.orthIrf(), STDERR);
    assertClose(name + " cum cov", c.get("cumEffectsCov"), cov.cumEffects(), STDERR);
    assertClose(name + " orth cum cov", c.get("orthCumEffectsCov"), cov.orthCumEffects(), STDERR);
  }

  @Test
  void lagOrderSelectionMatchesStatsmodels() {
    JsonNode expected = StatsmodelsCase.load("macro-select-order").json();
    LagOrderSelection s =
        VarModel.selectOrder(
            StatsmodelsCase.load("macro-p2").series(), expected.get("maxlags").asInt());
    for (InformationCriterion c : InformationCriterion.values()) {
      double[] byLag = s.byLag().stream().mapToDouble(ic -> ic.get(c)).toArray();
      assertClose("select_order " + c.id(), expected.get("ics").get(c.id()), byLag, FIT);
      assertEquals(expected.get("selected").get(c.id()).asInt(), s.selected(c), c.id());
    }
  }

  @Test
  void theShippedMacroDataIsWhatStatsmodelsFitted() {
    Path examples = examples();
    TimeSeries logDiff = CsvSeries.read(examples.resolve("us-macro-logdiff.csv"));
    assertEquals(StatsmodelsCase.load("macro-p2").series(), logDiff);
    TimeSeries levels = CsvSeries.read(examples.resolve("us-macro.csv"));
    assertEquals(logDiff.names(), levels.names());
    assertEquals(logDiff.length() + 1, levels.length());
    for (int t = 0; t < logDiff.length(); t++) {
      for (int k = 0; k < logDiff.dimension(); k++) {
        // numpy's log and Java's may each differ from the exact log by up to an ulp
        double logLevel = Math.log(levels.get(t + 1, k));
        assertEquals(
            logLevel - Math.log(levels.get(t, k)), logDiff.get(t, k), 2 * Math.ulp(logLevel));
      }
    }
  }

  /** docs/examples of this checkout, found from the module directory Maven runs tests in. */
  private static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("examples");
      if (Files.isRegularFile(candidate.resolve("us-macro.csv"))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "docs/examples/us-macro.csv not found above " + Path.of("").toAbsolutePath());
  }

  private static void check(
      Map<String, Double> worst, StatsmodelsCase c, String field, Object actual, double rtol) {
    worst.put(field, assertClose(c.name() + " " + field, c.get(field), actual, rtol));
  }

  private static void band(
      Map<String, Double> worst,
      String name,
      JsonNode expected,
      String field,
      ResponseBand actual) {
    String what = name + " bands." + field;
    double d =
        Math.max(
            assertClose(what + ".lower", expected.get(field).get("lower"), actual.lower(), BANDS),
            assertClose(what + ".upper", expected.get(field).get("upper"), actual.upper(), BANDS));
    worst.merge("bands", d, Math::max);
  }
}
