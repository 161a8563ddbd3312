package io.lstmirf.experiment.data;

import io.lstmirf.api.InvalidInputException;
import java.util.SplittableRandom;

/**
 * The synthetic series of the original experiment: with {@code t = linspace(0, 1, n)}, {@code s =
 * cumsum(0.5 t + sin(2 pi t) + e)}, {@code e ~ N(0, 0.1^2)} independently: a trend plus a seasonal
 * swing, integrated into a random-walk-like level.
 *
 * <p>The noise comes from a {@link SplittableRandom} seeded with {@code seed}, so the same seed
 * gives the same series on every machine and JVM. It cannot be numpy's series for the same seed:
 * Java cannot replay numpy's Mersenne Twister and polar Gaussian stream. What carries over is the
 * formula and its statistics, not the individual draws.
 */
public final class SyntheticSeries {
  /** Standard deviation of the increments' noise. */
  public static final double NOISE_SD = 0.1;

  private SyntheticSeries() {}

  /**
   * The original series of {@code samples} points (1000 in the original analysis, 1500 in its
   * sweep).
   *
   * @param samples at least 2
   */
  public static double[] original(int samples, long seed) {
    if (samples < 2) {
      throw new InvalidInputException(
          "the synthetic series needs at least 2 samples, got " + samples);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = new double[samples];
    double level = 0;
    for (int i = 0; i < samples; i++) {
      double t = (double) i / (samples - 1); // numpy's linspace(0, 1, n), both ends included
      level += 0.5 * t + Math.sin(2 * Math.PI * t) + NOISE_SD * random.nextGaussian();
      s[i] = level;
    }
    return s;
  }
}
