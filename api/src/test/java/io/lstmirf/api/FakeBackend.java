package io.lstmirf.api;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for testing the registry and the checks {@link AbstractLstmBackend} makes before a
 * model is built. It builds no models: {@link #newModel} only counts that it was reached. Its
 * engine is whatever {@code load} returns; a load that throws is a failed load.
 */
public class FakeBackend extends AbstractLstmBackend<Object> {
  private final String name;
  private final Callable<?> load;
  private final List<Precision> precisions;
  private final List<Device> devices;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger modelsRequested = new AtomicInteger();

  /** For {@link java.util.ServiceLoader}: an available float64 CPU backend named "fake". */
  public FakeBackend() {
    this("fake", () -> "engine");
  }

  FakeBackend(String name, Callable<?> load) {
    this(name, load, List.of(Precision.FLOAT64), List.of(Device.CPU));
  }

  FakeBackend(String name, Callable<?> load, List<Precision> precisions, List<Device> devices) {
    this.name = name;
    this.load = load;
    this.precisions = precisions;
    this.devices = devices;
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
  protected Object loadEngine() throws Exception {
    loads.incrementAndGet();
    return load.call();
  }

  @Override
  protected List<Precision> precisions() {
    return precisions;
  }

  @Override
  protected List<Device> devices(Object engine) {
    return devices;
  }

  @Override
  protected LstmModel newModel(Object engine, LstmWeights weights, ModelOptions options) {
    modelsRequested.incrementAndGet();
    return null;
  }
}
