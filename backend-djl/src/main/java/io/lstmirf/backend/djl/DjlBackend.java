package io.lstmirf.backend.djl;

import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Availability;
import io.lstmirf.api.Capabilities;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import java.util.List;

/**
 * The canonical LSTM on DJL's PyTorch engine: PyTorch's fused LSTM op for sequences, a few ATen
 * ops per layer for session steps (the fused op's per-call setup dominates a single step), its
 * autograd for gradients, and DJL's optimisers for training, in float32 or float64, on the CPU or
 * a CUDA GPU (with the {@code gpu} build profile).
 *
 * <p>Constructing the backend touches no DJL class, so it can be listed even when DJL or its
 * natives are missing; they load on the first {@link #availability()} or {@link #create} call.
 */
public final class DjlBackend extends AbstractLstmBackend {
  /** The name this backend is chosen by. */
  public static final String NAME = "djl";

  private static final List<Precision> PRECISIONS = List.of(Precision.FLOAT32, Precision.FLOAT64);

  private final EngineBuild build = EngineBuild.current();
  private volatile PyTorchEngine engine;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return build.description();
  }

  @Override
  protected Availability loadEngine() {
    try {
      engine = PyTorchEngine.load(build);
      return Availability.ok();
    } catch (PyTorchEngine.UnavailableException e) {
      return Availability.unavailable(e.getMessage());
    } catch (NoClassDefFoundError e) {
      // Thrown before PyTorchEngine could run: DJL's own jars are absent.
      return Availability.unavailable("DJL is not on the class path (" + e.getMessage()
          + " not found): add ai.djl:api and ai.djl.pytorch:pytorch-engine "
          + build.djlVersion() + ", which the backend-djl module depends on");
    }
  }

  @Override
  public Capabilities capabilities() {
    availability();
    PyTorchEngine loaded = engine;
    return new Capabilities(PRECISIONS, loaded == null ? List.of(Device.CPU) : loaded.devices());
  }

  @Override
  protected LstmModel newModel(LstmWeights weights, ModelOptions options) {
    return new DjlModel(engine, weights, options);
  }
}
