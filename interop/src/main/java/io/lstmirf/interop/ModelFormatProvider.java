package io.lstmirf.interop;

import io.lstmirf.api.LstmIrfException;
import io.lstmirf.api.LstmWeights;
import java.nio.file.Path;

/**
 * Reads (and possibly writes) one {@link ModelFormat}. Implementations register themselves in
 * {@code META-INF/services/io.lstmirf.interop.ModelFormatProvider} and are found by {@link
 * ModelFormats#discover()}: this module provides ONNX, Keras and Keras HDF5; an engine module adds
 * TorchScript, SavedModel or DL4J by shipping its own provider, without this module knowing it. A
 * provider must be cheap to construct: heavy engines load when a file is read.
 */
public interface ModelFormatProvider {

  /** The format this provider reads. One provider per format is used (the first found). */
  ModelFormat format();

  /**
   * Reads a file of this format into canonical weights.
   *
   * @throws UnsupportedModelException naming the construct when the file holds something the
   *     canonical LSTM cannot represent
   * @throws io.lstmirf.api.InvalidInputException when the file is missing, unreadable or malformed
   */
  ImportedModel read(Path file);

  /**
   * Reads a file, taking the modules {@code options} pick. By default a provider takes the whole
   * model and refuses picks; providers of formats that name their modules override this.
   *
   * @throws io.lstmirf.api.InvalidInputException when a module is picked but this format's reader
   *     takes the whole model, or the picked module is not in the file
   */
  default ImportedModel read(Path file, ReadOptions options) {
    if (!options.isEmpty()) {
      throw new io.lstmirf.api.InvalidInputException(
          "--rnn and --head pick modules of"
              + " TorchScript files; "
              + format().description()
              + "s are read whole ("
              + file
              + "): leave them out");
    }
    return read(file);
  }

  /** Whether {@link #write} is implemented. */
  default boolean canWrite() {
    return false;
  }

  /**
   * Writes the weights as a file of this format with the provider's default options.
   *
   * @throws LstmIrfException when this provider only reads ({@link #canWrite()} is false)
   */
  default void write(LstmWeights weights, Path file) {
    throw new LstmIrfException(
        "writing "
            + format().description()
            + "s is not supported by "
            + getClass().getName()
            + "; it only reads them");
  }

  /**
   * Writes the weights with their values held in {@code precision}: FLOAT32 (what frameworks run by
   * default; weights rounded to float) or FLOAT64 (every weight kept exactly, so a round trip
   * through the file is exact). By default only FLOAT32, through {@link #write}.
   *
   * @throws io.lstmirf.api.InvalidInputException when this provider cannot write that precision
   */
  default void write(LstmWeights weights, Path file, io.lstmirf.api.Precision precision) {
    if (precision != io.lstmirf.api.Precision.FLOAT32) {
      throw new io.lstmirf.api.InvalidInputException(
          format().description()
              + "s are written"
              + " in float32 only; leave out --precision "
              + precision.id());
    }
    write(weights, file);
  }
}
