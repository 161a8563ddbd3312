package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.train.EpochReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trial survives trials.jsonl exactly, "not reached" included. */
class TrialJsonTest {

  static TrialResult sample() {
    double[] decaying = {1.0, 0.6, 0.3, 0.1, 0.05, -0.01};
    double[] flat = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2}; // never halves: half-life not reached
    return new TrialResult(
        new TrialKey("djl", new BiasSetting.Adaptive(1.0), 43),
        "float32",
        new TrainingRecord(
            List.of(
                new EpochReport(1, 2, 0.31, 0.27, 1.5), new EpochReport(2, 2, 0.1 / 3, 0.02, 1.25)),
            List.of(1.2, 1.2),
            2.75,
            5.25),
        ResponseCurve.of(decaying),
        new GirfSummary(
            ResponseCurve.of(flat),
            new double[] {0, 0, 0, 0, 0, 0},
            new double[] {1, 1, 1, 1, 1, 1},
            0.05,
            0.95,
            17),
        new GateSummary(0.73, 0.71, 1.04),
        0.5);
  }

  @Test
  void roundTripsExactly() {
    TrialResult r = sample();
    assertTrue(r.girf().mean().metrics().halfLife().isEmpty());
    String line = JsonFiles.parse(TrialJson.write(r).toString(), "line").toString();
    assertEquals(r, TrialJson.read(JsonFiles.parse(line, "line")));
    assertEquals(0, r.training().biasChanges()); // 1.2 after both epochs: one move, before
  }

  @Test
  void notReachedIsNullAndDerivedValuesAreThereForReaders() {
    JsonNode n = TrialJson.write(sample());
    assertTrue(n.path("girf").path("metrics").path("halfLife").isNull());
    assertEquals(0.02, n.path("training").path("finalValidationLoss").asDouble());
    assertEquals(-1 / Math.log(0.73), n.path("gates").path("timeConstant").asDouble(), 1e-15);
    assertEquals("adaptive(1.0)", n.path("setting").asText());
  }

  @Test
  void aMissingFieldIsNamed() {
    ObjectNode n = TrialJson.write(sample());
    ((ObjectNode) n.get("gates")).remove("meanForget");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrialJson.read(n));
    assertEquals("field 'gates.meanForget' is missing", e.getMessage());
  }

  /** The line the hand-written writer produced before the Jackson binding, field for field. */
  static final String EARLIER_LINE =
      "{\"backend\":\"djl\",\"setting\":\"adaptive(1.0)\",\"seed\":43,"
          + "\"precision\":\"float32\",\"training\":{\"seconds\":2.75,\"cpuSeconds\":5.25,"
          + "\"finalTrainLoss\":0.03333333333333333,\"finalValidationLoss\":0.02,\"plannedEpochs\":2,"
          + "\"epochs\":[{\"epoch\":1,\"trainLoss\":0.31,\"validationLoss\":0.27,\"seconds\":1.5},"
          + "{\"epoch\":2,\"trainLoss\":0.03333333333333333,\"validationLoss\":0.02,\"seconds\":1.25}],"
          + "\"biasTrajectory\":[1.2,1.2]},\"irf\":{\"response\":[1.0,0.6,0.3,0.1,0.05,-0.01],"
          + "\"metrics\":{\"channel\":0,\"halfLife\":2,\"halfLifeFromPeak\":2,\"contributionRatio\":1.0,"
          + "\"oscillationFrequency\":0.16666666666666666,\"peak\":1.0,\"peakLag\":0,"
          + "\"persistence\":2.0599999999999996,\"decayRate\":0.6006426316610336,\"lag90\":1}},"
          + "\"girf\":{\"response\":[0.2,0.2,0.2,0.2,0.2,0.2],\"metrics\":{\"channel\":0,"
          + "\"halfLife\":null,\"halfLifeFromPeak\":null,\"contributionRatio\":1.0,"
          + "\"oscillationFrequency\":0.0,\"peak\":0.2,\"peakLag\":0,\"persistence\":1.2,"
          + "\"decayRate\":-0.0,\"lag90\":5},\"histories\":17,\"lowerLevel\":0.05,"
          + "\"lower\":[0.0,0.0,0.0,0.0,0.0,0.0],\"upperLevel\":0.95,\"upper\":[1.0,1.0,1.0,1.0,1.0,1.0]},"
          + "\"gates\":{\"meanForget\":0.73,\"geometricMeanForget\":0.71,\"trainedForgetBias\":1.04,"
          + "\"timeConstant\":3.177520997922571,\"halfLife\":2.2024897208800542,"
          + "\"effectiveHalfLife\":2.0238446532735686},\"analysisSeconds\":0.5}";

  @Test
  void linesAreWrittenAsBeforeSoRecordedSweepsResume() {
    assertEquals(EARLIER_LINE, TrialJson.line(sample()));
    assertEquals(sample(), TrialJson.read(JsonFiles.parse(EARLIER_LINE, "line")));
  }

  @Test
  void unknownMistypedAndNullFieldsAreRefusedWithThePathNamed() {
    assertEquals(
        "unknown field 'training.extra' (expected biasTrajectory, cpuSeconds, epochs,"
            + " plannedEpochs, seconds)",
        error(n -> ((ObjectNode) n.get("training")).put("extra", 1)));
    assertEquals("field 'seed' is not a whole number", error(n -> n.put("seed", "43")));
    assertEquals("field 'seed' is not a whole number", error(n -> n.put("seed", 43.5)));
    assertEquals("field 'backend' is not a string", error(n -> n.put("backend", 3)));
    assertEquals(
        "field 'training.epochs[1].trainLoss' is not a number or null",
        error(n -> ((ObjectNode) n.get("training").get("epochs").get(1)).put("trainLoss", "x")));
    assertEquals("field 'gates' is null", error(n -> n.putNull("gates")));
    assertEquals(
        "field 'irf.response' is not an array",
        error(n -> ((ObjectNode) n.get("irf")).put("response", 3)));
    assertEquals(
        "not a trial record: a trial trains at least one epoch",
        error(n -> ((ObjectNode) n.get("training")).putArray("epochs")));
  }

  @Test
  void derivedValuesAreIgnoredWhenRead() {
    ObjectNode n = TrialJson.write(sample());
    ((ObjectNode) n.get("gates")).put("halfLife", 99);
    ((ObjectNode) n.get("training")).remove("finalTrainLoss");
    assertEquals(sample(), TrialJson.read(n));
  }

  private static String error(java.util.function.Consumer<ObjectNode> damage) {
    ObjectNode n = TrialJson.write(sample());
    damage.accept(n);
    return assertThrows(InvalidInputException.class, () -> TrialJson.read(n)).getMessage();
  }
}
