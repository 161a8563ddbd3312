package io.lstmirf.cli;

import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ReadOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The model file every command that runs a model takes, in lstm-irf's JSON or any format a
 * provider reads (ONNX, Keras, TorchScript, SavedModel, DL4J), and how to read it. Used as a
 * picocli mixin; {@link ModelLoader} reads it.
 */
public final class ModelFileOptions {

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "M",
      description = "Model file: lstm-irf JSON (lstm-irf-model/1), or .onnx, TorchScript .pt,"
          + " .keras, .h5, a SavedModel directory or a DL4J .zip (told from the file; see"
          + " --from).")
  Path model;

  @Option(names = "--from", paramLabel = "FORMAT",
      description = "The model file's format when it cannot be told from the file: onnx, keras,"
          + " keras-h5, torchscript, savedmodel, dl4j or json.")
  String from;

  @Option(names = "--rnn", paramLabel = "NAME",
      description = "TorchScript: the LSTM module to read when there are several.")
  String rnn;

  @Option(names = "--head", paramLabel = "NAME",
      description = "TorchScript: the linear head module to read when there are several.")
  String head;

  /** Options for a file named otherwise than by --model (import's FILE). */
  static ModelFileOptions of(Path model, String from, String rnn, String head) {
    ModelFileOptions o = new ModelFileOptions();
    o.model = model;
    o.from = from;
    o.rnn = rnn;
    o.head = head;
    return o;
  }

  /** The file. */
  public Path file() {
    return model;
  }

  /** The format named with --from, if any; empty also for lstm-irf's own JSON. */
  Optional<ModelFormat> format() {
    return from == null || isJson() ? Optional.empty() : Optional.of(ModelFormat.parse(from));
  }

  /** Whether --from names lstm-irf's JSON. */
  boolean isJson() {
    return from != null && from.trim().equalsIgnoreCase("json");
  }

  ReadOptions readOptions() {
    return ReadOptions.of(rnn, head);
  }
}
