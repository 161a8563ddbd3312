package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.Feature;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.experiment.report.SweepReport;
import io.lstmirf.experiment.sweep.DataSource;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import io.lstmirf.experiment.sweep.InitMode;
import io.lstmirf.experiment.sweep.ProgressBar;
import io.lstmirf.experiment.sweep.Sweep;
import io.lstmirf.experiment.sweep.SweepConfig;
import io.lstmirf.experiment.sweep.SweepOutcome;
import io.lstmirf.experiment.sweep.SweepParallelism;
import io.lstmirf.experiment.sweep.TrialExecutor;
import io.lstmirf.experiment.sweep.TrialExecutors;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf sweep}: the forget-bias experiment, trained and measured on every backend, with
 * reports. Resumable: a re-run into the same {@code --out} trains only what is missing.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Train LSTM(units) + Dense(1) forecasters with each forget-gate bias, on"
          + " each backend and seed, and measure their memory: conditional and generalized"
          + " impulse responses, memory metrics, forget-gate time constants. Defaults reproduce"
          + " the original experiment, with the forget gate's bias isolated. With --cell gru the"
          + " same on GRU(units): the update gate z keeps memory (h' = (1 - z) n + z h), and the"
          + " biases swept are its b_z.",
      "Writes into --out: sweep.json, trials.jsonl (one line per trial, as it finishes),"
          + " summary.csv, irf-BACKEND.png, half-life-vs-bias.png and report.html. Re-running"
          + " with the same --out trains only the trials not recorded yet."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf sweep --backends reference --biases 0,2 --seeds 1 --epochs 2 --samples"
          + " 300 --out runs/tiny",
      "  lstm-irf sweep --backends reference,tfjava --seeds 10 --parallel 2 --out runs/ten",
      "  lstm-irf sweep --backends reference,tfjava --seeds 10 --master local[2] --out"
          + " runs/spark",
      "  LSTM_IRF_SPARK_SECRET_FILE=~/.spark-secret lstm-irf sweep --seeds 30 --master"
          + " spark://127.0.0.1:7077 --conf spark.network.crypto.enabled=true --out runs/cluster"
    })
final class SweepCommand implements Runnable {
  private static final int DEFAULT_SAMPLES = 1500;

  private final Backends backends;
  private final Console console;

  @Spec CommandSpec spec;

  /** The backends a sweep trains on unless --backends names others. */
  static final List<String> DEFAULT_BACKENDS = List.of("reference", "djl", "tfjava", "dl4j");

  @Option(
      names = "--backends",
      split = ",",
      paramLabel = "NAMES",
      description =
          "Backends to train on, all in this process (default: those of reference,"
              + " djl, tfjava, dl4j that implement --cell).")
  List<String> backendNames;

  @Option(
      names = "--cell",
      defaultValue = "lstm",
      paramLabel = "lstm|gru",
      description =
          "The recurrent cell (default ${DEFAULT-VALUE}); the biases swept are its"
              + " memory gate's: the LSTM's forget gate b_f, the GRU's update gate b_z.")
  String cell;

  @Option(
      names = "--biases",
      split = ",",
      paramLabel = "B",
      description = "Forget-gate biases, one arm each (default 0,0.5,1,1.5,2).")
  List<Double> biases;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Seeds per arm, 42, 43, ...: each fixes the initial weights and the batch"
              + " order, the same on every backend (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--epochs",
      defaultValue = "50",
      paramLabel = "E",
      description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--units",
      defaultValue = "50",
      paramLabel = "H",
      description = "LSTM units (default ${DEFAULT-VALUE}).")
  int units;

  @Option(
      names = "--lookback",
      defaultValue = "60",
      paramLabel = "L",
      description =
          "Inputs per window (default ${DEFAULT-VALUE}); the impulse lands at" + " lookback/2.")
  int lookback;

  @Option(
      names = "--offset",
      defaultValue = "30",
      paramLabel = "K",
      description =
          "The target is s[i + lookback + offset] for the window"
              + " s[i .. i+lookback-1] (default ${DEFAULT-VALUE}).")
  int offset;

  @Option(
      names = "--horizon",
      defaultValue = "100",
      paramLabel = "N",
      description = "Lags of every impulse response (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "Points of the synthetic series (default " + DEFAULT_SAMPLES + ").")
  Integer samples;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "Train on a column of this CSV file (header row) instead of the synthetic"
              + " series; needs --column.")
  Path data;

  @Option(names = "--column", paramLabel = "NAME", description = "The numeric column of --data.")
  String column;

  @Mixin CsvOptions csv;

  @Option(
      names = "--adaptive",
      description =
          "Also run the adaptive forget-bias rule, starting from b_f = "
              + SweepConfig.ADAPTIVE_START
              + ", and compare it with the fixed biases.")
  boolean adaptive;

  @Option(
      names = "--init",
      defaultValue = "forget",
      paramLabel = "forget|chrono|original",
      description =
          "forget: one arm per --biases value, the forget bias set and the other"
              + " biases 0 (default); chrono: one arm with chrono initialisation, T_max = lookback +"
              + " offset; original: one arm per --biases value with every gate's bias set to it, the"
              + " original code's initialisation, to see what its numbers measured.")
  String init;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Trials at once, one model per thread (default: cores / engine threads,"
              + " at most one per 512 MiB of Java heap, at least 1).")
  Integer parallel;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = {
        "Run each trial as an Apache Spark task instead: local[N] (embedded, N at"
            + " once; local[N,F] tries a failed trial F times), spark://HOST:PORT (a standalone"
            + " cluster, its secret in $LSTM_IRF_SPARK_SECRET or a file named by"
            + " $LSTM_IRF_SPARK_SECRET_FILE), yarn or k8s://URL (through spark-submit). Results"
            + " come back here, into --out. Without --master nothing of Spark loads."
      })
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting for --master, as spark-submit's --conf (repeatable):"
              + " spark.network.crypto.enabled=true, spark.driver.host=ADDRESS, ...; never the"
              + " secret.")
  Map<String, String> sparkConf;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Output directory: new (it is created; the folder it is in must exist),"
              + " empty, or holding this sweep to resume.")
  Path out;

  @Inject
  SweepCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    if (master == null && sparkConf != null) {
      throw usage("--conf sets Spark up for --master; give --master URL or leave --conf out");
    }
    if (master != null && parallel != null) {
      throw usage(
          "--parallel sets the threads of a sweep in this process; with --master,"
              + " Spark decides how many trials run at once (local[N]: N)");
    }
    SweepConfig config = config();
    OutputFiles.requireOutputFolder("--out", out);
    try (TrialExecutor executor = executor()) {
      Sweep sweep =
          new Sweep(
              config,
              backends,
              executor,
              new ProgressBar(console.err(), executor.parallelism()),
              console.err());
      report(config, sweep.run(out));
    }
  }

  /** The thread pool, or the trial executor on the class path that runs {@code --master}. */
  private TrialExecutor executor() {
    if (master == null) {
      return TrialExecutors.threads(parallel == null ? SweepParallelism.current() : parallel);
    }
    try {
      return TrialExecutors.forMaster(
          master, sparkConf == null ? Map.of() : sparkConf, console.err());
    } catch (InvalidInputException e) {
      throw usage(e.getMessage());
    }
  }

  private void report(SweepConfig config, SweepOutcome outcome) {
    List<Path> files = SweepReport.write(out, config, outcome.results());
    console
        .err()
        .printf(
            "sweep: %d trial(s) trained, %d already recorded; reports in %s%n",
            outcome.trained(), outcome.skipped(), out);
    ObjectNode json = JsonFiles.MAPPER.createObjectNode();
    json.put("out", out.toAbsolutePath().toString());
    json.put("trials", outcome.results().size());
    json.put("trained", outcome.trained());
    json.put("skipped", outcome.skipped());
    json.put("seconds", outcome.wallSeconds());
    ArrayNode list = json.putArray("files");
    list.add(Sweep.CONFIG_FILE);
    list.add(Sweep.TRIALS_FILE);
    files.forEach(f -> list.add(f.getFileName().toString()));
    console.printJson(json);
  }

  /** The configuration the options describe; contradictions are usage errors. */
  SweepConfig config() {
    InitMode mode = InitMode.parse(init);
    if ((data == null) != (column == null)) {
      throw usage(
          data == null
              ? "--column needs --data FILE"
              : "--data needs --column NAME," + " the CSV column to train on");
    }
    if (data == null && csv.given()) {
      throw usage("--delimiter applies to the CSV file of --data; the synthetic series has none");
    }
    if (data != null && samples != null) {
      throw usage(
          "--samples sets the length of the synthetic series; with --data the whole"
              + " column is used");
    }
    if (mode == InitMode.CHRONO && biases != null) {
      throw usage(
          "--biases has no effect with --init chrono, which draws each unit's bias;"
              + " leave one of them out");
    }
    DataSource source =
        data != null
            ? DataSource.CsvColumn.of(data, column, csv.delimiter())
            : new DataSource.Synthetic(
                samples == null ? DEFAULT_SAMPLES : samples, SweepConfig.ORIGINAL_SEED);
    CellKind cellKind = parseCell();
    ExperimentSpec experiment =
        ExperimentSpec.original()
            .withCell(cellKind)
            .withUnits(units)
            .withWindows(lookback, offset)
            .withEpochs(epochs)
            .withHorizon(horizon);
    return new SweepConfig(
        backendsFor(cellKind),
        biases == null ? SweepConfig.ORIGINAL_BIASES : biases,
        seeds,
        SweepConfig.ORIGINAL_SEED,
        mode,
        adaptive,
        SweepConfig.ADAPTIVE_START,
        experiment,
        source);
  }

  private CellKind parseCell() {
    try {
      return CellKind.parse(cell);
    } catch (InvalidInputException e) {
      throw usage("--cell: " + e.getMessage());
    }
  }

  /**
   * The backends named, each of which must implement the cell; without --backends, those of the
   * default ones that implement it (the refusal to a named one says which do).
   */
  private List<String> backendsFor(CellKind cellKind) {
    Feature needed = cellKind == CellKind.GRU ? Feature.GRU : null;
    if (backendNames == null) {
      return DEFAULT_BACKENDS.stream().filter(n -> implementsFeature(n, needed)).toList();
    }
    List<String> names = backendNames.stream().map(String::trim).toList();
    List<String> lacking = names.stream().filter(n -> !implementsFeature(n, needed)).toList();
    if (!lacking.isEmpty()) {
      List<String> able =
          DEFAULT_BACKENDS.stream().filter(n -> implementsFeature(n, needed)).toList();
      throw usage(
          "--cell "
              + cellKind.id()
              + ": "
              + String.join(", ", lacking)
              + (lacking.size() == 1 ? " does" : " do")
              + " not implement "
              + needed.description()
              + "; use --backends "
              + String.join(",", able));
    }
    return names;
  }

  /**
   * Whether backend {@code name} declares {@code feature} (null: nothing needed); a name not on the
   * class path passes here, for the sweep to report as it always has.
   */
  private boolean implementsFeature(String name, Feature feature) {
    return feature == null
        || backends.all().stream()
            .filter(b -> b.name().equals(name))
            .allMatch(b -> b.implementedFeatures().contains(feature));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
