package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonArrays;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.irf.multi.EnsembleFiles;
import io.lstmirf.irf.multi.EnsembleFit;
import io.lstmirf.irf.multi.FitOutcome;
import io.lstmirf.irf.multi.FitSpec;
import io.lstmirf.irf.multi.MemberFit;
import io.lstmirf.irf.var.CsvSeries;
import io.lstmirf.irf.var.TimeSeries;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf fit}: trains one-step-ahead multivariate LSTM forecasters on a CSV file and saves
 * them with their scaler and residual covariance, for {@code mirf}.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Train one-step-ahead LSTM forecasters of several variables (input K, dense"
          + " head K, each observation predicted from the L before it) on a CSV file, one per"
          + " seed, on a chronological split with min-max scaling fitted on the training part.",
      "Writes into --out: model-seedS.json (lstm-irf-model/1) per seed, scaler.json,"
          + " residuals.json (each model's one-step residual covariance over the training part,"
          + " in the data's units) and fit.json (options, losses per epoch, out-of-sample"
          + " one-step errors); prints a summary as JSON."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf fit --data docs/examples/us-macro-logdiff.csv"
          + " --columns realgdp,realcons,realinv --lookback 4 --out runs/macro-fit",
      "  lstm-irf fit --data prices.csv --columns close,volume --lookback 20 --units 32"
          + " --epochs 200 --seeds 10 --backend djl --out runs/prices-fit",
      "  lstm-irf mirf --model runs/macro-fit --data docs/examples/us-macro-logdiff.csv"
          + " --horizon 10 --orth"
    })
final class FitCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Spec CommandSpec spec;

  @Option(
      names = {"-d", "--data"},
      required = true,
      paramLabel = "F.csv",
      description =
          "CSV with a header row and one row per observation, oldest first (a"
              + " leading date column is skipped).")
  Path data;

  @Mixin CsvOptions csv;

  @Option(
      names = "--columns",
      required = true,
      split = ",",
      paramLabel = "NAMES",
      description =
          "The variables to model, in this order (the order orthogonalised shocks"
              + " are identified in).")
  List<String> columns;

  @Option(
      names = "--lookback",
      required = true,
      paramLabel = "L",
      description = "Observations each prediction reads.")
  int lookback;

  @Mixin TrainingOptions training;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "Output directory: new, empty, or holding an earlier fit to replace.")
  Path out;

  @Inject
  FitCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    FitSpec fitSpec = training.spec(lookback, spec);
    requireUsable(out, EnsembleFiles.FIT, spec);
    TimeSeries series = CsvSeries.read(data, csv.delimiter()).select(columns);
    long start = System.nanoTime();
    FitOutcome outcome =
        EnsembleFit.fit(
            training.builder(backends), series, fitSpec, progress(console, "fit", fitSpec.seeds()));
    List<Path> files = EnsembleFiles.write(out, outcome, data.toString());
    console.err().printf("fit: wrote %d files to %s%n", files.size(), out);
    ObjectNode json = JsonFiles.MAPPER.createObjectNode();
    json.put("out", out.toAbsolutePath().toString());
    ArrayNode list = json.putArray("files");
    files.forEach(f -> list.add(f.getFileName().toString()));
    json.set("columns", JsonFiles.MAPPER.valueToTree(series.names()));
    json.put("observations", outcome.observations());
    json.put("trainEnd", outcome.trainEnd());
    ArrayNode members = json.putArray("members");
    for (MemberFit m : outcome.members()) {
      members
          .addObject()
          .put("seed", m.seed())
          .put("finalTrainLoss", m.last().trainLoss())
          .put("finalValidationLoss", m.last().validationLoss())
          .set("validationRmse", JsonArrays.toJson(m.validation().rmse()));
    }
    json.set("ensembleValidationRmse", JsonArrays.toJson(outcome.ensembleValidation().rmse()));
    json.put("seconds", (System.nanoTime() - start) / 1e9);
    console.printJson(json);
  }

  /** One line on stderr as each model has trained. */
  static Consumer<MemberFit> progress(Console console, String command, int seeds) {
    int[] done = {0};
    return m -> {
      done[0]++;
      console
          .err()
          .printf(
              Locale.ROOT,
              "%s: model %d/%d (seed %d): %d epochs in %.1f s, loss" + " %.3e, val_loss %.3e%n",
              command,
              done[0],
              seeds,
              m.seed(),
              m.epochs().size(),
              m.seconds(),
              m.last().trainLoss(),
              m.last().validationLoss());
      console.err().flush();
    };
  }

  /**
   * Refuses an output directory that holds anything but an earlier run of the same command
   * (recognised by {@code marker}), before any training starts.
   */
  static void requireUsable(Path dir, String marker, CommandSpec spec) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(
          spec.commandLine(), "--out " + dir + " is a file; give a" + " directory");
    }
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(marker))) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new ParameterException(
            spec.commandLine(),
            "--out "
                + dir
                + " is not empty and"
                + " holds no "
                + marker
                + " of an earlier run; give a new or empty directory");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
