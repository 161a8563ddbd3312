package io.lstmirf.cli;

import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ReadOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The model file every command that runs a model takes, in lstm-irf's JSON or any format a provider
 * reads (ONNX, Keras, TorchScript, SavedModel, DL4J), and how to read it. Used as a picocli mixin;
 * {@link ModelLoader} reads it.
 */
public final class ModelFileOptions {

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "M",
      description =
          "Model file: lstm-irf JSON (lstm-irf-model/1), or .onnx, TorchScript .pt,"
              + " .keras, .h5, a SavedModel directory or a DL4J .zip (told from the file; see"
              + " --from).")
  Path model;

  @Mixin ModelReadOptions read = new ModelReadOptions();

  /** Options for a file named otherwise than by --model (import's FILE). */
  static ModelFileOptions of(Path model, ModelReadOptions read) {
    ModelFileOptions o = new ModelFileOptions();
    o.model = model;
    o.read = read;
    return o;
  }

  /** The file. */
  public Path file() {
    return model;
  }

  /** The format named with --from, if any; empty also for lstm-irf's own JSON. */
  Optional<ModelFormat> format() {
    return read.from == null || isJson()
        ? Optional.empty()
        : Optional.of(ModelFormat.parse(read.from));
  }

  /** Whether --from names lstm-irf's JSON. */
  boolean isJson() {
    return read.from != null && read.from.trim().equalsIgnoreCase("json");
  }

  ReadOptions readOptions() {
    return ReadOptions.of(read.rnn, read.head);
  }
}
