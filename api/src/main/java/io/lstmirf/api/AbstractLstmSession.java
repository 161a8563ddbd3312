package io.lstmirf.api;

import java.util.Objects;

/**
 * Base for backend sessions: checks step inputs and states against the model's spec, precision and
 * the session's batch size, refuses calls after the session or its model is closed, and runs every
 * engine call under the model's read lock (see {@link LstmModel}), so a step never sees weights
 * half-changed by another thread.
 */
public abstract class AbstractLstmSession implements LstmSession {
  private final AbstractLstmModel model;
  private final int batchSize;
  private boolean closed;

  protected AbstractLstmSession(AbstractLstmModel model, int batchSize) {
    this.model = Objects.requireNonNull(model);
    this.batchSize = batchSize;
  }

  /** One step on checked inputs. */
  protected abstract StepResult doStep(double[][] inputs);

  protected abstract LstmState doState();

  /** Sets a state already checked to be {@code [L][B][H]} and finite. */
  protected abstract void doSetState(LstmState state);

  protected abstract void doReset();

  /** Releases native memory. Called once. */
  protected abstract void doClose();

  /** The model this session steps. */
  protected AbstractLstmModel model() {
    return model;
  }

  @Override
  public final int batchSize() {
    return batchSize;
  }

  @Override
  public final StepResult step(double[][] inputs) {
    ensureOpen();
    InputChecks.step(inputs, batchSize, model.spec(), model.options().precision());
    return model.reading(() -> doStep(inputs));
  }

  @Override
  public final LstmState state() {
    ensureOpen();
    return model.reading(this::doState);
  }

  @Override
  public final void setState(LstmState state) {
    ensureOpen();
    Objects.requireNonNull(state, "state").requireShape(model.spec(), batchSize);
    InputChecks.state("state", state, model.options().precision());
    model.reading(
        () -> {
          doSetState(state);
          return null;
        });
  }

  @Override
  public final void reset() {
    ensureOpen();
    model.reading(
        () -> {
          doReset();
          return null;
        });
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      doClose();
    } finally {
      model.untrack(this);
    }
  }

  private void ensureOpen() {
    if (closed || model.isClosed()) {
      throw new IllegalStateException("this session is closed");
    }
  }
}
