package io.lstmirf.backend.dl4j;

import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;

/**
 * The canonical LSTM on Deeplearning4j and ND4J's native CPU backend (or, built with
 * {@code -Pgpu}, its CUDA backend). Inference runs libnd4j's fused LSTM ops; gradients and
 * training run DL4J's own network and updaters. Float32 and float64.
 *
 * <p>Constructing the backend loads nothing; ND4J's natives load on the first call to
 * {@link #availability()} or {@link #create}.
 */
public final class Dl4jBackend extends AbstractLstmBackend {
  /** The name this backend is chosen by. */
  public static final String NAME = "dl4j";

  private volatile Dl4jEngine engine;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return EngineVersions.BUILT.description();
  }

  @Override
  protected Availability loadEngine() {
    try {
      engine = Dl4jEngine.load();
      return Availability.ok();
    } catch (Exception | LinkageError e) {
      return Availability.unavailable(Dl4jEngine.failureReason(e));
    }
  }

  /** What the loaded engine supports; before a successful load, no device at all. */
  @Override
  public Capabilities capabilities() {
    availability();
    Dl4jEngine e = engine;
    return e != null ? e.capabilities() : Dl4jEngine.UNLOADED;
  }

  @Override
  protected LstmModel newModel(LstmWeights weights, ModelOptions options) {
    return new Dl4jModel(weights, options);
  }
}
