package io.lstmirf.api.train;

import io.lstmirf.api.LstmSpec;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The dropout masks of one trainer step, the same for every time step of the batch (variational
 * dropout, see {@link Dropout}). Entries are 0 (dropped) or {@code 1 / (1 - rate)} (kept and
 * rescaled, so that expectations match inference). Indexed by state slot ({@link
 * LstmSpec#stateSlot}: each direction of a bidirectional layer has its own masks, as Keras'
 * Bidirectional wrapper gives each direction its own layer), then batch row.
 *
 * <p>How to apply them, in every backend: for layer l, direction d, slot {@code s =
 * spec.stateSlot(l, d)}, batch row b, at every step t, {@code W_ih (x_t * input[s][b]) } and {@code
 * W_hh (h_{t-1} * recurrent[s][b])} replace {@code W_ih x_t} and {@code W_hh h_{t-1}}; nothing else
 * changes. {@code x_t} is the layer's input (the model's input for layer 0, the output of the layer
 * below above it).
 *
 * @param input {@code [S][B][layer input size]}, empty when input dropout is off
 * @param recurrent {@code [S][B][H]}, empty when recurrent dropout is off
 */
public record DropoutMasks(Optional<double[][][]> input, Optional<double[][][]> recurrent) {
  /** No masks: nothing is dropped. */
  public static final DropoutMasks NONE = new DropoutMasks(Optional.empty(), Optional.empty());

  /** Whether no mask is present. */
  public boolean isNone() {
    return input.isEmpty() && recurrent.isEmpty();
  }

  /**
   * Draws the masks of step {@code step}: one {@link SplittableRandom} seeded from the seed and the
   * step; per slot, then per row, the input mask's entries, then the recurrent mask's; an entry is
   * dropped when a uniform draw falls below the rate.
   */
  static DropoutMasks draw(Dropout dropout, LstmSpec spec, int batch, long step) {
    SplittableRandom random = new SplittableRandom(dropout.seed() ^ (step * 0x9E3779B97F4A7C15L));
    int slots = spec.stateSlots();
    double[][][] in = dropout.input() > 0 ? new double[slots][batch][] : null;
    double[][][] rec = dropout.recurrent() > 0 ? new double[slots][batch][] : null;
    for (int l = 0; l < spec.numLayers(); l++) {
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        int s = spec.stateSlot(l, d);
        for (int b = 0; b < batch; b++) {
          if (in != null) {
            in[s][b] = mask(random, spec.layerInputSize(l), dropout.input());
          }
          if (rec != null) {
            rec[s][b] = mask(random, spec.hiddenSize(), dropout.recurrent());
          }
        }
      }
    }
    return new DropoutMasks(Optional.ofNullable(in), Optional.ofNullable(rec));
  }

  private static double[] mask(SplittableRandom random, int n, double rate) {
    double keep = 1 / (1 - rate);
    double[] m = new double[n];
    for (int k = 0; k < n; k++) {
      m[k] = random.nextDouble() < rate ? 0 : keep;
    }
    return m;
  }
}
