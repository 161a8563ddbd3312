package io.lstmirf.api.train;

import io.lstmirf.api.InvalidInputException;
import java.util.Objects;

/**
 * How {@link Training#fit} trains: one {@link TrainerConfig} step per mini-batch, for a number of
 * epochs, with the examples shuffled each epoch by a seeded generator, and optional early stopping
 * on the validation loss.
 *
 * @param trainer optimiser, loss and clipping
 * @param epochs passes over the training set, at least 1
 * @param batchSize examples per step, at least 1 (the last batch of an epoch may be smaller)
 * @param shuffle whether to shuffle the examples each epoch
 * @param seed seeds the shuffling; the same seed gives the same batches
 * @param patience stop after this many epochs without a better validation loss; 0 = never
 */
public record TrainingConfig(
    TrainerConfig trainer, int epochs, int batchSize, boolean shuffle, long seed, int patience) {

  public TrainingConfig {
    Objects.requireNonNull(trainer, "trainer");
    if (epochs < 1) {
      throw new InvalidInputException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new InvalidInputException("batch size must be at least 1, got " + batchSize);
    }
    if (patience < 0) {
      throw new InvalidInputException(
          "patience must be >= 0 (0 = no early stopping), got " + patience);
    }
  }

  /** The original experiment: Adam (Keras defaults), last-step MSE, 50 epochs, batch 32. */
  public static TrainingConfig originalExperiment(long seed) {
    return new TrainingConfig(
        TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP), 50, 32, true, seed, 0);
  }

  public TrainingConfig withEpochs(int newEpochs) {
    return new TrainingConfig(trainer, newEpochs, batchSize, shuffle, seed, patience);
  }

  /** This configuration with another seed, for the batch order and any dropout masks. */
  public TrainingConfig withSeed(long newSeed) {
    Dropout d = trainer.dropout();
    TrainerConfig t =
        d.enabled() ? trainer.withDropout(new Dropout(d.input(), d.recurrent(), newSeed)) : trainer;
    return new TrainingConfig(t, epochs, batchSize, shuffle, newSeed, patience);
  }

  public TrainingConfig withPatience(int newPatience) {
    return new TrainingConfig(trainer, epochs, batchSize, shuffle, seed, newPatience);
  }

  /**
   * This configuration with input and recurrent dropout at these rates, their masks drawn from
   * {@link #seed()} ({@link Dropout}).
   */
  public TrainingConfig withDropout(double input, double recurrent) {
    return withTrainer(trainer.withDropout(new Dropout(input, recurrent, seed)));
  }

  public TrainingConfig withTrainer(TrainerConfig newTrainer) {
    return new TrainingConfig(newTrainer, epochs, batchSize, shuffle, seed, patience);
  }
}
