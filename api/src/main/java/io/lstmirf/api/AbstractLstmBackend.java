package io.lstmirf.api;

import java.util.stream.Collectors;

/**
 * Base for backends: loads the engine once, lazily and thread-safely, turns a load failure into an
 * unavailable {@link Availability}, and checks precision and device before building a model.
 */
public abstract class AbstractLstmBackend implements LstmBackend {
  private volatile Availability availability;

  /**
   * Loads the engine's natives. Called at most once, the first time the backend is used.
   *
   * @return available, or unavailable with the reason (for example, no GPU natives)
   * @throws Throwable any load failure; it becomes an unavailable result
   */
  protected abstract Availability loadEngine() throws Throwable;

  /** Builds the model; precision, device and finiteness are already checked. */
  protected abstract LstmModel newModel(LstmWeights weights, ModelOptions options);

  @Override
  public final Availability availability() {
    Availability a = availability;
    if (a == null) {
      synchronized (this) {
        a = availability;
        if (a == null) {
          try {
            a = loadEngine();
          } catch (Throwable e) { // linkage errors included: report, never crash the caller
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
              throw vme;
            }
            a = Availability.failedToLoad(description(), e);
          }
          availability = a;
        }
      }
    }
    return a;
  }

  @Override
  public final LstmModel create(LstmWeights weights, ModelOptions options) {
    Availability a = availability();
    if (!a.available()) {
      throw new BackendUnavailableException("backend '" + name() + "' is unavailable: "
          + a.reason());
    }
    Capabilities caps = capabilities();
    if (!caps.supports(options.precision())) {
      throw new BackendUnavailableException("backend '" + name() + "' does not compute in "
          + options.precision() + "; use " + caps.precisions().stream().map(Precision::id)
          .collect(Collectors.joining(" or ")));
    }
    if (!caps.supports(options.device())) {
      throw new BackendUnavailableException("backend '" + name() + "' cannot use device "
          + options.device() + " here; devices found: " + caps.devices().stream()
          .map(Device::toString).collect(Collectors.joining(", "))
          + (options.device().isGpu() ? ". " + gpuAdvice() : ""));
    }
    weights.requireFinite();
    return newModel(weights, options);
  }

  /**
   * What to do when a GPU was asked for and none is usable here. Backends that never compute on a
   * GPU say so instead.
   */
  protected String gpuAdvice() {
    return "A GPU needs a CUDA device, its driver, and the backend's GPU natives (build with"
        + " -Pgpu)";
  }

  @Override
  public String toString() {
    return name();
  }
}
