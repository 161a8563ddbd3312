package io.lstmirf.api.train;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;

/**
 * Training examples: {@code inputs [N][T][I]} and {@code targets [N][T'][O]} with {@code T' = T}
 * (every step) or {@code 1} (last step). Immutable; slices share no arrays with the caller.
 *
 * @param inputs examples, time steps, features
 * @param targets examples, target steps, outputs
 */
public record Dataset(double[][][] inputs, double[][][] targets) {

  public Dataset {
    if (inputs == null || targets == null || inputs.length == 0) {
      throw new InvalidInputException("a dataset needs at least one example");
    }
    if (targets.length != inputs.length) {
      throw new InvalidInputException(
          "dataset has " + inputs.length + " inputs but " + targets.length + " targets");
    }
    FlatArrays.requireBox("inputs", inputs, inputs.length, inputs[0].length, inputs[0][0].length);
    FlatArrays.requireBox(
        "targets", targets, targets.length, targets[0].length, targets[0][0].length);
    FlatArrays.requireFinite("inputs", inputs);
    FlatArrays.requireFinite("targets", targets);
    inputs = FlatArrays.copy(inputs);
    targets = FlatArrays.copy(targets);
  }

  public int size() {
    return inputs.length;
  }

  /** The examples at {@code indices}, in that order. */
  public Dataset select(int[] indices) {
    double[][][] x = new double[indices.length][][];
    double[][][] y = new double[indices.length][][];
    for (int i = 0; i < indices.length; i++) {
      x[i] = inputs[indices[i]];
      y[i] = targets[indices[i]];
    }
    return new Dataset(x, y);
  }

  /** Examples {@code [from, to)}. */
  public Dataset range(int from, int to) {
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return select(idx);
  }

  /**
   * Splits chronologically: the first {@code trainFraction} of the examples train, the rest
   * validate (no shuffling, so no future leaks into training).
   */
  public Dataset[] chronologicalSplit(double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new InvalidInputException("train fraction must be in (0, 1), got " + trainFraction);
    }
    int cut = (int) Math.round(size() * trainFraction);
    if (cut < 1 || cut >= size()) {
      throw new InvalidInputException(
          "cannot split "
              + size()
              + " examples at "
              + trainFraction
              + ": both parts need at least one example");
    }
    return new Dataset[] {range(0, cut), range(cut, size())};
  }

  @Override
  public double[][][] inputs() {
    return FlatArrays.copy(inputs);
  }

  @Override
  public double[][][] targets() {
    return FlatArrays.copy(targets);
  }
}
