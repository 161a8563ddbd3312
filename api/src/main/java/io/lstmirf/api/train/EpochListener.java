package io.lstmirf.api.train;

import io.lstmirf.api.LstmModel;

/**
 * Called after every epoch with its losses and the live model: progress bars report from it, and
 * rules such as the adaptive forget bias change the model from it.
 */
@FunctionalInterface
public interface EpochListener {

  void onEpoch(EpochReport report, LstmModel model);

  /** A listener that does nothing. */
  static EpochListener none() {
    return (report, model) -> {};
  }

  /** This listener, then {@code next}. */
  default EpochListener andThen(EpochListener next) {
    return (report, model) -> {
      onEpoch(report, model);
      next.onEpoch(report, model);
    };
  }
}
