package io.lstmirf.interop.onnx;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ModelFormatProvider;
import java.nio.file.Path;

/** ONNX for {@link io.lstmirf.interop.ModelFormats}: {@link OnnxReader}, {@link OnnxWriter}. */
public final class OnnxFormatProvider implements ModelFormatProvider {

  @Override
  public ModelFormat format() {
    return ModelFormat.ONNX;
  }

  @Override
  public ImportedModel read(Path file) {
    return OnnxReader.read(file);
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  /** Writes with {@link OnnxExportOptions#DEFAULT}: batch-first, zero initial state, float32. */
  @Override
  public void write(LstmWeights weights, Path file) {
    OnnxWriter.write(weights, file, OnnxExportOptions.DEFAULT);
  }

  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    OnnxWriter.write(weights, file, OnnxExportOptions.DEFAULT.withPrecision(precision));
  }
}
