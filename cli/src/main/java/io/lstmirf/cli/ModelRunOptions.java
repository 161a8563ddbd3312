package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that runs one model file shares: the file, which backend, which
 * precision, which device. Used as a picocli mixin.
 */
public final class ModelRunOptions {

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "M.json",
      description = "Model file (format lstm-irf-model/1, or /2 with GRU, peephole or"
          + " bidirectional layers).")
  Path model;

  @Option(names = {"-b", "--backend"}, paramLabel = "NAME",
      description = "Backend: reference, djl, tfjava or dl4j (default: -Dlstmirf.backend,"
          + " $LSTM_IRF_BACKEND, else reference).")
  String backend;

  @Option(names = "--precision", paramLabel = "P",
      description = "float32 or float64 (default: the backend's first; float32 for engines,"
          + " float64 for the reference).")
  String precision;

  @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu",
      description = "cpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  /** The chosen backend, checked to be available here. */
  public LstmBackend resolve(Backends backends) {
    LstmBackend b = backend == null ? backends.defaultBackend() : backends.get(backend);
    return backends.getAvailable(b.name());
  }

  /** Precision and device for {@code backend}. */
  public ModelOptions modelOptions(LstmBackend backend) {
    Precision p = precision == null ? backend.capabilities().defaultPrecision()
        : Precision.parse(precision);
    return new ModelOptions(p, Device.parse(device));
  }
}
