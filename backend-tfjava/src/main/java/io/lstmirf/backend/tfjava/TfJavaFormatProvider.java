package io.lstmirf.backend.tfjava;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/**
 * TensorFlow SavedModel directories for {@link io.lstmirf.interop.ModelFormats}, read ({@link
 * TfJavaSavedModelReader}) and written ({@link TfJavaSavedModelWriter}) through TensorFlow Java.
 * Cheap to construct: TensorFlow loads on the first read or write.
 */
public final class TfJavaFormatProvider extends WritableFormatProvider {

  /** One backend per JVM: TensorFlow loads with the backend's settings and self-checks once. */
  private static final class Holder {
    static final TfJavaBackend BACKEND = new TfJavaBackend();
  }

  @Override
  public ModelFormat format() {
    return ModelFormat.SAVEDMODEL;
  }

  @Override
  public ImportedModel read(Path dir) {
    Holder.BACKEND.engine();
    return TfJavaSavedModelReader.read(dir);
  }

  /** Writes variables in {@code precision} (float64 keeps every weight exactly). */
  @Override
  public void write(LstmWeights weights, Path dir, Precision precision) {
    Holder.BACKEND.engine();
    TfJavaSavedModelWriter.write(weights, dir, precision);
  }
}
