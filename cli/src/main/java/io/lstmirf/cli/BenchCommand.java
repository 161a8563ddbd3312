package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import io.lstmirf.experiment.bench.Bench;
import io.lstmirf.experiment.bench.BenchCase;
import io.lstmirf.experiment.bench.BenchReport;
import io.lstmirf.experiment.bench.BenchSettings;
import io.lstmirf.experiment.bench.BenchTable;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf bench}: the options of {@link Bench}, checked as usage errors, and its report as
 * a table or JSON. The measuring lives in irf-experiment's bench package.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time every backend side by side (medians over interleaved rounds) next to"
          + " the floor measured in the same run: each engine's own matrix product at the"
          + " sequence step's shape [B x H] x [H x 4H] and at a large square shape.",
      "Cases: step (a session stepped at B=1), sequence (one forward pass), irf (a batch of"
          + " impulse responses in one call against one forward of the same batch), training (one"
          + " epoch of the default sweep's model).",
      "Prints the CPU model and its vector instruction sets; --json carries every round."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf bench",
      "  lstm-irf bench --backends reference,djl --rounds 3 --json",
      "  lstm-irf bench --cases step,sequence --step-hidden 128 --seq-length 500 --seq-hidden 64"
          + " --seq-batch 8"
    })
final class BenchCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Option(
      names = "--backends",
      split = ",",
      paramLabel = "NAMES",
      description = "Backends to measure (default: every available one).")
  List<String> names;

  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "CASES",
      description =
          "LSTM cases to time: step, sequence, irf, training (default: all). The"
              + " floors are always measured.")
  List<String> cases;

  @Option(
      names = "--rounds",
      defaultValue = "7",
      paramLabel = "ROUNDS",
      description = "Rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--step-hidden",
      defaultValue = "64",
      paramLabel = "H",
      description = "Hidden size of the stepping case (default ${DEFAULT-VALUE}).")
  int stepHidden;

  @Option(
      names = "--steps",
      defaultValue = "2000",
      paramLabel = "STEPS",
      description = "Steps per stepping measurement (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--seq-length",
      defaultValue = "1000",
      paramLabel = "T",
      description = "Time steps of the sequence case (default ${DEFAULT-VALUE}).")
  int seqLength;

  @Option(
      names = "--seq-hidden",
      defaultValue = "256",
      paramLabel = "H",
      description =
          "Hidden size of the sequence case and of the step-shape floor (default"
              + " ${DEFAULT-VALUE}).")
  int seqHidden;

  @Option(
      names = "--seq-batch",
      defaultValue = "32",
      paramLabel = "B",
      description =
          "Batch of the sequence case and rows of the step-shape floor (default"
              + " ${DEFAULT-VALUE}).")
  int seqBatch;

  @Option(
      names = "--gemm-size",
      defaultValue = "1024",
      paramLabel = "N",
      description =
          "Side of the large square matrix product, the machine's best rate"
              + " (default ${DEFAULT-VALUE}).")
  int gemmSize;

  @Option(
      names = "--irf-shocks",
      defaultValue = "1024",
      paramLabel = "N",
      description =
          "Shocks of the batched-IRF case, all in one call (default" + " ${DEFAULT-VALUE}).")
  int irfShocks;

  @Option(
      names = "--json",
      description =
          "Print JSON (every round's time, floors, multiples,"
              + " CPU model and ISA) instead of a table.")
  boolean json;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Inject
  BenchCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  @Override
  public void run() {
    BenchSettings settings = settings();
    List<LstmBackend> chosen = new ArrayList<>();
    if (names == null) {
      chosen.addAll(backends.available());
    } else {
      names.forEach(n -> chosen.add(backends.getAvailable(n.trim())));
    }
    BenchReport report = Bench.run(chosen, settings, console.err());
    if (json) {
      console.printJson(report.toJson());
    } else {
      BenchTable.print(report, console.out());
    }
  }

  /**
   * The settings, every range a usage error: counts at least 1 (0 steps would report a division by
   * zero), the large product within its bound, and the inputs within the heap.
   */
  BenchSettings settings() {
    Ranges.atLeast(command, "--rounds", rounds, 1);
    Ranges.atLeast(command, "--steps", steps, 1);
    Ranges.atLeast(command, "--step-hidden", stepHidden, 1);
    Ranges.atLeast(command, "--seq-length", seqLength, 1);
    Ranges.atLeast(command, "--seq-hidden", seqHidden, 1);
    Ranges.atLeast(command, "--seq-batch", seqBatch, 1);
    Ranges.within(command, "--gemm-size", gemmSize, 1, BenchSettings.MAX_GEMM_SIZE);
    Ranges.atLeast(command, "--irf-shocks", irfShocks, 1);
    Set<BenchCase> chosen = EnumSet.allOf(BenchCase.class);
    if (cases != null) {
      chosen = EnumSet.noneOf(BenchCase.class);
      for (String c : cases) {
        try {
          chosen.add(BenchCase.parse(c));
        } catch (io.lstmirf.api.InvalidInputException e) {
          throw Ranges.usage(command, "--cases: " + e.getMessage());
        }
      }
    }
    MemoryCheck.requireHeap(
        ArraySizes.doubles(1, steps, 1) + ArraySizes.doubles(seqBatch, seqLength, 1),
        "bench with --steps "
            + steps
            + " and a sequence of --seq-batch "
            + seqBatch
            + " x --seq-length "
            + seqLength,
        "use smaller values");
    return new BenchSettings(
        rounds, stepHidden, steps, seqLength, seqHidden, seqBatch, gemmSize, irfShocks, chosen);
  }
}
