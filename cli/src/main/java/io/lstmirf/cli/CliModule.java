package io.lstmirf.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lstmirf.api.Backends;

/** Wires the application: the backend registry and the console. The api itself stays DI-free. */
final class CliModule extends AbstractModule {
  private final Console console;

  CliModule(Console console) {
    this.console = console;
  }

  @Override
  protected void configure() {
    bind(Console.class).toInstance(console);
  }

  @Provides
  @Singleton
  Backends backends() {
    return Backends.discover();
  }
}
