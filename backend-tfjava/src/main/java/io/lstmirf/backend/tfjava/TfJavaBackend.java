package io.lstmirf.backend.tfjava;

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
 * The LSTM (with peepholes, and bidirectional layers) and the GRU on TensorFlow Java: each model is
 * one TensorFlow graph run by one session, with the weights held in resource variables, LSTM
 * sequences run by the fused {@code BlockLSTMV2} kernel, GRUs composed from TensorFlow ops ({@link
 * TfJavaLayers}) and gradients taken by TensorFlow's graph autograd (see {@link
 * TfJavaLstmGradient}).
 *
 * <p>Computes in float32 only: TensorFlow registers its LSTM kernels ({@code BlockLSTMV2} and its
 * gradient) for half and float, and TensorFlow Java's graph gradients cannot differentiate a while
 * loop, so a float64 model would have no engine autograd to train with.
 */
public final class TfJavaBackend extends AbstractLstmBackend<TfJavaEngine> {
  /** The name this backend is chosen by. */
  public static final String NAME = "tfjava";

  /** Loads nothing: the natives load on first use. */
  public TfJavaBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return TfJavaBuild.BUILT.description(loadedEngine().map(TfJavaEngine::version).orElse(null));
  }

  @Override
  protected TfJavaEngine loadEngine() {
    return TfJavaEngine.load();
  }

  @Override
  protected List<Precision> precisions() {
    return TfJavaEngine.PRECISIONS;
  }

  /**
   * Peephole LSTMs (BlockLSTMV2's own peepholes), bidirectional layers (a second op on the
   * time-reversed sequence), GRUs and dropout. TensorFlow's GRU op ({@code GRUBlockCell}) applies
   * the reset gate before the recurrent weights, which is not the canonical GRU, and BlockLSTMV2
   * cannot mask its recurrent input, so both are cells composed from TensorFlow ops: in a while
   * loop for sequences, one step for sessions, and unrolled for losses, gradients and training,
   * which TensorFlow Java's graph gradients cannot take through a loop ({@link TfJavaLayers}).
   * Input dropout multiplies a layer's input before BlockLSTMV2.
   */
  @Override
  protected Set<Feature> features() {
    return EnumSet.of(Feature.PEEPHOLES, Feature.BIDIRECTIONAL, Feature.GRU, Feature.DROPOUT);
  }

  @Override
  protected List<Device> devices(TfJavaEngine engine) {
    return engine.devices();
  }

  /** The loaded, self-checked engine, for model files ({@link TfJavaFormatProvider}). */
  TfJavaEngine engine() {
    return requireEngine();
  }

  @Override
  protected LstmModel newModel(TfJavaEngine engine, LstmWeights weights, ModelOptions options) {
    return new TfJavaModel(weights, options);
  }

  @Override
  protected Optional<MatrixProduct> newMatrixProduct(
      TfJavaEngine engine, MatrixProduct.Shape shape, Precision precision) {
    return Optional.of(new TfJavaMatrixProduct(shape));
  }
}
