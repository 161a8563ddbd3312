package io.lstmirf.cli;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lstm-irf init}: writes a freshly initialised model file (seeded, the same on every
 * machine), to try the other commands on, or to start a comparison from known weights.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a new model file with seeded initial weights: Xavier or PyTorch-uniform"
        + " weights, the forget-gate bias set (other biases 0), or chrono biases.",
    footerHeading = "%nExamples:%n",
    footer = {"  lstm-irf init --units 8 --head 1 --forget-bias 1 --out docs/examples/lstm-1x8.json",
        "  lstm-irf init --inputs 3 --units 50 --layers 2 --chrono 90 --out chrono.json"})
final class InitCommand implements Runnable {
  private final Console console;

  @Spec
  CommandSpec spec;

  @Option(names = "--inputs", defaultValue = "1", paramLabel = "I",
      description = "Input size (default ${DEFAULT-VALUE}).")
  int inputs;

  @Option(names = "--units", required = true, paramLabel = "H", description = "Hidden units.")
  int units;

  @Option(names = "--layers", defaultValue = "1", paramLabel = "L",
      description = "Stacked layers (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--head", defaultValue = "0", paramLabel = "O",
      description = "Outputs of a dense head on the top layer; 0 for none (default).")
  int head;

  @Option(names = "--weights", defaultValue = "xavier", paramLabel = "SCHEME",
      description = "xavier (Glorot uniform, as Keras) or uniform (U(-1/sqrt(H), 1/sqrt(H)), as"
          + " PyTorch). Default: ${DEFAULT-VALUE}.")
  WeightScheme scheme;

  @ArgGroup(exclusive = true)
  Biases biases = new Biases();

  /** Either a forget bias for every unit or chrono biases. */
  static final class Biases {
    @Option(names = "--forget-bias", paramLabel = "B",
        description = "Every forget-gate bias (default 1.0, Keras' unit_forget_bias).")
    Double forgetBias;

    @Option(names = "--chrono", paramLabel = "T_MAX",
        description = "Chrono initialisation: b_f ~ log U[1, T_MAX - 1], b_i = -b_f.")
    Double chrono;
  }

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "Seed of the draw (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "M.json",
      description = "Model file to write (format lstm-irf-model/1).")
  Path out;

  @Inject
  InitCommand(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    if (inputs < 1 || units < 1 || layers < 1 || head < 0) {
      throw new ParameterException(spec.commandLine(), "--inputs, --units and --layers must be"
          + " at least 1 and --head at least 0; got " + inputs + ", " + units + ", " + layers
          + ", " + head);
    }
    LstmSpec s = new LstmSpec(inputs, units, layers,
        head == 0 ? OptionalInt.empty() : OptionalInt.of(head));
    BiasInit bias = biases.chrono != null ? new BiasInit.Chrono(biases.chrono)
        : new BiasInit.ForgetBias(biases.forgetBias != null ? biases.forgetBias : 1.0);
    LstmWeights weights = Initializer.initialize(s, scheme, bias, seed);
    ModelJson.write(weights, out);
    console.err().printf("init: wrote %s (%d inputs, %d layer(s) of %d units%s)%n", out,
        inputs, layers, units, head == 0 ? ", no head" : ", head of " + head);
    console.err().flush();
  }
}
