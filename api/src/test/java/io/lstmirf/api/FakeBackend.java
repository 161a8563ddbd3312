package io.lstmirf.api;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for testing the registry and the checks {@link AbstractLstmBackend} makes before a
 * model is built. It builds no models: {@link #newModel} only counts that it was reached.
 */
public class FakeBackend extends AbstractLstmBackend {
  private final String name;
  private final Callable<Availability> load;
  private final Capabilities capabilities;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger modelsRequested = new AtomicInteger();

  /** For {@link java.util.ServiceLoader}: an available float64 CPU backend named "fake". */
  public FakeBackend() {
    this("fake", Availability::ok);
  }

  FakeBackend(String name, Callable<Availability> load) {
    this(name, load, new Capabilities(List.of(Precision.FLOAT64), List.of(Device.CPU)));
  }

  FakeBackend(String name, Callable<Availability> load, Capabilities capabilities) {
    this.name = name;
    this.load = load;
    this.capabilities = capabilities;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return name + " engine";
  }

  @Override
  protected Availability loadEngine() throws Exception {
    loads.incrementAndGet();
    return load.call();
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  protected LstmModel newModel(LstmWeights weights, ModelOptions options) {
    modelsRequested.incrementAndGet();
    return null;
  }
}
