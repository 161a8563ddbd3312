package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ModelFormats;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a model file of any format (lstm-irf JSON or a framework's file, {@link ModelFormats}) and
 * builds it on the chosen backend: the first step of every command that runs a model, so each of
 * them takes every format.
 */
public final class ModelLoader {
  private final Backends backends;
  private final ModelFormats formats = ModelFormats.discover();

  @Inject
  public ModelLoader(Backends backends) {
    this.backends = backends;
  }

  /** Reads the options' model file and builds it on the backend they name. */
  public LstmModel load(ModelRunOptions options) {
    ModelSource m = read(options.file);
    LstmBackend backend = options.resolve(backends);
    return backend.create(m.weights(), options.modelOptions(backend));
  }

  /**
   * Reads a model file: lstm-irf's JSON (a {@code .json} name, JSON content, or {@code --from
   * json}) as it is, any other through the format's provider.
   */
  public ModelSource read(ModelFileOptions options) {
    Path file = options.file();
    if (options.isJson() || (options.format().isEmpty() && looksLikeJson(file))) {
      return ModelSource.json(ModelJson.read(file));
    }
    ModelFormat format = options.format().orElseGet(() -> detect(file));
    return ModelSource.of(formats.read(file, format, options.readOptions()));
  }

  /** The format of a file that is not lstm-irf JSON; the error names --from and every choice. */
  private ModelFormat detect(Path file) {
    if (Files.isDirectory(file)) {
      return formats.detect(file); // a SavedModel, or an error saying a folder is not one
    }
    if (!Files.exists(file)) {
      // said as it is: naming a format would not help
      throw new InvalidInputException("model file " + file + " does not exist");
    }
    try {
      return formats.detect(file);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "cannot tell the format of model file "
              + file
              + " from"
              + " its content or name; name it with --from (json, "
              + formats.readable().stream()
                  .map(ModelFormat::id)
                  .collect(java.util.stream.Collectors.joining(", "))
              + ")",
          e);
    }
  }

  /** The formats of this class path, for import and export. */
  public ModelFormats formats() {
    return formats;
  }

  private static boolean looksLikeJson(Path file) {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB
          || c == 0xBF);
      return c == '{';
    } catch (IOException e) {
      return false; // the format's reader reports the unreadable file
    }
  }
}
