package io.lstmirf.api;

import io.lstmirf.api.check.SelfCheckResult;
import java.util.Optional;
import java.util.Set;

/**
 * The service-provider interface of an engine. Implementations are listed in {@code
 * META-INF/services/io.lstmirf.api.LstmBackend} and found by {@link Backends}; they must have a
 * public no-argument constructor that does not load natives (so that listing backends never fails).
 * Natives load on the first call to {@link #availability()} or {@link #create}. Most
 * implementations extend {@link AbstractLstmBackend}.
 */
public interface LstmBackend {

  /** Short lower-case name used to choose the backend: {@code reference}, {@code djl}, ... */
  String name();

  /** The engine and its version, for listings: {@code "DJL 0.35.1, PyTorch 2.7.1"}. */
  String description();

  /** Whether the engine loads here; loads it on first call, then caches the answer. */
  Availability availability();

  /**
   * The result of the check this backend ran on its own numbers when it loaded, against the float64
   * reference (see {@link io.lstmirf.api.check.SelfCheck}); empty when no check ran (the reference
   * itself, a check turned off by {@link EngineSettings#SELF_CHECK_PROPERTY}, or an engine that did
   * not load). Loads the engine.
   */
  default Optional<SelfCheckResult> selfCheck() {
    return Optional.empty();
  }

  /**
   * The variants this backend implements ({@link Capabilities#features()}); backends built on
   * {@link AbstractLstmBackend} answer without loading their engine.
   */
  default Set<Feature> implementedFeatures() {
    return capabilities().features();
  }

  /** Whether this is the float64 oracle every other backend is checked against (the reference). */
  default boolean isOracle() {
    return false;
  }

  /** Precisions and devices usable here. Meaningful only when available. */
  Capabilities capabilities();

  /**
   * Builds a model holding these weights in the engine.
   *
   * @throws BackendUnavailableException if the engine, precision or device cannot be used here
   * @throws InvalidInputException if a weight is not finite
   */
  LstmModel create(LstmWeights weights, ModelOptions options);

  /**
   * The engine's own matrix product of this shape in {@code precision}, on the CPU, with the
   * engine's thread settings, for measuring the machine's floor ({@code lstm-irf bench}); empty
   * when the backend offers none. Loads the engine.
   *
   * @throws BackendUnavailableException if the engine or precision cannot be used here
   */
  default Optional<MatrixProduct> matrixProduct(MatrixProduct.Shape shape, Precision precision) {
    return Optional.empty();
  }

  /** {@link #create(LstmWeights, ModelOptions)} with the default precision, on the CPU. */
  default LstmModel create(LstmWeights weights) {
    return create(weights, ModelOptions.of(capabilities().defaultPrecision()));
  }
}
