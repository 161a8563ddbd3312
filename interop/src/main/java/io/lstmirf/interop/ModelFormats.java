package io.lstmirf.interop;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The model formats this class path can read and write, and the few calls a command needs:
 *
 * <pre>
 * ModelFormats formats = ModelFormats.discover();
 * ImportedModel m = formats.read(Path.of("my_lstm.onnx"));          // format from the file
 * formats.write(m.weights(), ModelFormat.KERAS, Path.of("my_lstm.keras"));
 * </pre>
 *
 * An object, not static state, so tests can build one from chosen providers ({@link #of}).
 */
public final class ModelFormats {
  private final Map<ModelFormat, ModelFormatProvider> providers;

  private ModelFormats(List<? extends ModelFormatProvider> found) {
    Map<ModelFormat, ModelFormatProvider> byFormat = new EnumMap<>(ModelFormat.class);
    for (ModelFormatProvider p : found) {
      byFormat.putIfAbsent(p.format(), p);
    }
    this.providers = Collections.unmodifiableMap(byFormat);
  }

  /** The providers registered on the class path (the first one found for each format wins). */
  public static ModelFormats discover() {
    List<ModelFormatProvider> found = new ArrayList<>();
    ServiceLoader.load(ModelFormatProvider.class).forEach(found::add);
    return new ModelFormats(found);
  }

  /** Exactly these providers. */
  public static ModelFormats of(List<? extends ModelFormatProvider> providers) {
    return new ModelFormats(providers);
  }

  /** The provider for a format, if one is on the class path. */
  public Optional<ModelFormatProvider> provider(ModelFormat format) {
    return Optional.ofNullable(providers.get(format));
  }

  /** Formats that can be read here. */
  public List<ModelFormat> readable() {
    return List.copyOf(providers.keySet());
  }

  /** Formats that can be written here. */
  public List<ModelFormat> writable() {
    return providers.values().stream()
        .filter(ModelFormatProvider::canWrite)
        .map(ModelFormatProvider::format)
        .collect(Collectors.toList());
  }

  /**
   * The format of a file, from its content (HDF5 signature, zip entries, SavedModel directory) and
   * then its name.
   *
   * @throws InvalidInputException when neither tells, or the file does not exist
   */
  public ModelFormat detect(Path file) {
    Optional<ModelFormat> format = FormatDetector.detect(file);
    if (format.isEmpty() && java.nio.file.Files.isDirectory(file)) {
      // the one format that is a folder; any other folder was given by mistake
      throw new InvalidInputException(
          "cannot read model file "
              + file
              + ": is a directory,"
              + " and not a SavedModel (it has no saved_model.pb); give a model file");
    }
    return format.orElseThrow(
        () ->
            new InvalidInputException(
                "cannot tell the format of "
                    + file
                    + " from its content or name; name it (one of "
                    + ids(List.of(ModelFormat.values()))
                    + ")"));
  }

  /** Reads a file whose format is {@link #detect detected}. */
  public ImportedModel read(Path file) {
    return read(file, detect(file));
  }

  /** Reads a file of the given format. */
  public ImportedModel read(Path file, ModelFormat format) {
    return read(file, format, ReadOptions.NONE);
  }

  /** Reads a file of the given format, taking the modules {@code options} pick. */
  public ImportedModel read(Path file, ModelFormat format, ReadOptions options) {
    return require(format, "read").read(file, options);
  }

  /** Writes the weights as a file of the given format, with that format's default options. */
  public void write(LstmWeights weights, ModelFormat format, Path file) {
    ModelFormatProvider p = require(format, "write");
    if (!p.canWrite()) {
      throw new InvalidInputException(
          format.description()
              + "s can be read here but not"
              + " written; formats that can be written: "
              + ids(writable()));
    }
    p.write(weights, file);
  }

  /** Writes the weights as a file of the given format, values held in {@code precision}. */
  public void write(
      LstmWeights weights, ModelFormat format, Path file, io.lstmirf.api.Precision precision) {
    ModelFormatProvider p = require(format, "write");
    if (!p.canWrite()) {
      throw new InvalidInputException(
          format.description()
              + "s can be read here but not"
              + " written; formats that can be written: "
              + ids(writable()));
    }
    p.write(weights, file, precision);
  }

  /** The format an output file's name asks for (by extension), if any. */
  public static Optional<ModelFormat> formatOfName(Path file) {
    for (ModelFormat f : ModelFormat.values()) {
      if (f.matchesName(file.getFileName().toString())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private ModelFormatProvider require(ModelFormat format, String verb) {
    ModelFormatProvider p = providers.get(format);
    if (p == null) {
      throw new InvalidInputException(
          "cannot "
              + verb
              + " "
              + format.description()
              + "s: no provider for '"
              + format.id()
              + "' is on the class path (the module that adds"
              + " it registers an io.lstmirf.interop.ModelFormatProvider); available: "
              + ids(readable()));
    }
    return p;
  }

  private static String ids(List<ModelFormat> formats) {
    return formats.isEmpty()
        ? "none"
        : formats.stream().map(ModelFormat::id).collect(Collectors.joining(", "));
  }
}
