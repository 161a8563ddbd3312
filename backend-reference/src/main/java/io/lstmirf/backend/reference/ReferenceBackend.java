package io.lstmirf.backend.reference;

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
 * The pure-Java, double-precision backend: exactly the canonical LSTM of irf-method.md and every
 * variant ({@link Feature}: peepholes, GRU, bidirectional layers, dropout), with no dependencies.
 * It is the oracle every engine is tested and self-checked against, and the default backend.
 */
public final class ReferenceBackend extends AbstractLstmBackend<ReferenceEngine> {
  /** The name this backend is chosen by. */
  public static final String NAME = "reference";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pure Java, float64 (oracle)";
  }

  @Override
  public boolean isOracle() {
    return true;
  }

  @Override
  protected ReferenceEngine loadEngine() {
    return ReferenceEngine.INSTANCE;
  }

  @Override
  protected List<Precision> precisions() {
    return ReferenceEngine.PRECISIONS;
  }

  /** Every variant: the oracle must be able to answer for all of them. */
  @Override
  protected Set<Feature> features() {
    return EnumSet.allOf(Feature.class);
  }

  @Override
  protected List<Device> devices(ReferenceEngine engine) {
    return engine.devices();
  }

  @Override
  protected String gpuAdvice() {
    return "The reference backend computes in Java on the CPU only; for a GPU use djl, tfjava or"
        + " dl4j";
  }

  @Override
  protected LstmModel newModel(ReferenceEngine engine, LstmWeights weights, ModelOptions options) {
    return new ReferenceModel(weights, options);
  }

  @Override
  protected Optional<MatrixProduct> newMatrixProduct(
      ReferenceEngine engine, MatrixProduct.Shape shape, Precision precision) {
    return Optional.of(new ReferenceMatrixProduct(shape));
  }
}
