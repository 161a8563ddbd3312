package io.lstmirf.api.init;

import io.lstmirf.api.InvalidInputException;

/**
 * How an initialiser sets the biases. Both rules act on the memory gate ({@link
 * io.lstmirf.api.CellKind}): the forget gate of an LSTM, the update gate z of a GRU.
 */
public sealed interface BiasInit permits BiasInit.ForgetBias, BiasInit.Chrono {

  /**
   * Every forget-gate bias {@code b_f = value} (a GRU's {@code b_z}), every other bias 0: isolates
   * the memory gate. (The original experiment's code set all four gates' biases to the value, which
   * also opens the input and output gates and shifts the candidate; this does not.)
   */
  record ForgetBias(double value) implements BiasInit {
    public ForgetBias {
      if (!Double.isFinite(value)) {
        throw new InvalidInputException("forget bias must be finite, got " + value);
      }
    }
  }

  /**
   * Chrono initialisation (Tallec and Ollivier 2018): {@code b_f ~ log U[1, maxTimeScale - 1]} per
   * unit, {@code b_i = -b_f}, other biases 0; memory times spread up to {@code maxTimeScale}. A GRU
   * gets {@code b_z} from the same law and nothing else.
   */
  record Chrono(double maxTimeScale) implements BiasInit {
    public Chrono {
      if (!(maxTimeScale > 2) || Double.isInfinite(maxTimeScale)) {
        throw new InvalidInputException(
            "chrono T_max must be a finite number > 2, got " + maxTimeScale);
      }
    }
  }

  static BiasInit forgetBias(double value) {
    return new ForgetBias(value);
  }

  static BiasInit chrono(double maxTimeScale) {
    return new Chrono(maxTimeScale);
  }
}
