package io.lstmirf.cli;

import picocli.CommandLine.Option;

/**
 * How to read a model file: its format when the file does not tell, and which TorchScript modules
 * to take. Used as a picocli mixin by {@link ModelFileOptions} and {@code import}.
 */
public final class ModelReadOptions {

  @Option(
      names = "--from",
      paramLabel = "FORMAT",
      description =
          "The model file's format when it cannot be told from the file: onnx, keras,"
              + " keras-h5, torchscript, savedmodel, dl4j or json.")
  String from;

  @Option(
      names = "--rnn",
      paramLabel = "NAME",
      description = "TorchScript: the LSTM module to read when there are several.")
  String rnn;

  @Option(
      names = "--head",
      paramLabel = "NAME",
      description = "TorchScript: the linear head module to read when there are several.")
  String head;
}
