package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;

/**
 * An impulse: {@code size} is added to input channel {@code channel} at time step {@code time}
 * ({@code x_shock[time][channel] = x_base[time][channel] + size}); every other input is the
 * baseline's. A negative size is a negative shock.
 *
 * @param time the shock time {@code t0}, a 0-based time step
 * @param channel the input channel {@code k}, 0-based
 * @param size the shock size {@code s}, finite
 */
public record Shock(int time, int channel, double size) {

  public Shock {
    if (time < 0) {
      throw new InvalidInputException("shock time must be >= 0, got " + time);
    }
    if (channel < 0) {
      throw new InvalidInputException("shock channel must be >= 0, got " + channel);
    }
    if (!Double.isFinite(size)) {
      throw new InvalidInputException("shock size must be a finite number, got " + size);
    }
  }

  /**
   * Returns this shock if its channel is one of the model's inputs.
   *
   * @throws InvalidInputException naming the channels the model has
   */
  public Shock requireFits(LstmSpec spec) {
    if (channel >= spec.inputSize()) {
      throw new InvalidInputException(
          "shock channel "
              + channel
              + " does not exist: the model"
              + " reads "
              + spec.inputSize()
              + " input channel(s), 0.."
              + (spec.inputSize() - 1));
    }
    return this;
  }

  /** The same impulse with another size. */
  public Shock withSize(double newSize) {
    return new Shock(time, channel, newSize);
  }
}
