package io.lstmirf.experiment.sweep;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InputChecks;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.TrainingConfig;
import io.lstmirf.irf.Shock;
import io.lstmirf.irf.data.Windowing;

/**
 * What every trial of a sweep does, apart from its backend, bias setting and seed: the model, the
 * windows, the training, and what is measured afterwards. {@link #original()} is the original
 * experiment.
 *
 * @param cell the recurrent cell, {@code lstm} or {@code gru} ({@link CellKind#id()}): the memory
 *     gate whose bias the arms set is the LSTM's forget gate or the GRU's update gate
 * @param units units (one layer, one input, a dense head of one output)
 * @param lookback inputs per window
 * @param offset steps between a window and its target
 * @param epochs training epochs (no early stopping)
 * @param batchSize examples per Adam step
 * @param learningRate Adam's learning rate (betas 0.9, 0.999, epsilon 1e-8)
 * @param trainFraction share of the series in the training part (chronological split)
 * @param horizon lags of every impulse response
 * @param shockSize size of the impulse, added at step {@code lookback / 2} of input 0
 * @param girfHistories the most histories a generalized IRF averages over
 */
public record ExperimentSpec(
    String cell,
    int units,
    int lookback,
    int offset,
    int epochs,
    int batchSize,
    double learningRate,
    double trainFraction,
    int horizon,
    double shockSize,
    int girfHistories) {

  public ExperimentSpec {
    if (cell == null) {
      throw new InvalidInputException("cell is missing; expected lstm or gru");
    }
    cell = CellKind.parse(cell).id();
    InputChecks.atLeast("--units", units, 1);
    InputChecks.atLeast("--lookback", lookback, 1);
    InputChecks.atLeast("--offset", offset, 0);
    InputChecks.atLeast("--epochs", epochs, 1);
    InputChecks.atLeast("batch size", batchSize, 1);
    InputChecks.atLeast("horizon", horizon, 1);
    InputChecks.atLeast("GIRF histories", girfHistories, 1);
    // fail now, with their messages, rather than when a trial builds them
    new Windowing(lookback, offset);
    Optimizer.Adam.withLearningRate(learningRate);
    new Shock(lookback / 2, 0, shockSize);
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new InvalidInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
  }

  /**
   * The original experiment: LSTM(50) + Dense(1), lookback 60, target 30 steps after the window,
   * Adam with Keras' defaults, last-step MSE, batch 32, 50 epochs, an 80/20 chronological split; a
   * unit impulse at lookback / 2 followed for 100 lags.
   */
  public static ExperimentSpec original() {
    return new ExperimentSpec(CellKind.LSTM.id(), 50, 60, 30, 50, 32, 1e-3, 0.8, 100, 1.0, 500);
  }

  /** The same experiment on {@code newCell}'s layer. */
  public ExperimentSpec withCell(CellKind newCell) {
    return new ExperimentSpec(
        newCell.id(),
        units,
        lookback,
        offset,
        epochs,
        batchSize,
        learningRate,
        trainFraction,
        horizon,
        shockSize,
        girfHistories);
  }

  /** The cell as the api's kind. */
  public CellKind cellKind() {
    return CellKind.parse(cell);
  }

  public ExperimentSpec withUnits(int newUnits) {
    return new ExperimentSpec(
        cell,
        newUnits,
        lookback,
        offset,
        epochs,
        batchSize,
        learningRate,
        trainFraction,
        horizon,
        shockSize,
        girfHistories);
  }

  public ExperimentSpec withWindows(int newLookback, int newOffset) {
    return new ExperimentSpec(
        cell,
        units,
        newLookback,
        newOffset,
        epochs,
        batchSize,
        learningRate,
        trainFraction,
        horizon,
        shockSize,
        girfHistories);
  }

  public ExperimentSpec withEpochs(int newEpochs) {
    return new ExperimentSpec(
        cell,
        units,
        lookback,
        offset,
        newEpochs,
        batchSize,
        learningRate,
        trainFraction,
        horizon,
        shockSize,
        girfHistories);
  }

  public ExperimentSpec withHorizon(int newHorizon) {
    return new ExperimentSpec(
        cell,
        units,
        lookback,
        offset,
        epochs,
        batchSize,
        learningRate,
        trainFraction,
        newHorizon,
        shockSize,
        girfHistories);
  }

  /** One input, {@link #units} units of {@link #cell}, one layer, a dense head of one output. */
  public LstmSpec lstmSpec() {
    return LstmSpec.withHead(1, units, 1, 1)
        .withKind(cellKind() == CellKind.GRU ? LayerKind.GRU : LayerKind.LSTM);
  }

  public Windowing windowing() {
    return new Windowing(lookback, offset);
  }

  /** The impulse: {@link #shockSize} on input 0 at step {@code lookback / 2}. */
  public Shock shock() {
    return new Shock(lookback / 2, 0, shockSize);
  }

  /** Training with batches shuffled by {@code seed}. */
  public TrainingConfig training(long seed) {
    return new TrainingConfig(
        TrainerConfig.of(Optimizer.Adam.withLearningRate(learningRate), LossTarget.LAST_STEP),
        epochs,
        batchSize,
        true,
        seed,
        0);
  }

  /** The longest dependency the task has, first input to target: chrono's {@code T_max}. */
  public double dependencyRange() {
    return lookback + offset;
  }
}
