package io.lstmirf.backend.djl;

import io.lstmirf.api.AbstractLstmBackend;
import io.lstmirf.api.Device;
import io.lstmirf.api.Feature;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.MatrixProduct;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LSTMs and their variants (GRU, peepholes, bidirectional layers, dropout) on DJL's PyTorch engine:
 * PyTorch's fused LSTM and GRU ops for sequences, a few ATen ops per layer for session steps and
 * where no fused op fits (the fused op's per-call setup dominates a single step), its autograd for
 * gradients, and DJL's optimisers for training, in float32 or float64, on the CPU or a CUDA GPU
 * (with the {@code gpu} build profile).
 *
 * <p>Constructing the backend touches no DJL class, so it can be listed even when DJL or its
 * natives are missing; they load on the first {@link #availability()} or {@link #create} call.
 */
public final class DjlBackend extends AbstractLstmBackend<DjlEngine> {
  /** The name this backend is chosen by. */
  public static final String NAME = "djl";

  private static final List<Precision> PRECISIONS = List.of(Precision.FLOAT32, Precision.FLOAT64);

  private final DjlBuild build = DjlBuild.current();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return build.description()
        + loadedEngine().map(e -> ", " + e.oneDnn().description()).orElse("");
  }

  @Override
  protected DjlEngine loadEngine() {
    return DjlEngine.load(build);
  }

  @Override
  protected List<Precision> precisions() {
    return PRECISIONS;
  }

  /**
   * Every variant: PyTorch's own {@code gru} op and both directions of its {@code lstm} and {@code
   * gru} ops; peepholes and dropout masks composed from its ops ({@link DjlCells}).
   */
  @Override
  protected Set<Feature> features() {
    return EnumSet.allOf(Feature.class);
  }

  @Override
  protected List<Device> devices(DjlEngine engine) {
    return engine.devices();
  }

  @Override
  protected String loadFailureFix() {
    return "this needs ai.djl:api and ai.djl.pytorch:pytorch-engine "
        + build.djlVersion()
        + ", "
        + build.jniCoordinates()
        + " and "
        + build.nativeCoordinates()
        + " on the class path (dependencies of lstm-irf-backend-djl), and a writable native"
        + " cache ("
        + io.lstmirf.api.EngineSettings.cacheDirectory("djl")
        + ")";
  }

  /** The loaded, self-checked engine, for model files ({@link DjlFormatProvider}). */
  DjlEngine engine() {
    return requireEngine();
  }

  @Override
  protected LstmModel newModel(DjlEngine engine, LstmWeights weights, ModelOptions options) {
    return new DjlModel(engine, weights, options);
  }

  @Override
  protected Optional<MatrixProduct> newMatrixProduct(
      DjlEngine engine, MatrixProduct.Shape shape, Precision precision) {
    return Optional.of(new DjlMatrixProduct(engine, shape, DjlArrays.dataType(precision)));
  }
}
