package io.lstmirf.backend.dl4j;

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
 * The canonical LSTM on Deeplearning4j's ND4J with its native CPU backend (or, built with {@code
 * -Pgpu}, its CUDA backend). Inference runs libnd4j's LSTM ops; gradients run libnd4j's LSTM cell
 * backprop op through time, and training applies DL4J's updaters to them. Float32 and float64.
 *
 * <p>Constructing the backend loads nothing; ND4J's natives load on the first call to {@link
 * #availability()} or {@link #create}.
 */
public final class Dl4jBackend extends AbstractLstmBackend<Dl4jEngine> {
  /** The name this backend is chosen by. */
  public static final String NAME = "dl4j";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return Dl4jBuild.BUILT.description();
  }

  @Override
  protected Dl4jEngine loadEngine() {
    return Dl4jEngine.load();
  }

  @Override
  protected List<Precision> precisions() {
    return Dl4jEngine.PRECISIONS;
  }

  /**
   * Every variant: peephole LSTMs, through libnd4j's own peephole LSTM ops and their
   * backpropagation; GRUs composed from libnd4j ops ({@link Dl4jGruOps}: its own GRU ops are a
   * different cell); bidirectional layers (the same ops on the reversed sequence); dropout (masked
   * cell inputs, the masks multiplied into the gradients).
   */
  @Override
  protected Set<Feature> features() {
    return EnumSet.of(Feature.PEEPHOLES, Feature.GRU, Feature.BIDIRECTIONAL, Feature.DROPOUT);
  }

  @Override
  protected List<Device> devices(Dl4jEngine engine) {
    return engine.devices();
  }

  @Override
  protected String loadFailureFix() {
    return Dl4jEngine.loadFailureFix();
  }

  /** The loaded, self-checked engine, for model files ({@link Dl4jFormatProvider}). */
  Dl4jEngine engine() {
    return requireEngine();
  }

  @Override
  protected LstmModel newModel(Dl4jEngine engine, LstmWeights weights, ModelOptions options) {
    return new Dl4jModel(weights, options);
  }

  @Override
  protected Optional<MatrixProduct> newMatrixProduct(
      Dl4jEngine engine, MatrixProduct.Shape shape, Precision precision) {
    return Optional.of(new Dl4jMatrixProduct(shape, Dl4jArrays.dataType(precision)));
  }
}
