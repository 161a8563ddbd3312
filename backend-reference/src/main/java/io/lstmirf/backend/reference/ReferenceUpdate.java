package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.Optimizer;

/** One optimiser's update rule, with whatever state it carries between steps. */
sealed interface ReferenceUpdate permits ReferenceSgd, ReferenceAdam {

  /** Moves {@code weights} in place along (minus) {@code gradients}. */
  void apply(ReferenceParameters weights, ReferenceParameters gradients);

  /** The update rule of {@code optimizer} for a model of {@code spec}, in its initial state. */
  static ReferenceUpdate of(Optimizer optimizer, LstmSpec spec) {
    if (optimizer instanceof Optimizer.Sgd sgd) {
      return new ReferenceSgd(sgd.learningRate());
    }
    return new ReferenceAdam((Optimizer.Adam) optimizer, spec);
  }
}
