package io.lstmirf.irf.multi;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.api.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link EnsembleFit} trains one-step forecasters of K variables: LSTM({@code units}) x {@code
 * layers} with a dense head of K, Xavier weights with forget bias 1 (Keras' {@code
 * unit_forget_bias}) from each seed, Adam (Keras' betas and epsilon) on the last-step MSE of the
 * scaled target, a fixed number of epochs with shuffled batches and no early stopping (the
 * validation part stays out of sample: it is measured, never used to choose).
 *
 * @param lookback observations per window
 * @param units LSTM units per layer
 * @param layers stacked LSTM layers
 * @param epochs passes over the training windows
 * @param seeds how many models, seeds {@code firstSeed, firstSeed + 1, ...}
 * @param firstSeed the first seed
 * @param batchSize windows per Adam step
 * @param learningRate Adam's learning rate
 * @param trainFraction the share of the observations in the training part, in (0, 1)
 */
public record FitSpec(
    int lookback,
    int units,
    int layers,
    int epochs,
    int seeds,
    long firstSeed,
    int batchSize,
    double learningRate,
    double trainFraction) {

  /** The forget-gate bias every model starts from. */
  public static final double FORGET_BIAS = 1.0;

  public FitSpec {
    positive("lookback", lookback);
    positive("units", units);
    positive("layers", layers);
    positive("epochs", epochs);
    positive("seeds", seeds);
    positive("batch size", batchSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidInputException(
          "learning rate must be a positive number, got " + learningRate);
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new InvalidInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
  }

  /** The models' shape for K variables: input K, a head of K. */
  public LstmSpec lstmSpec(int k) {
    return LstmSpec.withHead(k, units, layers, k);
  }

  /** The initial weights of the model of {@code seed}. */
  public LstmWeights initialWeights(int k, long seed) {
    return Initializer.xavier(lstmSpec(k), FORGET_BIAS, seed);
  }

  /** The training of the model of {@code seed}: its batches are shuffled by the same seed. */
  public TrainingConfig training(long seed) {
    return new TrainingConfig(
        TrainerConfig.of(Optimizer.Adam.withLearningRate(learningRate), LossTarget.LAST_STEP),
        epochs,
        batchSize,
        true,
        seed,
        0);
  }

  /** The seeds, in order. */
  public List<Long> seedList() {
    List<Long> out = new ArrayList<>(seeds);
    for (int s = 0; s < seeds; s++) {
      out.add(firstSeed + s);
    }
    return out;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new InvalidInputException(name + " must be at least 1, got " + value);
    }
  }
}
