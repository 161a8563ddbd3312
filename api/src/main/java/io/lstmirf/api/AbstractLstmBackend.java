package io.lstmirf.api;

import io.lstmirf.api.check.CpuInfo;
import io.lstmirf.api.check.SelfCheck;
import io.lstmirf.api.check.SelfCheckCache;
import io.lstmirf.api.check.SelfCheckCase;
import io.lstmirf.api.check.SelfCheckResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Base for backends, typed by the handle of their loaded engine ({@code E}). It loads the engine
 * once, lazily and thread-safely; turns a load failure into an unavailable {@link Availability}
 * whose reason names the root cause and the fix; checks the loaded engine's numbers against the
 * float64 reference ({@link SelfCheck}) and reports a backend that computes wrong numbers as
 * unavailable; derives capabilities from the engine; and checks precision, device, the variants the
 * backend implements ({@link #features()}) and weights (finite, and within the range of the model's
 * precision) before a model is built, so that every backend refuses the same things with the same
 * messages.
 *
 * @param <E> what {@link #loadEngine()} returns and every model is built from
 */
public abstract class AbstractLstmBackend<E> implements LstmBackend {
  private volatile Loaded<E> loaded;

  /** The result of the one load: the engine (null if it failed) and what it means. */
  private record Loaded<E>(
      E engine, Availability availability, Optional<SelfCheckResult> selfCheck) {}

  /**
   * Applies the engine's settings ({@link EngineSettings}) and loads its natives. Called at most
   * once per backend, the first time it is used.
   *
   * @throws BackendUnavailableException when the engine cannot run here for a known reason; its
   *     message is the reason, with the fix
   * @throws InvalidInputException when a setting is wrong; reported as itself
   * @throws Throwable any other load failure; reported with its root cause and {@link
   *     #loadFailureFix()}
   */
  protected abstract E loadEngine() throws Throwable;

  /** The precisions this backend computes in; the first is the default. */
  protected abstract List<Precision> precisions();

  /** The devices the loaded engine can place models on. */
  protected abstract List<Device> devices(E engine);

  /**
   * What this backend implements beyond the canonical LSTM: none unless a backend says so. A model
   * needing a feature not listed is refused by {@link #create} (an {@link
   * UnsupportedFeatureException} naming the layer), a trainer with dropout by the model.
   */
  protected Set<Feature> features() {
    return Set.of();
  }

  /** {@link #features()}, known without loading the engine. */
  @Override
  public final Set<Feature> implementedFeatures() {
    return Set.copyOf(features());
  }

  /** Builds a model; the engine is loaded and checked, precision, device and weights are valid. */
  protected abstract LstmModel newModel(E engine, LstmWeights weights, ModelOptions options);

  /**
   * The engine's own matrix product (see {@link LstmBackend#matrixProduct}); the engine is loaded
   * and checked and the precision is one it computes in. By default none.
   */
  protected Optional<MatrixProduct> newMatrixProduct(
      E engine, MatrixProduct.Shape shape, Precision precision) {
    return Optional.empty();
  }

  /**
   * What to do when loading failed with an unexpected error: by default, check the native jar and
   * the cache directory.
   */
  protected String loadFailureFix() {
    return "check that the module's native jar for this platform is on the class path and the"
        + " native cache directory ("
        + EngineSettings.cacheDirectory()
        + ") is writable";
  }

  @Override
  public final Availability availability() {
    return load().availability();
  }

  @Override
  public final Optional<SelfCheckResult> selfCheck() {
    return load().selfCheck();
  }

  @Override
  public final Capabilities capabilities() {
    E engine = load().engine();
    return new Capabilities(precisions(), engine == null ? List.of() : devices(engine), features());
  }

  /**
   * The engine if it has loaded (and passed its self-check), without loading it: for descriptions
   * that can say more once the engine is there.
   */
  protected final Optional<E> loadedEngine() {
    Loaded<E> l = loaded;
    return l == null ? Optional.empty() : Optional.ofNullable(l.engine());
  }

  /**
   * The loaded engine, loading (and self-checking) it if it is not yet: for a module's other uses
   * of its engine, such as reading and writing the engine's own model files.
   *
   * @throws BackendUnavailableException with the reason when the engine cannot run here
   */
  protected final E requireEngine() {
    Loaded<E> l = load();
    if (!l.availability().available()) {
      throw new BackendUnavailableException(
          "backend '" + name() + "' is unavailable: " + l.availability().reason());
    }
    return l.engine();
  }

  @Override
  public final LstmModel create(LstmWeights weights, ModelOptions options) {
    return checkedNewModel(requireEngine(), weights, options);
  }

  @Override
  public final Optional<MatrixProduct> matrixProduct(
      MatrixProduct.Shape shape, Precision precision) {
    E engine = requireEngine();
    requirePrecision(precision);
    return newMatrixProduct(engine, shape, precision);
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

  private LstmModel checkedNewModel(E engine, LstmWeights weights, ModelOptions options) {
    Capabilities caps = new Capabilities(precisions(), devices(engine), features());
    requirePrecision(options.precision());
    if (!caps.supports(options.device())) {
      throw new BackendUnavailableException(
          "backend '"
              + name()
              + "' cannot use device "
              + options.device()
              + " here; devices found: "
              + caps.devices().stream().map(Device::toString).collect(Collectors.joining(", "))
              + (options.device().isGpu() ? ". " + gpuAdvice() : ""));
    }
    LstmSpec spec = weights.spec();
    for (Feature f : spec.features()) {
      if (!caps.supports(f)) {
        int layer = spec.firstLayerNeeding(f);
        throw new UnsupportedFeatureException(
            name(), f, "layer " + layer + " is " + spec.layerKind(layer));
      }
    }
    weights.requireRepresentable(options.precision());
    LstmModel model = newModel(engine, weights, options);
    if (model instanceof AbstractLstmModel m) {
      m.declareFeatures(caps.features());
    }
    return model;
  }

  private void requirePrecision(Precision precision) {
    if (!precisions().contains(precision)) {
      throw new BackendUnavailableException(
          "backend '"
              + name()
              + "' does not compute in "
              + precision
              + "; use "
              + precisions().stream().map(Precision::id).collect(Collectors.joining(" or ")));
    }
  }

  private Loaded<E> load() {
    Loaded<E> l = loaded;
    if (l == null) {
      synchronized (this) {
        l = loaded;
        if (l == null) {
          l = loadAndCheck();
          loaded = l;
        }
      }
    }
    return l;
  }

  private Loaded<E> loadAndCheck() {
    E engine;
    try {
      engine = loadEngine();
    } catch (Throwable e) { // linkage errors included: report, never crash the caller
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
        throw vme;
      }
      return new Loaded<>(null, failure(e), Optional.empty());
    }
    Optional<SelfCheckResult> check = Optional.empty();
    try {
      if (!isOracle() && EngineSettings.selfCheckEnabled()) {
        check =
            SelfCheck.oracle(getClass().getClassLoader()).map(oracle -> quickCheck(engine, oracle));
      }
    } catch (InvalidInputException e) {
      return new Loaded<>(
          null,
          Availability.unavailable(description() + " cannot start: " + e.getMessage()),
          Optional.empty());
    }
    Availability a =
        check
            .filter(c -> !c.passed())
            .map(c -> Availability.unavailable(c.failureReason(name())))
            .orElse(Availability.ok());
    return new Loaded<>(a.available() ? engine : null, a, check);
  }

  /**
   * The quick self-check, or its pass remembered from an earlier start with the same engine,
   * settings and CPU ({@link SelfCheckCache}; {@code -Dlstmirf.selfcheck=always} runs it anyway).
   */
  private SelfCheckResult quickCheck(E engine, LstmBackend oracle) {
    SelfCheck quick = SelfCheck.quick();
    List<SelfCheckCase> cases = quick.cases(precisions());
    if (!EngineSettings.selfCheckRemembered()) {
      return quick.run(name(), precisions(), (w, o) -> checkedNewModel(engine, w, o), oracle);
    }
    SelfCheckCache cache = new SelfCheckCache(EngineSettings.cacheDirectory("selfcheck"));
    String key =
        SelfCheckCache.key(
            getClass(),
            description(),
            quick,
            cases,
            CpuInfo.current(),
            EngineSettings.describeSettings());
    Optional<SelfCheckResult> known = cache.lookup(name(), key, cases);
    if (known.isPresent()) {
      return known.get();
    }
    SelfCheckResult result =
        quick.run(name(), precisions(), (w, o) -> checkedNewModel(engine, w, o), oracle);
    cache.store(name(), key, cases, result);
    return result;
  }

  private Availability failure(Throwable error) {
    if (error instanceof BackendUnavailableException e) {
      return Availability.unavailable(e.getMessage());
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof InvalidInputException) {
      // A wrong lstm-irf setting: the natives are not to blame, and pointing at them misleads.
      return Availability.unavailable(description() + " cannot start: " + root.getMessage());
    }
    return Availability.unavailable(
        description()
            + " natives failed to load ("
            + EngineException.rootCause(error)
            + "); "
            + loadFailureFix());
  }
}
