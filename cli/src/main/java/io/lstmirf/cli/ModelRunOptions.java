package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.ModelOptions;
import picocli.CommandLine.Mixin;

/**
 * The options every command that runs one model file shares: the file (any format, {@link
 * ModelFileOptions}), which backend, which precision, which device. Used as a picocli mixin.
 */
public final class ModelRunOptions {

  @Mixin ModelFileOptions file;

  @Mixin BackendOptions engine;

  /** The chosen backend, checked to be available here. */
  public LstmBackend resolve(Backends backends) {
    return engine.resolve(backends);
  }

  /** Precision and device for {@code backend}. */
  public ModelOptions modelOptions(LstmBackend backend) {
    return engine.modelOptions(backend);
  }
}
