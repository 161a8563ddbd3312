package io.lstmirf.irf.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.ModelRuns;
import io.lstmirf.irf.data.SeriesScaler;
import io.lstmirf.irf.var.TimeSeries;
import io.lstmirf.testing.Agreement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training an ensemble, what it records, and its files. */
class EnsembleFitTest {
  private static final ReferenceBackend REFERENCE = new ReferenceBackend();
  private static final TimeSeries SERIES = KnownVar.truthTestVar().simulate(150, 3);
  private static final FitSpec SPEC = new FitSpec(3, 5, 1, 3, 2, 42, 16, 0.01, 0.8);
  private static FitOutcome fit;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    fit = EnsembleFit.fit(w -> REFERENCE.create(w), SERIES, SPEC, m -> {});
  }

  @Test
  void everySeedTrainsAndTheSplitIsChronological() {
    assertEquals(150, fit.observations());
    assertEquals(120, fit.trainEnd());
    assertEquals("reference", fit.backend());
    assertEquals("float64", fit.precision());
    assertEquals(List.of(42L, 43L), fit.members().stream().map(MemberFit::seed).toList());
    for (MemberFit m : fit.members()) {
      assertEquals(3, m.epochs().size());
      assertEquals(30, m.validation().count()); // observations 120..149
      assertTrue(m.last().validationLoss() > 0);
    }
    assertEquals(fit.ensemble().members().get(0).weights().spec().inputSize(), 3);
    assertEquals(SeriesScaler.fit(SERIES.values(), 0, 120), fit.ensemble().scaler());
    // a seed fixes the initial weights and the batches: training again gives the same model
    FitOutcome again = EnsembleFit.fit(w -> REFERENCE.create(w), SERIES, SPEC, m -> {});
    assertEquals(fit.ensemble(), again.ensemble());
  }

  @Test
  void theScalingKnowsOnlyTheTrainingPart() {
    double[][] values = SERIES.values();
    values[140] = new double[] {100, -100, 100}; // an outlier in the validation part
    TimeSeries spiked = new TimeSeries(SERIES.names(), values);
    FitOutcome one =
        EnsembleFit.fit(
            w -> REFERENCE.create(w),
            spiked,
            new FitSpec(3, 5, 1, 1, 1, 42, 16, 0.01, 0.8),
            m -> {});
    assertEquals(SeriesScaler.fit(values, 0, 120), one.ensemble().scaler());
    assertNotEquals(SeriesScaler.fit(values, 0, 150), one.ensemble().scaler());
  }

  @Test
  void residualCovarianceIsTheTrainingResidualsOuterProductInDataUnits() {
    Forecaster f = fit.ensemble().members().get(1);
    double[][] data = SERIES.values();
    double[][] scaled = fit.ensemble().scaler().transform(data);
    double[][] fitted;
    try (LstmModel model = REFERENCE.create(f.weights())) {
      fitted =
          OneStepForecasts.lstm(
              new ModelRuns(model, IrfMode.STEP), fit.ensemble().scaler(), scaled, 3, 3, 120);
    }
    double[][] expected = new double[3][3];
    for (int t = 3; t < 120; t++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          expected[i][j] += (data[t][i] - fitted[t - 3][i]) * (data[t][j] - fitted[t - 3][j]) / 117;
        }
      }
    }
    Agreement.absolute(1e-12).assertClose("sigmaU", expected, f.sigmaU());
    assertTrue(f.sigmaU()[0][0] > 0.5, "the residuals are of the size of the innovations");
  }

  @Test
  void filesReadBackAsTheEnsembleWholeOrOneModel() throws IOException {
    List<Path> files = EnsembleFiles.write(dir, fit, "series.csv");
    assertEquals(
        List.of(
            "model-seed42.json", "model-seed43.json", "scaler.json", "residuals.json", "fit.json"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    assertEquals(fit.ensemble(), EnsembleFiles.read(dir));
    ForecastEnsemble one = EnsembleFiles.read(dir.resolve("model-seed43.json"));
    assertEquals(fit.ensemble().only(fit.ensemble().members().get(1)), one);
    JsonNode record = JsonFiles.read(dir.resolve("fit.json"), "fit");
    assertEquals(3, record.get("members").get(0).get("trainLoss").size());
    assertEquals(3, record.get("ensembleValidationRmse").size());
    assertEquals(120, record.get("trainEnd").asInt());
  }

  @Test
  void aNewFitWithFewerSeedsReplacesTheEarlierOneWhole() throws IOException {
    EnsembleFiles.write(dir, fit, "series.csv");
    Path mine = Files.writeString(dir.resolve("model-seed99.json"), "not listed: not ours");
    FitOutcome one =
        EnsembleFit.fit(
            w -> REFERENCE.create(w),
            SERIES,
            new FitSpec(3, 5, 1, 1, 1, 42, 16, 0.01, 0.8),
            m -> {});
    EnsembleFiles.write(dir, one, "series.csv");
    assertTrue(Files.notExists(dir.resolve("model-seed43.json")), "the earlier fit's seed 43");
    assertTrue(Files.exists(mine), "a file the earlier fit did not list stays");
    assertEquals(one.ensemble(), EnsembleFiles.read(dir));
  }

  @Test
  void damagedOrForeignFilesAreRefusedByName() throws IOException {
    EnsembleFiles.write(dir, fit, "series.csv");
    Path stray = Files.writeString(dir.resolve("other.json"), "{}");
    InvalidInputException notListed =
        assertThrows(InvalidInputException.class, () -> EnsembleFiles.read(stray));
    assertTrue(notListed.getMessage().contains("not one of the models"), notListed.getMessage());
    Files.writeString(dir.resolve("scaler.json"), "{\"format\": \"lstm-irf-model/1\"}");
    InvalidInputException wrong =
        assertThrows(InvalidInputException.class, () -> EnsembleFiles.read(dir));
    assertTrue(wrong.getMessage().contains("not a lstm-irf-scaler/1 file"), wrong.getMessage());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    InvalidInputException none =
        assertThrows(InvalidInputException.class, () -> EnsembleFiles.read(empty));
    assertTrue(none.getMessage().contains("holds no fit.json"), none.getMessage());
  }

  @Test
  void aSeriesTooShortForTheLookbackIsRefusedBeforeTraining() {
    TimeSeries shortSeries = SERIES.range(0, 4); // 3 training points: no window and target
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> EnsembleFit.fit(w -> REFERENCE.create(w), shortSeries, SPEC, m -> {}));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> new FitSpec(3, 5, 1, 3, 0, 42, 16, 0.01, 0.8));
    assertEquals(Arrays.asList(42L, 43L), SPEC.seedList());
  }
}
