package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.Optimizer;

/** One optimiser's update rule, with whatever state it carries between steps. */
sealed interface ParameterUpdate permits SgdUpdate, AdamUpdate {

  /** Moves {@code weights} in place along (minus) {@code gradients}. */
  void apply(Parameters weights, Parameters gradients);

  /** The update rule of {@code optimizer} for a model of {@code spec}, in its initial state. */
  static ParameterUpdate of(Optimizer optimizer, LstmSpec spec) {
    if (optimizer instanceof Optimizer.Sgd sgd) {
      return new SgdUpdate(sgd.learningRate());
    }
    return new AdamUpdate((Optimizer.Adam) optimizer, spec);
  }
}
