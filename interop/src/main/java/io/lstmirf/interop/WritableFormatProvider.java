package io.lstmirf.interop;

import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import java.nio.file.Path;

/**
 * A provider that reads and writes its format, in float32 by default (what frameworks run) and in
 * any precision it implements {@link #write(LstmWeights, Path, Precision)} for.
 */
public abstract class WritableFormatProvider implements ModelFormatProvider {

  @Override
  public final boolean canWrite() {
    return true;
  }

  /** Writes float32 values. */
  @Override
  public final void write(LstmWeights weights, Path file) {
    write(weights, file, Precision.FLOAT32);
  }

  @Override
  public abstract void write(LstmWeights weights, Path file, Precision precision);
}
