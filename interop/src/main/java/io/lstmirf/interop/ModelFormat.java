package io.lstmirf.interop;

import io.lstmirf.api.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A framework's model file format. Each has a short name, used on the command line ({@code --from
 * onnx}, {@code --to keras-h5}), and the file name endings it is usually saved with. Reading and
 * writing live in {@link ModelFormatProvider}s; this enum only names formats.
 */
public enum ModelFormat {
  /** An ONNX model ({@code .onnx}): the {@code LSTM} operator and a MatMul+Add or Gemm head. */
  ONNX("onnx", "ONNX model", ".onnx"),
  /** A Keras 3 archive ({@code .keras}: a zip of config.json and model.weights.h5). */
  KERAS("keras", "Keras 3 archive", ".keras"),
  /** A legacy Keras HDF5 model ({@code .h5}: model_config attribute and model_weights group). */
  KERAS_H5("keras-h5", "legacy Keras HDF5 model", ".h5", ".hdf5"),
  /** A TorchScript archive written by {@code torch.jit.save} (read through DJL). */
  TORCHSCRIPT("torchscript", "TorchScript archive", ".pt", ".pth", ".ts"),
  /** A TensorFlow SavedModel directory (read through TensorFlow Java). */
  SAVEDMODEL("savedmodel", "TensorFlow SavedModel directory"),
  /** A Deeplearning4j ModelSerializer zip. */
  DL4J("dl4j", "Deeplearning4j ModelSerializer zip", ".zip");

  private final String id;
  private final String description;
  private final List<String> extensions;

  ModelFormat(String id, String description, String... extensions) {
    this.id = id;
    this.description = description;
    this.extensions = List.of(extensions);
  }

  /** The short name, as a user types it: {@code onnx}, {@code keras}, {@code keras-h5}, ... */
  public String id() {
    return id;
  }

  /** A few words for messages: "ONNX model", "Keras 3 archive". */
  public String description() {
    return description;
  }

  /** File name endings, lower case with the dot; empty for a directory format. */
  public List<String> extensions() {
    return extensions;
  }

  /** Whether the file name ends with one of this format's extensions (case-insensitive). */
  public boolean matchesName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return extensions.stream().anyMatch(lower::endsWith);
  }

  /**
   * The format with this short name (case-insensitive; {@code h5} is accepted for keras-h5).
   *
   * @throws InvalidInputException listing the names when there is no such format
   */
  public static ModelFormat parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("h5") || n.equals("hdf5")) {
      return KERAS_H5;
    }
    for (ModelFormat f : values()) {
      if (f.id.equals(n)) {
        return f;
      }
    }
    throw new InvalidInputException(
        "unknown model format '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(ModelFormat::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
