package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConfigTest {
  @TempDir Path dir;

  @Test
  void theOriginalExperimentIsTheDefault() {
    SweepConfig c = SweepConfig.original(List.of("reference", "djl"), 3);
    ExperimentSpec e = c.experiment();
    assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0), c.biases());
    assertEquals(50, e.units());
    assertEquals(60, e.lookback());
    assertEquals(30, e.offset());
    assertEquals(50, e.epochs());
    assertEquals(32, e.batchSize());
    assertEquals(30, e.shock().time());
    assertEquals(100, e.horizon());
    assertEquals(new DataSource.Synthetic(1500, 42), c.data());
    assertEquals(List.of(42L, 43L, 44L), c.seedList());
    List<TrialKey> trials = c.trials();
    assertEquals(2 * 5 * 3, trials.size());
    // seed by seed, and within a setting every backend next to each other
    assertEquals(new TrialKey("reference", new BiasSetting.Fixed(0.0), 42), trials.get(0));
    assertEquals(new TrialKey("djl", new BiasSetting.Fixed(0.0), 42), trials.get(1));
    assertEquals(new TrialKey("reference", new BiasSetting.Fixed(0.5), 42), trials.get(2));
  }

  @Test
  void chronoAndAdaptiveArms() {
    SweepConfig c =
        new SweepConfig(
            List.of("reference"),
            List.of(),
            1,
            42,
            InitMode.CHRONO,
            true,
            1.0,
            ExperimentSpec.original(),
            new DataSource.Synthetic(1500, 42));
    assertEquals(List.of(new BiasSetting.Chrono(90), new BiasSetting.Adaptive(1.0)), c.settings());
    SweepConfig original =
        new SweepConfig(
            List.of("reference"),
            List.of(0.5, 2.0),
            1,
            42,
            InitMode.ORIGINAL,
            false,
            1.0,
            ExperimentSpec.original(),
            new DataSource.Synthetic(1500, 42));
    assertEquals(
        List.of(new BiasSetting.AllGates(0.5), new BiasSetting.AllGates(2.0)), original.settings());
    assertEquals(original, SweepConfig.fromJson(original.toJson(), "t"));
    assertTrue(
        original.options().contains("--biases 0.5,2.0")
            && original.options().contains("--init original"),
        original.options());
  }

  @Test
  void jsonRoundTripsForBothDataSources() throws Exception {
    SweepConfig synthetic =
        TinySweeps.config(List.of("reference", "twin"), List.of(0.5, 2.0), 2, true);
    assertEquals(synthetic, SweepConfig.fromJson(synthetic.toJson(), "t"));
    Path csv = dir.resolve("s.csv");
    Files.writeString(csv, "x\n1\n2\n");
    SweepConfig fromCsv =
        new SweepConfig(
            List.of("reference"),
            List.of(1.0),
            1,
            42,
            InitMode.FORGET,
            false,
            1.0,
            ExperimentSpec.original(),
            DataSource.CsvColumn.of(csv, "x", ','));
    assertEquals(
        fromCsv, SweepConfig.fromJson(JsonFiles.parse(fromCsv.toJson().toString(), "t"), "t"));
  }

  @Test
  void aChangedDataFileIsNoticed() throws Exception {
    Path csv = dir.resolve("s.csv");
    Files.writeString(csv, "x\n1\n2\n");
    DataSource.CsvColumn before = DataSource.CsvColumn.of(csv, "x", ',');
    Files.writeString(csv, "x\n1\n3\n");
    assertTrue(!before.equals(DataSource.CsvColumn.of(csv, "x", ',')));
    InvalidInputException e = assertThrows(InvalidInputException.class, before::load);
    assertTrue(e.getMessage().contains("changed since this sweep recorded it"), e.getMessage());
  }

  @Test
  void onlyAddingTrialsIsCompatible() {
    SweepConfig base = TinySweeps.config(List.of("reference"), List.of(0.0, 1.0), 2, false);
    assertEquals(List.of(), base.conflictsWith(base));
    assertEquals(
        List.of(),
        TinySweeps.config(List.of("twin", "reference"), List.of(2.0, 1.0, 0.0), 3, true)
            .conflictsWith(base));
    SweepConfig adaptiveBase = TinySweeps.config(List.of("reference"), List.of(0.0), 1, true);
    assertEquals(
        List.of("--adaptive was given before and is missing now"),
        TinySweeps.config(List.of("reference"), List.of(0.0), 1, false)
            .conflictsWith(adaptiveBase));
    SweepConfig otherData =
        new SweepConfig(
            base.backends(),
            base.biases(),
            2,
            42,
            InitMode.FORGET,
            false,
            1.0,
            base.experiment(),
            new DataSource.Synthetic(91, 42));
    assertEquals(1, otherData.conflictsWith(base).size());
    assertTrue(
        otherData
            .conflictsWith(base)
            .get(0)
            .startsWith("the data are synthetic series," + " 91 samples"));
  }

  @Test
  void badOptionsAreRejectedWithTheOptionNamed() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> TinySweeps.config(List.of("reference", "reference"), List.of(1.0), 1, false));
    assertTrue(e.getMessage().startsWith("--backends names a backend twice"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> TinySweeps.config(List.of("reference"), List.of(1.0), 0, false));
    assertTrue(e.getMessage().startsWith("--seeds must be at least 1"), e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> TinySweeps.config(List.of("reference"), List.of(), 1, false));
    assertTrue(e.getMessage().startsWith("--biases is empty"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> ExperimentSpec.original().withEpochs(0));
    assertTrue(e.getMessage().startsWith("--epochs must be at least 1"), e.getMessage());
  }

  @Test
  void sweepJsonIsBoundStrictlyWithTheFieldNamed() {
    SweepConfig c = TinySweeps.config();
    assertEquals(
        "t is damaged: unknown field 'colour' (expected adaptive, adaptiveStart,"
            + " backends, biases, data, experiment, firstSeed, init, seeds); restore it or start the"
            + " sweep in a new --out directory",
        damaged(c, n -> n.put("colour", "red")));
    assertTrue(
        damaged(c, n -> ((ObjectNode) n.get("experiment")).put("units", "3"))
            .startsWith("t is damaged: field 'experiment.units' is not a whole number;"));
    assertTrue(
        damaged(c, n -> n.remove("experiment"))
            .startsWith("t is damaged: field 'experiment' is missing;"));
    assertTrue(
        damaged(c, n -> ((ObjectNode) n.get("data")).put("kind", "zzz"))
            .startsWith("t is damaged: field 'data.kind' is 'zzz', which is unknown;"));
    assertTrue(
        damaged(c, n -> n.put("adaptive", "true"))
            .startsWith("t is damaged: field 'adaptive' is not true or false;"));
    assertTrue(
        damaged(c, n -> ((ArrayNode) n.get("biases")).addNull())
            .startsWith("t is damaged: field 'biases[2]' is null;"));
    assertTrue(
        damaged(c, n -> n.put("init", "zzz"))
            .startsWith("t is damaged: field 'init': unknown initialisation 'zzz'"));
    assertTrue(
        damaged(c, n -> n.put("seeds", 0))
            .startsWith("t is damaged: --seeds must be at least 1, got 0;"));
  }

  @Test
  void theCsvDelimiterIsRecordedAndAnEarlierRecordWithoutOneMeansComma() throws Exception {
    Path csv = dir.resolve("s.tsv");
    Files.writeString(csv, "x\ty\n1\t2\n2\t3\n");
    SweepConfig tabs =
        new SweepConfig(
            List.of("reference"),
            List.of(1.0),
            1,
            42,
            InitMode.FORGET,
            false,
            1.0,
            ExperimentSpec.original(),
            DataSource.CsvColumn.of(csv, "y", '\t'));
    assertEquals("\t", tabs.toJson().path("data").path("delimiter").asText());
    assertEquals(tabs, SweepConfig.fromJson(tabs.toJson(), "t"));
    assertTrue(tabs.options().endsWith("--column y --delimiter tab"), tabs.options());
    assertArrayEquals(new double[] {2, 3}, tabs.data().load());
    ObjectNode earlier = tabs.toJson();
    ((ObjectNode) earlier.get("data")).remove("delimiter");
    DataSource read = SweepConfig.fromJson(earlier, "t").data();
    assertEquals(',', ((DataSource.CsvColumn) read).delimiter());
    assertEquals(1, tabs.conflictsWith(SweepConfig.fromJson(earlier, "t")).size());
  }

  private static String damaged(SweepConfig c, java.util.function.Consumer<ObjectNode> damage) {
    ObjectNode n = c.toJson();
    damage.accept(n);
    return assertThrows(InvalidInputException.class, () -> SweepConfig.fromJson(n, "t"))
        .getMessage();
  }
}
