package io.lstmirf.cli;

import io.lstmirf.api.Precision;
import io.lstmirf.interop.ModelFormat;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lstm-irf export}: a model (any format read) to a framework's file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a model as a framework's file: onnx (opset 14, one LSTM node per"
            + " layer), keras (.keras), keras-h5 (.h5), torchscript (.pt, through DJL's PyTorch),"
            + " savedmodel (a directory, through TensorFlow Java) or dl4j (.zip, through DL4J).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lstm-irf export --model docs/examples/lstm-1x8.json --to onnx --out /tmp/m.onnx",
      "  lstm-irf export --model my_lstm.onnx --to torchscript --out my_lstm.pt",
      "  lstm-irf export --model m.json --to savedmodel --out exported/ --precision float64"
    })
final class ExportCommand implements Runnable {
  private final ModelLoader loader;
  private final Console console;

  @Mixin ModelFileOptions file;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FORMAT",
      description = "onnx, keras, keras-h5, torchscript, savedmodel or dl4j.")
  String to;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "The file (a directory for savedmodel) to write; replaced atomically.")
  Path out;

  @Option(
      names = "--precision",
      defaultValue = "float32",
      paramLabel = "P",
      description =
          "float32 (default: what the frameworks run) or float64 (every weight kept"
              + " exactly, so importing the file gives the model back bit for bit).")
  String precision;

  @Inject
  ExportCommand(ModelLoader loader, Console console) {
    this.loader = loader;
    this.console = console;
  }

  @Override
  public void run() {
    ModelFormat format = ModelFormat.parse(to);
    Precision p = Precision.parse(precision);
    ModelSource m = loader.read(file);
    loader.formats().write(m.weights(), format, out, p);
    console
        .err()
        .println("lstm-irf: wrote " + out + " (" + format.description() + ", " + p.id() + ")");
  }
}
