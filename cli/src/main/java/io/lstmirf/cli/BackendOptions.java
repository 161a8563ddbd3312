package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Which backend, precision and device a command runs its models on. Used as a picocli mixin, on its
 * own (commands that train) or inside {@link ModelRunOptions}.
 */
public final class BackendOptions {

  @Option(
      names = {"-b", "--backend"},
      paramLabel = "NAME",
      description =
          "Backend: reference, djl, tfjava or dl4j (default: -Dlstmirf.backend,"
              + " $LSTM_IRF_BACKEND, else reference).")
  String backend;

  @Option(
      names = "--precision",
      paramLabel = "P",
      description =
          "float32 or float64 (default: the backend's first; float32 for engines,"
              + " float64 for the reference).")
  String precision;

  @Option(
      names = "--device",
      paramLabel = "DEV",
      defaultValue = "cpu",
      description = "cpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  /** The chosen backend, checked to be available here. */
  public LstmBackend resolve(Backends backends) {
    LstmBackend b = backend == null ? backends.defaultBackend() : backends.get(backend);
    return backends.getAvailable(b.name());
  }

  /** Precision and device for {@code backend}. */
  public ModelOptions modelOptions(LstmBackend backend) {
    Precision p =
        precision == null ? backend.capabilities().defaultPrecision() : Precision.parse(precision);
    return new ModelOptions(p, Device.parse(device));
  }

  /** Builds models from weights on the chosen backend, precision and device. */
  public Function<LstmWeights, LstmModel> builder(Backends backends) {
    LstmBackend b = resolve(backends);
    ModelOptions options = modelOptions(b);
    return w -> b.create(w, options);
  }
}
