package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.irf.multi.FitSpec;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How {@code fit} and {@code compare} train their one-step LSTM forecasters, and on which backend.
 * Used as a picocli mixin.
 */
public final class TrainingOptions {

  @Option(
      names = "--units",
      defaultValue = "16",
      paramLabel = "H",
      description = "LSTM units per layer (default ${DEFAULT-VALUE}).")
  int units;

  @Option(
      names = "--layers",
      defaultValue = "1",
      paramLabel = "n",
      description = "Stacked LSTM layers (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(
      names = "--epochs",
      defaultValue = "100",
      paramLabel = "E",
      description =
          "Passes over the training windows; no early stopping, so the validation"
              + " part stays out of sample (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      paramLabel = "S",
      description =
          "Models to train, seeds 42, 43, ...: each fixes the initial weights and the"
              + " batch order (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--batch",
      defaultValue = "32",
      paramLabel = "B",
      description = "Windows per Adam step (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.01",
      paramLabel = "LR",
      description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--train-fraction",
      defaultValue = "0.8",
      paramLabel = "F",
      description =
          "The first F of the observations train (and fit the scaling); the rest"
              + " measure the out-of-sample one-step errors (default ${DEFAULT-VALUE}).")
  double trainFraction;

  @Mixin BackendOptions engine;

  /** The first seed. */
  static final long FIRST_SEED = 42;

  /** The training the options describe; a bad value is a usage error of {@code command}. */
  FitSpec spec(int lookback, CommandSpec command) {
    try {
      return new FitSpec(
          lookback, units, layers, epochs, seeds, FIRST_SEED, batch, learningRate, trainFraction);
    } catch (InvalidInputException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /** Builds models on the chosen backend. */
  Function<LstmWeights, LstmModel> builder(Backends backends) {
    return engine.builder(backends);
  }
}
