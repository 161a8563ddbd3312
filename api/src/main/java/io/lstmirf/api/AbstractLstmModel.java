package io.lstmirf.api;

import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Base for backend models: validates every argument once, here, before the engine sees it, wraps
 * what the engine throws in one {@link EngineException}, and closes the model's open sessions and
 * trainers with it. It also refuses, uniformly, what no backend can do (stepping a bidirectional
 * layer) and what this backend does not implement (dropout, unless its {@link Capabilities}
 * declare {@link Feature#DROPOUT}). Subclasses implement the {@code do*} methods on
 * already-checked arguments.
 */
public abstract class AbstractLstmModel implements LstmModel {
  private final String backendName;
  private final LstmSpec spec;
  private final ModelOptions options;
  private final Set<AutoCloseable> openChildren =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;
  /** What the backend declared it implements; set by {@link AbstractLstmBackend#create}. */
  private Set<Feature> features = Set.of();

  protected AbstractLstmModel(String backendName, LstmSpec spec, ModelOptions options) {
    this.backendName = Objects.requireNonNull(backendName);
    this.spec = Objects.requireNonNull(spec);
    this.options = Objects.requireNonNull(options);
  }

  /**
   * Runs checked inputs from the given state ({@code initialState} null means zeros), returning
   * exactly the requested traces.
   */
  protected abstract ForwardResult doForward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces);

  /**
   * Opens a session; the base class tracks and closes it with the model. Called for causal models
   * only (no bidirectional layer).
   */
  protected abstract LstmSession doOpenSession(int batchSize);

  /**
   * Writes a checked memory-gate bias into the live engine model: the forget gate's block of an
   * LSTM layer, the update gate's of a GRU layer; {@code [directions * H]}, forward then
   * backward.
   */
  protected abstract void doSetMemoryGateBias(int layer, double[] bias);

  /** Reads the engine's weights back into the canonical layout. */
  protected abstract LstmWeights doWeights();

  /** Loss and gradients on checked inputs and targets. */
  protected abstract GradientResult doGradients(double[][][] inputs, double[][][] targets,
      LossTarget loss);

  /** Opens a trainer; the base class tracks and closes it with the model. */
  protected abstract LstmTrainer doOpenTrainer(TrainerConfig config);

  /** Releases the engine's memory. Called once. */
  protected abstract void doClose();

  @Override
  public final String backendName() {
    return backendName;
  }

  @Override
  public final LstmSpec spec() {
    return spec;
  }

  @Override
  public final ModelOptions options() {
    return options;
  }

  @Override
  public final ForwardResult forward(double[][][] inputs, LstmState initialState,
      Set<Trace> traces) {
    ensureOpen();
    Objects.requireNonNull(traces, "traces");
    int batch = InputChecks.sequences("inputs", inputs, spec);
    if (initialState != null) {
      initialState.requireShape(spec, batch);
    }
    return engineCall(() -> doForward(inputs, initialState, traces));
  }

  @Override
  public final LstmSession openSession(int batchSize) {
    ensureOpen();
    if (batchSize < 1) {
      throw new InvalidInputException("batch size must be at least 1, got " + batchSize);
    }
    int bidirectional = spec.firstLayerNeeding(Feature.BIDIRECTIONAL);
    if (bidirectional >= 0) {
      throw new InvalidInputException("layer " + bidirectional + " is bidirectional and cannot be"
          + " stepped: its backward direction reads the sequence from the last step, which a"
          + " session has not seen yet; run whole sequences with forward() (IRF mode sequence)");
    }
    return track(engineCall(() -> doOpenSession(batchSize)));
  }

  @Override
  public double[] memoryGateBias(int layer) {
    ensureOpen();
    InputChecks.layer(layer, spec);
    return weights().memoryGateBias(layer);
  }

  @Override
  public final void setMemoryGateBias(int layer, double[] bias) {
    ensureOpen();
    InputChecks.layer(layer, spec);
    InputChecks.memoryGateBias(bias, spec, layer);
    double[] copy = bias.clone();
    engineCall(() -> {
      doSetMemoryGateBias(layer, copy);
      return null;
    });
  }

  @Override
  public final LstmWeights weights() {
    ensureOpen();
    return engineCall(this::doWeights);
  }

  @Override
  public final GradientResult gradients(double[][][] inputs, double[][][] targets,
      LossTarget loss) {
    ensureOpen();
    Objects.requireNonNull(loss, "loss");
    int batch = InputChecks.sequences("inputs", inputs, spec);
    InputChecks.targets(targets, batch, inputs[0].length, spec, loss);
    return engineCall(() -> doGradients(inputs, targets, loss));
  }

  @Override
  public final LstmTrainer openTrainer(TrainerConfig config) {
    ensureOpen();
    Objects.requireNonNull(config, "config");
    if (config.dropout().enabled() && !features.contains(Feature.DROPOUT)) {
      throw new UnsupportedFeatureException(backendName, Feature.DROPOUT, config.dropout()
          .toString());
    }
    return track(engineCall(() -> doOpenTrainer(config)));
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> children = new ArrayList<>(openChildren);
    openChildren.clear();
    try {
      for (AutoCloseable c : children) {
        try {
          c.close();
        } catch (Exception e) {
          // keep closing the rest; the model's own memory is released below regardless
        }
      }
    } finally {
      doClose();
    }
  }

  /** Whether {@link #close()} has been called. */
  public final boolean isClosed() {
    return closed;
  }

  /** Throws if the model is closed. */
  protected final void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this " + backendName + " model is closed");
    }
  }

  /**
   * Runs a call into the engine, turning what the engine throws into one {@link EngineException}
   * that names this backend; this library's own exceptions pass unchanged.
   */
  protected final <T> T engineCall(Supplier<T> call) {
    try {
      return call.get();
    } catch (LstmIrfException e) {
      throw e;
    } catch (RuntimeException e) {
      throw EngineException.wrap(backendName, e);
    }
  }

  /** Records what the backend implements, for the checks above; called once, on creation. */
  final void declareFeatures(Set<Feature> declared) {
    features = Set.copyOf(declared);
  }

  final void untrack(AutoCloseable child) {
    openChildren.remove(child);
  }

  private <T extends AutoCloseable> T track(T child) {
    openChildren.add(child);
    return child;
  }
}
