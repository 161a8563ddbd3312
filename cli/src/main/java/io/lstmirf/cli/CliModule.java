package io.lstmirf.cli;

import com.google.inject.AbstractModule;
import io.lstmirf.guice.LstmIrfModule;

/**
 * Wires the application: lstm-irf's own Guice module (the backend registry, the default backend,
 * the analysis entry points) and the console. The api itself stays DI-free.
 */
final class CliModule extends AbstractModule {
  private final Console console;

  CliModule(Console console) {
    this.console = console;
  }

  @Override
  protected void configure() {
    install(new LstmIrfModule());
    bind(Console.class).toInstance(console);
  }
}
