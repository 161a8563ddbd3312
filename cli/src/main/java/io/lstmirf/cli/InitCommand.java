package io.lstmirf.cli;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.BiasInit;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.init.WeightScheme;
import io.lstmirf.api.json.ModelJson;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.OptionalInt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lstm-irf init}: writes a freshly initialised model file (seeded, the same on every
 * machine), to try the other commands on, or to start a comparison from known weights.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Write a new model file with seeded initial weights: Xavier or PyTorch-uniform"
            + " weights, the memory gate's bias set (an LSTM's forget gate, a GRU's update gate;"
            + " other biases 0), or chrono biases.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf init --units 8 --head 1 --forget-bias 1 --out docs/examples/lstm-1x8.json",
      "  lstm-irf init --inputs 3 --units 50 --layers 2 --chrono 90 --out chrono.json",
      "  lstm-irf init --cell gru --units 8 --head 1 --forget-bias 2 --out gru.json"
    })
final class InitCommand implements Runnable {
  private final Console console;

  @Spec CommandSpec spec;

  @Option(
      names = "--inputs",
      defaultValue = "1",
      paramLabel = "I",
      description = "Input size (default ${DEFAULT-VALUE}).")
  int inputs;

  @Option(names = "--units", required = true, paramLabel = "H", description = "Hidden units.")
  int units;

  @Option(
      names = "--layers",
      defaultValue = "1",
      paramLabel = "L",
      description = "Stacked layers (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(
      names = "--cell",
      defaultValue = "lstm",
      paramLabel = "lstm|gru",
      description =
          "The cell of every layer (default ${DEFAULT-VALUE}); a GRU is written in"
              + " format lstm-irf-model/2.")
  String cell;

  @Option(
      names = "--head",
      defaultValue = "0",
      paramLabel = "O",
      description = "Outputs of a dense head on the top layer; 0 for none (default).")
  int head;

  @Option(
      names = "--weights",
      defaultValue = "xavier",
      paramLabel = "SCHEME",
      description =
          "xavier (Glorot uniform, as Keras) or uniform (U(-1/sqrt(H), 1/sqrt(H)), as"
              + " PyTorch). Default: ${DEFAULT-VALUE}.")
  WeightScheme scheme;

  @ArgGroup(exclusive = true)
  Biases biases = new Biases();

  /** Either a forget bias for every unit or chrono biases. */
  static final class Biases {
    @Option(
        names = "--forget-bias",
        paramLabel = "B",
        description =
            "Every memory-gate bias: the forget gate's b_f, a GRU's update gate's b_z"
                + " (default 1.0, Keras' unit_forget_bias).")
    Double forgetBias;

    @Option(
        names = "--chrono",
        paramLabel = "T_MAX",
        description =
            "Chrono initialisation: b_f ~ log U[1, T_MAX - 1], b_i = -b_f (a GRU's"
                + " b_z drawn the same way).")
    Double chrono;
  }

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the draw (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "M.json",
      description = "Model file to write (format lstm-irf-model/1, or /2 for a GRU).")
  Path out;

  @Inject
  InitCommand(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    if (inputs < 1 || units < 1 || layers < 1 || head < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--inputs, --units and --layers must be"
              + " at least 1 and --head at least 0; got "
              + inputs
              + ", "
              + units
              + ", "
              + layers
              + ", "
              + head);
    }
    CellKind kind;
    try {
      kind = CellKind.parse(cell);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), "--cell: " + e.getMessage());
    }
    LstmSpec s =
        new LstmSpec(inputs, units, layers, head == 0 ? OptionalInt.empty() : OptionalInt.of(head))
            .withKind(kind == CellKind.GRU ? LayerKind.GRU : LayerKind.LSTM);
    BiasInit bias =
        biases.chrono != null
            ? new BiasInit.Chrono(biases.chrono)
            : new BiasInit.ForgetBias(biases.forgetBias != null ? biases.forgetBias : 1.0);
    LstmWeights weights = Initializer.initialize(s, scheme, bias, seed);
    ModelJson.write(weights, out);
    console
        .err()
        .printf(
            "init: wrote %s (%d inputs, %d %s layer(s) of %d units%s)%n",
            out,
            inputs,
            layers,
            kind.id().toUpperCase(java.util.Locale.ROOT),
            units,
            head == 0 ? ", no head" : ", head of " + head);
    console.err().flush();
  }
}
