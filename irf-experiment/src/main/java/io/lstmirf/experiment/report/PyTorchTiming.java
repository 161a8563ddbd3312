package io.lstmirf.experiment.report;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.experiment.json.StrictJson;
import io.lstmirf.experiment.sweep.ExperimentSpec;
import io.lstmirf.experiment.sweep.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PyTorch's time for the same training from Python, as docs/bench/pytorch-train-timing.py measured
 * and wrote it ({@code --json DIR/pytorch-timing.json}). The report compares with it only when the
 * file is in the sweep's directory, and cites it; nothing about PyTorch is assumed.
 *
 * @param format {@value #FORMAT}
 * @param script the script that measured it
 * @param torch PyTorch's version
 * @param python Python's version
 * @param threads PyTorch's intra-op threads
 * @param machine where it ran
 * @param written when the file was last written (ISO 8601)
 * @param units LSTM units of the timed model
 * @param lookback steps per window
 * @param batchSize examples per Adam step
 * @param epochs epochs per run
 * @param trainingWindows training windows per epoch
 * @param runs one per timed training, in the order they ran
 */
public record PyTorchTiming(
    String format,
    String script,
    String torch,
    String python,
    int threads,
    String machine,
    String written,
    int units,
    int lookback,
    int batchSize,
    int epochs,
    int trainingWindows,
    List<Run> runs) {

  /** The file's format tag. */
  public static final String FORMAT = "lstm-irf-pytorch-timing/1";

  /** Its name in a sweep's directory. */
  public static final String FILE = Sweep.PYTORCH_TIMING_FILE;

  public PyTorchTiming {
    if (!FORMAT.equals(format)) {
      throw new InvalidInputException("format is '" + format + "', expected " + FORMAT);
    }
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(torch, "torch");
    Objects.requireNonNull(machine, "machine");
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new InvalidInputException("runs is empty; the script appends one per timed run");
    }
  }

  /**
   * One timed training.
   *
   * @param wallSeconds wall time of the epoch loop, validation included
   * @param cpuSeconds the process's CPU time over the same loop
   * @param validationMse the last epoch's validation MSE
   */
  public record Run(double wallSeconds, double cpuSeconds, double validationMse) {
    public Run {
      if (!(wallSeconds > 0) || !Double.isFinite(wallSeconds)) {
        throw new InvalidInputException(
            "wallSeconds must be a positive number, got " + wallSeconds);
      }
    }
  }

  /**
   * The timing in {@code dir}, if there is one.
   *
   * @throws InvalidInputException naming the file and the field when it is there but damaged
   */
  public static Optional<PyTorchTiming> in(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          StrictJson.read(JsonFiles.read(file, "PyTorch timing"), PyTorchTiming.class));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          file
              + " cannot be read: "
              + e.getMessage()
              + "; fix or"
              + " remove it (docs/bench/pytorch-train-timing.py writes it) and run the same sweep"
              + " command again: recorded trials are kept",
          e);
    }
  }

  /** Wall seconds per run. */
  public Spread wallSeconds() {
    return Spread.of(runs.stream().mapToDouble(Run::wallSeconds).toArray());
  }

  /** CPU seconds per run. */
  public Spread cpuSeconds() {
    return Spread.of(runs.stream().mapToDouble(Run::cpuSeconds).toArray());
  }

  /** How the timed training differs from {@code e}'s, one phrase each; empty if it does not. */
  public List<String> differencesFrom(ExperimentSpec e) {
    List<String> out = new ArrayList<>();
    differs(out, "epochs", epochs, e.epochs());
    differs(out, "units", units, e.units());
    differs(out, "lookback", lookback, e.lookback());
    differs(out, "batch size", batchSize, e.batchSize());
    return out;
  }

  private static void differs(List<String> out, String what, int timed, int swept) {
    if (timed != swept) {
      out.add(what + " " + timed + " there, " + swept + " here");
    }
  }
}
