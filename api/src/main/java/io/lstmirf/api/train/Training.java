package io.lstmirf.api.train;

import io.lstmirf.api.LstmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The epoch loop, written once for every backend: mini-batches drawn by a seeded shuffle, one
 * engine optimiser step per batch through {@link LstmTrainer}, a validation loss per epoch, early
 * stopping, and a listener after each epoch.
 */
public final class Training {
  private Training() {}

  /**
   * Trains {@code model} in place.
   *
   * @param validation may be null (no validation loss, no early stopping)
   */
  public static TrainingHistory fit(
      LstmModel model,
      Dataset train,
      Dataset validation,
      TrainingConfig config,
      EpochListener listener) {
    List<EpochReport> reports = new ArrayList<>();
    int bestEpoch = 0;
    double bestLoss = Double.POSITIVE_INFINITY;
    boolean stoppedEarly = false;
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] order = identity(train.size());
    try (LstmTrainer trainer = model.openTrainer(config.trainer())) {
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long start = System.nanoTime();
        if (config.shuffle()) {
          shuffle(order, random);
        }
        double sum = 0;
        for (int from = 0; from < order.length; from += config.batchSize()) {
          int to = Math.min(order.length, from + config.batchSize());
          Dataset batch = train.select(java.util.Arrays.copyOfRange(order, from, to));
          sum += trainer.step(batch.inputs(), batch.targets()) * (to - from);
        }
        double trainLoss = sum / order.length;
        double validationLoss =
            validation == null ? Double.NaN : batchedLoss(trainer, validation, config.batchSize());
        EpochReport report =
            new EpochReport(
                epoch,
                config.epochs(),
                trainLoss,
                validationLoss,
                (System.nanoTime() - start) / 1e9);
        reports.add(report);
        double score = validation == null ? trainLoss : validationLoss;
        if (score < bestLoss || bestEpoch == 0) {
          bestLoss = score;
          bestEpoch = epoch;
        }
        listener.onEpoch(report, model);
        if (validation != null
            && config.patience() > 0
            && epoch - bestEpoch >= config.patience()
            && epoch < config.epochs()) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (validation == null) {
      bestEpoch = reports.size();
    }
    return new TrainingHistory(reports, bestEpoch, stoppedEarly);
  }

  /** Mean loss over a dataset, evaluated in batches of {@code batchSize}. */
  public static double batchedLoss(LstmTrainer trainer, Dataset data, int batchSize) {
    double sum = 0;
    for (int from = 0; from < data.size(); from += batchSize) {
      int to = Math.min(data.size(), from + batchSize);
      Dataset batch = data.range(from, to);
      sum += trainer.loss(batch.inputs(), batch.targets()) * (to - from);
    }
    return sum / data.size();
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher-Yates, so that the order depends only on the seed. */
  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
