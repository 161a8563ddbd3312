package io.lstmirf.backend.djl;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ReadOptions;
import io.lstmirf.interop.WritableFormatProvider;
import java.nio.file.Path;

/**
 * TorchScript files ({@code torch.jit.script(model).save}, {@code torch.jit.trace}) for {@link
 * io.lstmirf.interop.ModelFormats}, read and written through DJL's PyTorch engine ({@link
 * DjlTorchScript}). Cheap to construct: the engine loads on the first read or write.
 */
public final class DjlFormatProvider extends WritableFormatProvider {

  /** One backend per JVM for its engine: it loads and self-checks once. */
  private static final class Holder {
    static final DjlBackend BACKEND = new DjlBackend();
  }

  @Override
  public ModelFormat format() {
    return ModelFormat.TORCHSCRIPT;
  }

  @Override
  public ImportedModel read(Path file) {
    return read(file, ReadOptions.NONE);
  }

  /** Honours {@code --rnn} and {@code --head}: TorchScript modules have names. */
  @Override
  public ImportedModel read(Path file, ReadOptions options) {
    return DjlTorchScript.read(Holder.BACKEND.engine(), file, options);
  }

  /** Writes parameters in {@code precision} (float64 keeps every weight exactly). */
  @Override
  public void write(LstmWeights weights, Path file, Precision precision) {
    DjlTorchScript.write(Holder.BACKEND.engine(), weights, file, precision);
  }
}
