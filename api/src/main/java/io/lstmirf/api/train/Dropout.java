package io.lstmirf.api.train;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import java.util.Locale;

/**
 * Variational dropout in training, as Keras' {@code dropout} and {@code recurrent_dropout} (Gal and
 * Ghahramani 2016): each layer's input {@code x_t} and recurrent input {@code h_{t-1}} are
 * multiplied, where they enter {@code W_ih} and {@code W_hh}, by masks of zeros and {@code 1 / (1 -
 * rate)} that stay the same for every step of a sequence. The state a cell carries, a GRU's {@code
 * z * h} term included, is not masked. Off at inference: forward passes, sessions and {@link
 * LstmTrainer#loss} never drop anything.
 *
 * <p>The masks are not drawn by the engines: {@link #masks} draws them here from {@link #seed()}
 * and the trainer's step number, and every backend is handed the same {@link DropoutMasks}, so
 * training runs with dropout can be compared across backends value by value.
 *
 * @param input the rate of input dropout, in {@code [0, 1)}; 0 turns it off
 * @param recurrent the rate of recurrent dropout, in {@code [0, 1)}; 0 turns it off
 * @param seed what the masks are drawn from
 */
public record Dropout(double input, double recurrent, long seed) {
  /** No dropout. */
  public static final Dropout NONE = new Dropout(0, 0, 0);

  public Dropout {
    requireRate("input dropout", input);
    requireRate("recurrent dropout", recurrent);
  }

  /** Whether anything is dropped. */
  public boolean enabled() {
    return input > 0 || recurrent > 0;
  }

  /**
   * The masks of one trainer step ({@code step} counts from 0 in each trainer) for a batch of
   * {@code batch} rows of a model of {@code spec}: a function of the seed, the step and the shapes
   * only. {@link DropoutMasks#NONE} when dropout is off.
   */
  public DropoutMasks masks(LstmSpec spec, int batch, long step) {
    return enabled() ? DropoutMasks.draw(this, spec, batch, step) : DropoutMasks.NONE;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "dropout %s, recurrent dropout %s", input, recurrent);
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new InvalidInputException(name + " must be in [0, 1), got " + rate);
    }
  }
}
