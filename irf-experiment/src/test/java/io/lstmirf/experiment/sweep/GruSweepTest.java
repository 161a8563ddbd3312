package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.experiment.report.SweepReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on GRUs ({@code --cell gru}): the arms set the update gate's bias b_z, sweep.json
 * records the cell in its version 2 while LSTM sweeps stay version 1, and the trained GRUs keep
 * more memory with a larger b_z.
 */
class GruSweepTest {
  @TempDir Path dir;

  private static SweepConfig gru(List<Double> biases) {
    return new SweepConfig(
        List.of("reference"),
        biases,
        1,
        42,
        InitMode.FORGET,
        false,
        1.0,
        TinySweeps.EXPERIMENT.withCell(CellKind.GRU),
        new DataSource.Synthetic(90, 42));
  }

  @Test
  void aGruSweepIsVersion2AndAnLstmSweepStaysVersion1() {
    SweepConfig lstm = TinySweeps.config();
    ObjectNode v1 = lstm.toJson();
    assertEquals(SweepConfig.FORMAT, v1.path("format").asText());
    assertFalse(v1.path("experiment").has("cell"), "version 1 as before cells existed");
    assertEquals(lstm, SweepConfig.fromJson(v1, "t"));

    SweepConfig g = gru(List.of(0.0, 2.0));
    ObjectNode v2 = g.toJson();
    assertEquals(SweepConfig.FORMAT_V2, v2.path("format").asText());
    assertEquals("gru", v2.path("experiment").path("cell").asText());
    assertEquals(g, SweepConfig.fromJson(JsonFiles.parse(v2.toString(), "t"), "t"));
    assertEquals(LayerKind.GRU, g.experiment().lstmSpec().layerKind(0));
    assertTrue(g.options().contains("--cell gru"), g.options());
    assertEquals(
        List.of("--cell is gru here but lstm in the recorded sweep"),
        g.conflictsWith(TinySweeps.config(List.of("reference"), List.of(0.0, 2.0), 1, false)));

    ObjectNode mixed = lstm.toJson();
    ((ObjectNode) mixed.get("experiment")).put("cell", "gru");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SweepConfig.fromJson(mixed, "t"));
    assertTrue(
        e.getMessage().contains("experiment.cell is a field of lstm-irf-sweep/2"), e.getMessage());
  }

  @Test
  void theOriginalCodesInitialisationIsRefusedForGrus() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new SweepConfig(
                    List.of("reference"),
                    List.of(1.0),
                    1,
                    42,
                    InitMode.ORIGINAL,
                    false,
                    1.0,
                    TinySweeps.EXPERIMENT.withCell(CellKind.GRU),
                    new DataSource.Synthetic(90, 42)));
    assertTrue(
        e.getMessage().startsWith("--init original reproduces the original LSTM code's"),
        e.getMessage());
  }

  /**
   * Trained GRUs with b_z = 3 keep more memory than with b_z = -1: their mean update gate is
   * larger, and so is the IRF half-life (not even reached within the 12 lags); the report names the
   * update gate.
   */
  @Test
  void aLargerUpdateGateBiasKeepsMoreMemory() throws Exception {
    SweepConfig config = gru(List.of(-1.0, 3.0));
    SweepOutcome outcome =
        new Sweep(
                config,
                TinySweeps.registry(),
                1,
                new SweepTest.Recorder(),
                new PrintWriter(new StringWriter(), true))
            .run(dir);
    assertEquals(2, outcome.trained());
    TrialResult low = outcome.results().get(0);
    TrialResult high = outcome.results().get(1);
    assertEquals(-1.0, low.gates().trainedForgetBias(), 0.2, "b_z barely moves in two epochs");
    assertEquals(3.0, high.gates().trainedForgetBias(), 0.2);
    assertTrue(
        high.gates().meanForget() > low.gates().meanForget() + 0.3,
        "mean z " + high.gates().meanForget() + " vs " + low.gates().meanForget());
    int lowHalfLife = low.irf().metrics().halfLife().orElseThrow();
    OptionalInt highHalfLife = high.irf().metrics().halfLife();
    assertTrue(
        highHalfLife.isEmpty() || highHalfLife.getAsInt() > lowHalfLife,
        "IRF half-life grows with b_z (or is beyond the horizon): "
            + lowHalfLife
            + " vs "
            + highHalfLife);
    SweepReport.write(dir, config, outcome.results());
    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("What the update-gate bias does: a sweep of GRUs"), html);
    assertFalse(html.contains("The original article's claims against these measurements"));
  }
}
