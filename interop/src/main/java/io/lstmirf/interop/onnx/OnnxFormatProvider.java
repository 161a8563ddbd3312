package io.lstmirf.interop.onnx;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/** ONNX for {@link io.lstmirf.interop.ModelFormats}: {@link OnnxReader}, {@link OnnxWriter}. */
public final class OnnxFormatProvider extends WritableFormatProvider {

  @Override
  public ModelFormat format() {
    return ModelFormat.ONNX;
  }

  @Override
  public ImportedModel read(Path file) {
    return OnnxReader.read(file);
  }

  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    OnnxWriter.write(weights, file, OnnxExportOptions.DEFAULT.withPrecision(precision));
  }
}
