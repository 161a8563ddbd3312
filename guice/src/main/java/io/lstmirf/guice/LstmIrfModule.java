package io.lstmirf.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.irf.IrfAnalysis;

/**
 * Gives a Guice application lstm-irf in one line, {@code Guice.createInjector(new
 * LstmIrfModule())}: the {@link Backends} found on the class path (one registry per injector), the
 * default {@link LstmBackend} and the analysis entry points ({@link IrfAnalysis}).
 *
 * <p>The default backend is the one named here, else {@code -Dlstmirf.backend}, else {@code
 * $LSTM_IRF_BACKEND}, else the reference ({@link Backends#defaultBackend()}). It is resolved, and
 * its engine loaded, when it is first injected, not when the module is installed.
 */
public final class LstmIrfModule extends AbstractModule {
  private final String backendName;

  /** The default backend from {@code -Dlstmirf.backend} / {@code $LSTM_IRF_BACKEND}. */
  public LstmIrfModule() {
    this(null);
  }

  private LstmIrfModule(String backendName) {
    this.backendName = backendName;
  }

  /** A module whose injected {@link LstmBackend} is the one called {@code name}. */
  public static LstmIrfModule withBackend(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name a backend: reference, djl, tfjava, dl4j, ...");
    }
    return new LstmIrfModule(name);
  }

  @Override
  protected void configure() {
    bind(IrfAnalysis.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  Backends backends() {
    return Backends.discover();
  }

  /** The default backend, available here, or a failure naming why it is not. */
  @Provides
  @Singleton
  LstmBackend defaultBackend(Backends backends) {
    LstmBackend chosen =
        backendName == null ? backends.defaultBackend() : backends.get(backendName);
    return backends.getAvailable(chosen.name());
  }
}
