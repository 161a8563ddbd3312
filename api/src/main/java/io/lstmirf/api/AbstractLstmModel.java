package io.lstmirf.api;

import io.lstmirf.api.memory.MemoryCheck;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Base for backend models: validates every argument once, here, before the engine sees it (shapes,
 * finiteness, and the range of the model's precision), plans the memory of a forward pass ({@link
 * MemoryCheck}) and runs a batch too large for one engine call in pieces, wraps what the engine
 * throws in one {@link EngineException}, guards the weights with a read-write lock (the thread
 * contract in {@link LstmModel}), and closes the model's open sessions and trainers with it. It
 * also refuses, uniformly, what no backend can do (stepping a bidirectional layer) and what this
 * backend does not implement (dropout, unless its {@link Capabilities} declare {@link
 * Feature#DROPOUT}). Subclasses implement the {@code do*} methods on already-checked arguments,
 * each called under the lock; they need no locking of their own.
 */
public abstract class AbstractLstmModel implements LstmModel {
  private final String backendName;
  private final LstmSpec spec;
  private final ModelOptions options;
  private final Set<AutoCloseable> openChildren =
      Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Readers: forward, weights, session steps. Writers: anything that changes the weights or the
   * engine's gradient buffers, and close (which frees what readers use).
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private volatile boolean closed;

  /** What the backend declared it implements; set by {@link AbstractLstmBackend#create}. */
  private volatile Set<Feature> features = Set.of();

  protected AbstractLstmModel(String backendName, LstmSpec spec, ModelOptions options) {
    this.backendName = Objects.requireNonNull(backendName);
    this.spec = Objects.requireNonNull(spec);
    this.options = Objects.requireNonNull(options);
  }

  /**
   * Runs checked inputs from the given state ({@code initialState} null means zeros), returning
   * exactly the requested traces.
   */
  protected abstract ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces);

  /**
   * Opens a session; the base class tracks and closes it with the model. Called for causal models
   * only (no bidirectional layer).
   */
  protected abstract LstmSession doOpenSession(int batchSize);

  /**
   * Writes a checked memory-gate bias into the live engine model: the forget gate's block of an
   * LSTM layer, the update gate's of a GRU layer; {@code [directions * H]}, forward then backward.
   */
  protected abstract void doSetMemoryGateBias(int layer, double[] bias);

  /** Reads the engine's weights back into the canonical layout. */
  protected abstract LstmWeights doWeights();

  /** Loss and gradients on checked inputs and targets. */
  protected abstract GradientResult doGradients(
      double[][][] inputs, double[][][] targets, LossTarget loss);

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
  public final ForwardResult forward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    ensureOpen();
    Objects.requireNonNull(traces, "traces");
    Precision precision = options.precision();
    int batch = InputChecks.sequences("inputs", inputs, spec, precision);
    if (initialState != null) {
      initialState.requireShape(spec, batch);
      InputChecks.state("initialState", initialState, precision);
    }
    int steps = inputs[0].length;
    MemoryCheck.ForwardPlan plan =
        MemoryCheck.forward(
            this,
            batch,
            steps,
            traces,
            true,
            "a forward pass of "
                + batch
                + " sequence(s) x "
                + steps
                + " steps through "
                + spec.numLayers()
                + " layer(s) of "
                + spec.hiddenSize()
                + " units",
            "pass fewer or shorter sequences per call");
    return reading(
        () ->
            plan.rowsPerCall() >= batch
                ? doForward(inputs, initialState, traces)
                : BatchPieces.run(
                    inputs, initialState, plan.rowsPerCall(), (x, s) -> doForward(x, s, traces)));
  }

  @Override
  public final LstmSession openSession(int batchSize) {
    ensureOpen();
    if (batchSize < 1) {
      throw new InvalidInputException("batch size must be at least 1, got " + batchSize);
    }
    int bidirectional = spec.firstLayerNeeding(Feature.BIDIRECTIONAL);
    if (bidirectional >= 0) {
      throw new InvalidInputException(
          "layer "
              + bidirectional
              + " is bidirectional and cannot be"
              + " stepped: its backward direction reads the sequence from the last step, which a"
              + " session has not seen yet; run whole sequences with forward() (IRF mode sequence)");
    }
    return track(reading(() -> doOpenSession(batchSize)));
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
    InputChecks.memoryGateBias(bias, spec, layer, options.precision());
    double[] copy = bias.clone();
    writing(
        () -> {
          doSetMemoryGateBias(layer, copy);
          return null;
        });
  }

  /** Every layer changes under one write lock: no call sees some layers changed. */
  @Override
  public final void setForgetBias(double value) {
    double[] b = new double[spec.hiddenSize()];
    java.util.Arrays.fill(b, value);
    writing(
        () -> {
          for (int l = 0; l < spec.numLayers(); l++) {
            setForgetBias(l, b);
          }
          return null;
        });
  }

  @Override
  public final LstmWeights weights() {
    ensureOpen();
    return reading(this::doWeights);
  }

  /** Exclusive: engines record gradients in buffers the model owns. */
  @Override
  public final GradientResult gradients(
      double[][][] inputs, double[][][] targets, LossTarget loss) {
    ensureOpen();
    Objects.requireNonNull(loss, "loss");
    Precision precision = options.precision();
    int batch = InputChecks.sequences("inputs", inputs, spec, precision);
    InputChecks.targets(targets, batch, inputs[0].length, spec, loss, precision);
    // the engine keeps every step's activations for the backward pass: a forward's footprint
    // with its results, twice over
    MemoryCheck.forward(
        this,
        batch,
        inputs[0].length,
        Set.of(Trace.CELL_STATES),
        true,
        "gradients of " + batch + " sequence(s) x " + inputs[0].length + " steps",
        "pass fewer or shorter sequences");
    return writing(() -> doGradients(inputs, targets, loss));
  }

  @Override
  public final LstmTrainer openTrainer(TrainerConfig config) {
    ensureOpen();
    Objects.requireNonNull(config, "config");
    if (config.dropout().enabled() && !features.contains(Feature.DROPOUT)) {
      throw new UnsupportedFeatureException(
          backendName, Feature.DROPOUT, config.dropout().toString());
    }
    return track(reading(() -> doOpenTrainer(config)));
  }

  @Override
  public final void close() {
    lock.writeLock().lock(); // waits for calls in flight: they use what is freed here
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<AutoCloseable> children;
      synchronized (openChildren) {
        children = new ArrayList<>(openChildren);
        openChildren.clear();
      }
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
    } finally {
      lock.writeLock().unlock();
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

  /**
   * An engine call that reads the weights: runs beside other readers, never beside a writer, and
   * never on a closed model.
   */
  final <T> T reading(Supplier<T> call) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return engineCall(call);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** An engine call that changes the weights or gradient buffers: runs alone. */
  final <T> T writing(Supplier<T> call) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      return engineCall(call);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Records what the backend implements, for the checks above; called once, on creation. */
  final void declareFeatures(Set<Feature> declared) {
    features = Set.copyOf(declared);
  }

  final void untrack(AutoCloseable child) {
    synchronized (openChildren) {
      openChildren.remove(child);
    }
  }

  private <T extends AutoCloseable> T track(T child) {
    synchronized (openChildren) {
      openChildren.add(child);
    }
    return child;
  }
}
