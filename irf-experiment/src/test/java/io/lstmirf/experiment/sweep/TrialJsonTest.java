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
    return new TrialResult(new TrialKey("djl", new BiasSetting.Adaptive(1.0), 43), "float32",
        new TrainingRecord(List.of(new EpochReport(1, 2, 0.31, 0.27, 1.5),
            new EpochReport(2, 2, 0.1 / 3, 0.02, 1.25)), List.of(1.2, 1.2), 2.75, 5.25),
        ResponseCurve.of(decaying),
        new GirfSummary(ResponseCurve.of(flat), new double[] {0, 0, 0, 0, 0, 0},
            new double[] {1, 1, 1, 1, 1, 1}, 0.05, 0.95, 17),
        new GateSummary(0.73, 0.71, 1.04), 0.5);
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
    assertTrue(e.getMessage().contains("'meanForget'"), e.getMessage());
  }
}
