package io.lstmirf.irf.data;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.train.Dataset;
import java.util.SplittableRandom;

/**
 * The sum-of-sequence toy task from the same sources: inputs {@code x ~ N(0, 1)} of a fixed
 * length, target {@code y = sum x}. A model can only solve it by remembering every input until
 * the last step, with equal weight, which makes it a clean probe of memory: the ideal impulse
 * response is flat.
 */
public final class SumOfSequence {
  /** The sequence length the sources used. */
  public static final int DEFAULT_LENGTH = 10;

  private SumOfSequence() {}

  /**
   * {@code examples} sequences of {@code length} standard normal inputs, each with its sum as a
   * last-step target: inputs {@code [N][length][1]}, targets {@code [N][1][1]}.
   */
  public static Dataset generate(int examples, int length, long seed) {
    if (examples < 1 || length < 1) {
      throw new InvalidInputException("the sum task needs at least one example of at least one"
          + " step, got " + examples + " examples of length " + length);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] x = new double[examples][length][1];
    double[][][] y = new double[examples][1][1];
    for (int n = 0; n < examples; n++) {
      double sum = 0;
      for (int t = 0; t < length; t++) {
        x[n][t][0] = random.nextGaussian();
        sum += x[n][t][0];
      }
      y[n][0][0] = sum;
    }
    return new Dataset(x, y);
  }
}
