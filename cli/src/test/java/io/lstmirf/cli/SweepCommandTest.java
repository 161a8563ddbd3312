package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Backends;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lstm-irf sweep} as a user runs it, on the reference backend at toy sizes. */
class SweepCommandTest {
  @TempDir Path dir;

  /** A sweep small enough to train in about a second; {@code more} adds or replaces options. */
  static List<String> tiny(Path out, String... more) {
    List<String> base =
        List.of(
            "--backends",
            "reference",
            "--biases",
            "0,2",
            "--seeds",
            "1",
            "--epochs",
            "2",
            "--units",
            "3",
            "--lookback",
            "6",
            "--offset",
            "1",
            "--horizon",
            "12",
            "--out",
            out.toString());
    List<String> replaced = List.of(more).stream().filter(a -> a.startsWith("--")).toList();
    List<String> args = new ArrayList<>(List.of("sweep"));
    for (int i = 0; i < base.size(); i += 2) {
      if (!replaced.contains(base.get(i))) {
        args.addAll(base.subList(i, i + 2));
      }
    }
    args.addAll(List.of(more));
    return args;
  }

  static Run run(List<String> args) {
    return CliTest.run(args.toArray(String[]::new));
  }

  /** The command line as {@link Main} builds it, with {@code backends} as the registry. */
  private static Run runWith(Backends backends, List<String> args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    java.io.PrintWriter errWriter = new java.io.PrintWriter(err, true);
    Console console = new Console(new java.io.ByteArrayOutputStream(), errWriter);
    com.google.inject.Injector injector =
        com.google.inject.Guice.createInjector(
            com.google.inject.util.Modules.override(new CliModule(console))
                .with(binder -> binder.bind(Backends.class).toInstance(backends)));
    int code =
        LstmIrfCommand.commandLine(new GuiceFactory(injector))
            .setErr(errWriter)
            .setOut(new java.io.PrintWriter(out, true))
            .setExecutionExceptionHandler(new ErrorReporter())
            .setParameterExceptionHandler(ErrorReporter::usageError)
            .execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** A backend of the canonical LSTM alone; the sweep refuses it before any model is built. */
  private static final class LstmOnlyBackend extends AbstractLstmBackend<Object> {
    @Override
    public String name() {
      return "lstm-only";
    }

    @Override
    public String description() {
      return "canonical LSTMs only";
    }

    @Override
    protected Object loadEngine() {
      return "engine";
    }

    @Override
    protected List<Precision> precisions() {
      return List.of(Precision.FLOAT64);
    }

    @Override
    protected List<Device> devices(Object engine) {
      return List.of(Device.CPU);
    }

    @Override
    protected LstmModel newModel(Object engine, LstmWeights weights, ModelOptions options) {
      throw new AssertionError("the sweep must refuse before it builds a model");
    }
  }

  @Test
  void writesEveryFileAndASecondRunTrainsNothing() {
    Path out = dir.resolve("sweep");
    Run first = run(tiny(out, "--samples", "90"));
    assertEquals(0, first.code(), first.err());
    JsonNode json = first.json();
    assertEquals(2, json.get("trials").asInt());
    assertEquals(2, json.get("trained").asInt());
    for (String f :
        List.of(
            "sweep.json",
            "trials.jsonl",
            "summary.csv",
            "irf-reference.png",
            "half-life-vs-bias.png",
            "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(first.err().contains("sweep [####################]   2/2 100%"), first.err());
    for (String m : List.of("reference-b0.0-s42.json", "reference-b2.0-s42.json")) {
      Path model = out.resolve("models").resolve(m);
      assertEquals(3, io.lstmirf.api.json.ModelJson.read(model).spec().hiddenSize(), m);
    }

    Run second = run(tiny(out, "--samples", "90"));
    assertEquals(0, second.code(), second.err());
    assertEquals(0, second.json().get("trained").asInt());
    assertEquals(2, second.json().get("skipped").asInt());
    assertTrue(
        second.err().contains("0 trial(s) to run (2 already recorded, skipped)"), second.err());
    Run more = run(tiny(out, "--samples", "90", "--seeds", "2"));
    assertEquals(0, more.code(), more.err());
    assertEquals(2, more.json().get("trained").asInt(), "resuming adds the new seed's trials");
    assertTrue(Files.isRegularFile(out.resolve("models").resolve("reference-b2.0-s43.json")));
  }

  @Test
  void trainsOnAColumnOfAUsersCsv() throws IOException {
    StringBuilder csv = new StringBuilder("date,price,note\n");
    for (int i = 0; i < 100; i++) {
      csv.append(String.format(Locale.ROOT, "2024-%03d,%.4f,x%n", i, 10 + Math.sin(i / 5.0)));
    }
    Path data = dir.resolve("prices.csv");
    Files.writeString(data, csv);
    Path out = dir.resolve("csv-sweep");
    Run r = run(tiny(out, "--data", data.toString(), "--column", "price"));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"column\" : \"price\""));

    Run missing = run(tiny(dir.resolve("other"), "--data", data.toString(), "--column", "close"));
    assertEquals(1, missing.code());
    assertTrue(
        missing
            .err()
            .contains("has no column 'close'; its header names 'date'," + " 'price', 'note'"),
        missing.err());
  }

  @Test
  void readsQuotedDatesWithTheDelimiterGiven() throws IOException {
    StringBuilder csv = new StringBuilder("\uFEFFdate;price\r\n");
    for (int i = 0; i < 100; i++) {
      csv.append(
          String.format(Locale.ROOT, "\"Jan %d, 2020\";%.4f\r\n", i, 10 + Math.cos(i / 4.0)));
    }
    Path data = dir.resolve("prices-eu.csv");
    Files.writeString(data, csv);
    Path out = dir.resolve("semicolons");
    Run r = run(tiny(out, "--data", data.toString(), "--column", "price", "--delimiter", ";"));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"delimiter\" : \";\""));

    Run commas = run(tiny(dir.resolve("commas"), "--data", data.toString(), "--column", "price"));
    assertEquals(1, commas.code());
    assertTrue(
        commas.err().contains("prices-eu.csv is not valid CSV: ")
            && commas
                .err()
                .contains("(is the delimiter ',' right (--delimiter), and every quote closed?)"),
        commas.err());
  }

  /**
   * {@code --cell gru}: the arms set the GRU's update-gate bias, sweep.json records the cell, and a
   * backend that does not implement GRUs is a usage error naming those that do.
   */
  @Test
  void sweepsGrusAndRefusesBackendsWithoutThem() throws IOException {
    Path out = dir.resolve("gru");
    Run r = run(tiny(out, "--samples", "90", "--cell", "gru"));
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.json().get("trained").asInt());
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"cell\" : \"gru\""));
    assertTrue(Files.readString(out.resolve("report.html")).contains("update-gate bias"));

    // every backend shipped implements GRUs; one that does not (a third party's) is refused
    Run lstmOnly =
        runWith(
            Backends.of(List.of(Backends.discover().get("reference"), new LstmOnlyBackend())),
            tiny(dir.resolve("never"), "--cell", "gru", "--backends", "reference,lstm-only"));
    assertEquals(2, lstmOnly.code(), lstmOnly.err());
    assertTrue(
        lstmOnly
            .err()
            .startsWith(
                "lstm-irf: usage error: --cell gru: lstm-only does not implement"
                    + " GRU layers; use --backends reference,djl,tfjava,dl4j"),
        lstmOnly.err());
    assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    Run unknown = run(tiny(dir.resolve("never"), "--cell", "rnn"));
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(
        unknown.err().contains("--cell: unknown cell 'rnn'; expected one of lstm, gru"),
        unknown.err());
  }

  @Test
  void contradictoryOptionsAreUsageErrors() {
    Path out = dir.resolve("never");
    for (List<String> args :
        List.of(
            tiny(out, "--data", "x.csv"),
            tiny(out, "--column", "price"),
            tiny(out, "--data", "x.csv", "--column", "p", "--samples", "90"),
            tiny(out, "--init", "chrono"),
            tiny(out, "--samples", "90", "--delimiter", ";"),
            tiny(out, "--data", "x.csv", "--column", "p", "--delimiter", "ab"),
            List.of("sweep", "--backends", "reference"))) {
      Run r = run(args);
      assertEquals(2, r.code(), args + ": " + r.err());
      assertTrue(r.err().startsWith("lstm-irf: usage error: "), r.err());
      assertEquals("", r.out());
    }
    assertFalse(Files.exists(out), "nothing is written on a usage error");
  }

  @Test
  void runtimeErrorsAreOneLineWithExitOne() {
    Run unknown = run(tiny(dir.resolve("a"), "--samples", "90", "--backends", "reference,nope"));
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("unknown backend 'nope'"), unknown.err());

    Run tooShort = run(tiny(dir.resolve("b"), "--samples", "30"));
    assertEquals(1, tooShort.code());
    assertTrue(tooShort.err().startsWith("lstm-irf: error: "), tooShort.err());
    assertEquals(1, tooShort.err().strip().lines().count(), tooShort.err());
  }

  @Test
  void aDifferentSweepIntoTheSameDirectoryIsRefused() {
    Path out = dir.resolve("sweep");
    assertEquals(0, run(tiny(out, "--samples", "90")).code());
    Run changed = run(tiny(out, "--samples", "90", "--epochs", "3"));
    assertEquals(1, changed.code());
    assertTrue(
        changed.err().contains("holds a different sweep: --epochs is 3 here but 2"), changed.err());
    Run added = run(tiny(out, "--samples", "90", "--seeds", "2"));
    assertEquals(0, added.code(), added.err());
    assertEquals(2, added.json().get("trained").asInt());
  }
}
