package io.lstmirf.interop.keras;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/** Keras 3 archives (.keras) for {@link io.lstmirf.interop.ModelFormats}; writes float32. */
public final class KerasFormatProvider extends WritableFormatProvider {

  @Override
  public ModelFormat format() {
    return ModelFormat.KERAS;
  }

  @Override
  public ImportedModel read(Path file) {
    return KerasReader.read(file);
  }

  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    KerasWriter.write(weights, file, ModelFormat.KERAS, precision);
  }
}
