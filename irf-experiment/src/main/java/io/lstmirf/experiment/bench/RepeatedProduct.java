package io.lstmirf.experiment.bench;

import io.lstmirf.api.MatrixProduct;
import java.util.function.Supplier;

/**
 * Times a matrix product as the mean over enough repeats to last about {@link #TARGET_SECONDS} (a
 * small product takes microseconds, too short for the clock and the noise of one call); the first
 * run, the warm-up, sets the number of repeats.
 */
final class RepeatedProduct implements Supplier<Timing> {
  /** How long one timed run of the product should last. */
  static final double TARGET_SECONDS = 0.05;

  private final MatrixProduct product;
  private int repeats;

  RepeatedProduct(MatrixProduct product) {
    this.product = product;
  }

  @Override
  public Timing get() {
    int n = Math.max(1, repeats);
    Timing.Stopwatch clock = Timing.start();
    for (int i = 0; i < n; i++) {
      product.multiply();
    }
    Timing each = clock.stop(n);
    if (repeats == 0) {
      repeats = (int) Math.max(1, Math.min(100_000, Math.round(TARGET_SECONDS / each.seconds())));
    }
    return each;
  }
}
