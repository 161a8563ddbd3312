package io.lstmirf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.MemoryCheck;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lstm-irf bench}: stepping latency and whole-sequence forward time of every backend,
 * measured side by side in one process. Each round measures every backend once, in turn, so that
 * machine noise hits them alike; the report gives medians over rounds and ratios to the reference.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure stepping latency and sequence forward time of the backends side by"
        + " side (medians over interleaved rounds).",
    footerHeading = "%nExamples:%n",
    footer = {"  lstm-irf bench",
        "  lstm-irf bench --backends reference,djl --rounds 3 --json",
        "  lstm-irf bench --step-hidden 128 --seq-length 500 --seq-hidden 64 --seq-batch 8"})
final class BenchCommand implements Runnable {
  private final Backends backends;
  private final Console console;

  @Option(names = "--backends", split = ",", paramLabel = "NAMES",
      description = "Backends to measure (default: every available one).")
  List<String> names;

  @Option(names = "--rounds", defaultValue = "7", paramLabel = "ROUNDS",
      description = "Rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--step-hidden", defaultValue = "64", paramLabel = "H",
      description = "Hidden size of the stepping benchmark (default ${DEFAULT-VALUE}).")
  int stepHidden;

  @Option(names = "--steps", defaultValue = "2000", paramLabel = "STEPS",
      description = "Steps per stepping measurement (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seq-length", defaultValue = "1000", paramLabel = "T",
      description = "Time steps of the sequence benchmark (default ${DEFAULT-VALUE}).")
  int seqLength;

  @Option(names = "--seq-hidden", defaultValue = "256", paramLabel = "H",
      description = "Hidden size of the sequence benchmark (default ${DEFAULT-VALUE}).")
  int seqHidden;

  @Option(names = "--seq-batch", defaultValue = "32", paramLabel = "B",
      description = "Batch of the sequence benchmark (default ${DEFAULT-VALUE}).")
  int seqBatch;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec command;

  @Inject
  BenchCommand(Backends backends, Console console) {
    this.backends = backends;
    this.console = console;
  }

  /** Medians of one backend. */
  record Result(String backend, Precision precision, double microsPerStep,
      double secondsPerSequence) {}

  @Override
  public void run() {
    validate();
    List<LstmBackend> chosen = new ArrayList<>();
    if (names == null) {
      chosen.addAll(backends.available());
    } else {
      names.forEach(n -> chosen.add(backends.getAvailable(n.trim())));
    }
    LstmWeights stepWeights = Initializer.xavier(LstmSpec.of(1, stepHidden, 1), 1.0, 1);
    LstmWeights seqWeights = Initializer.xavier(LstmSpec.of(1, seqHidden, 1), 1.0, 2);
    double[][][] sequence = randomInputs(seqBatch, seqLength, 3);
    double[][] stepInputs = new double[steps][1];
    SplittableRandom random = new SplittableRandom(4);
    for (double[] x : stepInputs) {
      x[0] = random.nextGaussian();
    }
    Map<LstmBackend, double[]> stepTimes = new LinkedHashMap<>();
    Map<LstmBackend, double[]> seqTimes = new LinkedHashMap<>();
    List<LstmModel> stepModels = new ArrayList<>();
    List<LstmModel> seqModels = new ArrayList<>();
    try {
      for (LstmBackend b : chosen) {
        ModelOptions options = ModelOptions.of(precisionFor(b));
        stepModels.add(b.create(stepWeights, options));
        seqModels.add(b.create(seqWeights, options));
        MemoryCheck.forward(seqModels.get(seqModels.size() - 1), seqBatch, seqLength, Set.of(),
            true, "bench's sequence of --seq-batch " + seqBatch + " x --seq-length " + seqLength
            + " through --seq-hidden " + seqHidden + " units on " + b.name(),
            "use a smaller --seq-batch, --seq-length or --seq-hidden");
        stepTimes.put(b, new double[rounds]);
        seqTimes.put(b, new double[rounds]);
      }
      console.err().printf("bench: %d rounds; stepping H=%d I=1 B=1 (%d steps); sequence T=%d"
          + " H=%d I=1 B=%d%n", rounds, stepHidden, steps, seqLength, seqHidden, seqBatch);
      for (int i = 0; i < chosen.size(); i++) { // warm-up: JIT, native initialisation
        stepping(stepModels.get(i), stepInputs);
        seqModels.get(i).forward(sequence);
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < chosen.size(); i++) {
          stepTimes.get(chosen.get(i))[r] = stepping(stepModels.get(i), stepInputs) * 1e6 / steps;
          long t0 = System.nanoTime();
          seqModels.get(i).forward(sequence);
          seqTimes.get(chosen.get(i))[r] = (System.nanoTime() - t0) / 1e9;
        }
        console.err().printf("bench: round %d/%d done%n", r + 1, rounds);
      }
    } finally {
      stepModels.forEach(LstmModel::close);
      seqModels.forEach(LstmModel::close);
    }
    List<Result> results = new ArrayList<>();
    for (LstmBackend b : chosen) {
      results.add(new Result(b.name(), precisionFor(b), median(stepTimes.get(b)),
          median(seqTimes.get(b))));
    }
    print(results);
  }

  /**
   * Every count at least 1 (0 steps would report a division by zero as "Infinity us"), and the
   * inputs within the heap (each backend's forward checks its own results).
   */
  private void validate() {
    Ranges.atLeast(command, "--rounds", rounds, 1);
    Ranges.atLeast(command, "--steps", steps, 1);
    Ranges.atLeast(command, "--step-hidden", stepHidden, 1);
    Ranges.atLeast(command, "--seq-length", seqLength, 1);
    Ranges.atLeast(command, "--seq-hidden", seqHidden, 1);
    Ranges.atLeast(command, "--seq-batch", seqBatch, 1);
    MemoryCheck.requireHeap(ArraySizes.doubles(1, steps, 1)
        + ArraySizes.doubles(seqBatch, seqLength, 1), "bench with --steps " + steps
        + " and a sequence of --seq-batch " + seqBatch + " x --seq-length " + seqLength,
        "use smaller values");
  }

  private static Precision precisionFor(LstmBackend b) {
    return b.capabilities().supports(Precision.FLOAT32) ? Precision.FLOAT32
        : b.capabilities().defaultPrecision();
  }

  /** Seconds to step a fresh session through every input. */
  private static double stepping(LstmModel model, double[][] inputs) {
    double[][] x = new double[1][];
    try (LstmSession session = model.openSession(1)) {
      long t0 = System.nanoTime();
      for (double[] step : inputs) {
        x[0] = step;
        session.step(x);
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private void print(List<Result> results) {
    Result reference = results.stream().filter(r -> r.backend().equals(Backends.REFERENCE))
        .findFirst().orElse(null);
    if (json) {
      ObjectNode root = JsonFiles.MAPPER.createObjectNode();
      root.put("rounds", rounds);
      ObjectNode setup = root.putObject("setup");
      setup.put("stepHidden", stepHidden);
      setup.put("steps", steps);
      setup.put("seqLength", seqLength);
      setup.put("seqHidden", seqHidden);
      setup.put("seqBatch", seqBatch);
      ArrayNode list = root.putArray("results");
      for (Result r : results) {
        ObjectNode n = list.addObject();
        n.put("backend", r.backend());
        n.put("precision", r.precision().id());
        n.put("microsPerStep", r.microsPerStep());
        n.put("secondsPerSequence", r.secondsPerSequence());
      }
      console.printJson(root);
      return;
    }
    String format = "%-10s %-9s %14s %10s %16s %10s%n";
    console.out().printf(format, "BACKEND", "PRECISION", "STEP (us)", "vs ref", "SEQUENCE (s)",
        "vs ref");
    for (Result r : results) {
      console.out().printf(format, r.backend(), r.precision().id(),
          String.format("%.1f", r.microsPerStep()),
          reference == null ? "-" : String.format("%.2fx", r.microsPerStep()
              / reference.microsPerStep()),
          String.format("%.3f", r.secondsPerSequence()),
          reference == null ? "-" : String.format("%.2fx", r.secondsPerSequence()
              / reference.secondsPerSequence()));
    }
    console.out().flush();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double[][][] randomInputs(int batch, int steps, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[batch][steps][1];
    for (double[][] row : x) {
      for (double[] v : row) {
        v[0] = random.nextGaussian();
      }
    }
    return x;
  }
}
