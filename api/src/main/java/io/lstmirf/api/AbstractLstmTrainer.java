package io.lstmirf.api;

import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.Objects;

/**
 * Base for backend trainers: checks batches against the model's spec, precision and the configured
 * loss, draws each step's dropout masks ({@link io.lstmirf.api.train.Dropout#masks}, numbered from
 * 0 per trainer) so that every backend drops the same units, refuses calls once closed, and runs
 * every engine call under the model's write lock (see {@link LstmModel}): a step changes the
 * weights that other threads' calls read. Subclasses implement the engine step on checked
 * arguments.
 */
public abstract class AbstractLstmTrainer implements LstmTrainer {
  private final AbstractLstmModel model;
  private final TrainerConfig config;
  private boolean closed;
  private long steps;

  protected AbstractLstmTrainer(AbstractLstmModel model, TrainerConfig config) {
    this.model = Objects.requireNonNull(model);
    this.config = Objects.requireNonNull(config);
  }

  /**
   * One optimiser step; returns the loss before the update, computed with the masks applied.
   *
   * @param masks this step's dropout masks, {@link DropoutMasks#NONE} without dropout (always,
   *     unless the backend declares {@link Feature#DROPOUT}: the model refuses such trainers)
   */
  protected abstract double doStep(double[][][] inputs, double[][][] targets, DropoutMasks masks);

  /** The loss without an update. */
  protected abstract double doLoss(double[][][] inputs, double[][][] targets);

  /** Releases native memory (optimiser state). Called once. */
  protected abstract void doClose();

  protected AbstractLstmModel model() {
    return model;
  }

  public TrainerConfig config() {
    return config;
  }

  @Override
  public final double step(double[][][] inputs, double[][][] targets) {
    check(inputs, targets);
    DropoutMasks masks = config.dropout().masks(model.spec(), inputs.length, steps++);
    return model.writing(() -> doStep(inputs, targets, masks));
  }

  @Override
  public final double loss(double[][][] inputs, double[][][] targets) {
    check(inputs, targets);
    return model.writing(() -> doLoss(inputs, targets));
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      try {
        doClose();
      } finally {
        model.untrack(this);
      }
    }
  }

  private void check(double[][][] inputs, double[][][] targets) {
    if (closed || model.isClosed()) {
      throw new IllegalStateException("this trainer is closed");
    }
    Precision precision = model.options().precision();
    int batch = InputChecks.sequences("inputs", inputs, model.spec(), precision);
    InputChecks.targets(targets, batch, inputs[0].length, model.spec(), config.loss(), precision);
  }
}
