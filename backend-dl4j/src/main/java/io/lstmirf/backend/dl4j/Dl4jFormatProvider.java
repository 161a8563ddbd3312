package io.lstmirf.backend.dl4j;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/**
 * DL4J ModelSerializer zips for {@link io.lstmirf.interop.ModelFormats}, read and written by DL4J
 * ({@link Dl4jModelFiles}). Cheap to construct: ND4J loads on the first read or write.
 */
public final class Dl4jFormatProvider extends WritableFormatProvider {

  /** One backend per JVM: ND4J loads with the backend's settings and self-checks once. */
  private static final class Holder {
    static final Dl4jBackend BACKEND = new Dl4jBackend();
  }

  @Override
  public ModelFormat format() {
    return ModelFormat.DL4J;
  }

  @Override
  public ImportedModel read(Path file) {
    Holder.BACKEND.engine();
    return Dl4jModelFiles.read(file);
  }

  /** Writes parameters in {@code precision} (float64 keeps every weight exactly). */
  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    Holder.BACKEND.engine();
    Dl4jModelFiles.write(weights, file, precision);
  }
}
