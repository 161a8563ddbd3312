package io.lstmirf.interop.keras;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/** Legacy Keras HDF5 models (.h5) for {@link io.lstmirf.interop.ModelFormats}; writes float32. */
public final class KerasH5FormatProvider extends WritableFormatProvider {

  @Override
  public ModelFormat format() {
    return ModelFormat.KERAS_H5;
  }

  @Override
  public ImportedModel read(Path file) {
    return KerasReader.read(file);
  }

  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    KerasWriter.write(weights, file, ModelFormat.KERAS_H5, precision);
  }
}
