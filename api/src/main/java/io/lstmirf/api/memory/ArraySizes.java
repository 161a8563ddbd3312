package io.lstmirf.api.memory;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Trace;
import java.util.Set;

/**
 * Bytes of heap that nested Java arrays take, as HotSpot lays them out (16-byte headers, 8-byte
 * alignment, 4-byte references below 32 GiB of heap): a {@code double[B][T][1]} costs 28 bytes per
 * value, not 8, which is why results are estimated from their shapes, not their counts. Sizes
 * saturate at {@link Long#MAX_VALUE}: absurd shapes must read as "too large", never wrap round to a
 * small number.
 */
public final class ArraySizes {
  private ArraySizes() {}

  /** A {@code double[n]}. */
  public static long doubles(long n) {
    return align(16 + 8.0 * n);
  }

  /** An array of {@code n} references. */
  public static long references(long n) {
    return align(16 + 4.0 * n);
  }

  /** A {@code double[a][b][c]}. */
  public static long doubles(long a, long b, long c) {
    return saturate(references(a) + a * ((double) references(b) + b * (double) doubles(c)));
  }

  /**
   * The arrays a forward pass of {@code rows} sequences of {@code steps} returns: the top layer's
   * outputs ({@code directions * H} wide), head outputs, the traces asked for (the top layer's
   * memory, every layer's memory gate) and the final state (one {@code (h, c)} per state slot).
   */
  public static long forwardResult(LstmSpec spec, long rows, long steps, Set<Trace> traces) {
    long h = spec.hiddenSize();
    double sequence = doubles(rows, steps, spec.outputSize());
    double bytes = sequence + 2.0 * doubles(spec.stateSlots(), rows, h);
    if (spec.hasHead()) {
      bytes += doubles(rows, steps, spec.responseSize());
    }
    if (traces.contains(Trace.CELL_STATES)) {
      bytes += sequence;
    }
    if (traces.contains(Trace.FORGET_GATES)) {
      bytes += references(spec.numLayers());
      for (int l = 0; l < spec.numLayers(); l++) {
        bytes += doubles(rows, steps, spec.layerOutputSize(l));
      }
    }
    return saturate(bytes);
  }

  /** The sum of sizes, saturating at {@link Long#MAX_VALUE}. */
  public static long plus(long... sizes) {
    double sum = 0;
    for (long s : sizes) {
      sum += s;
    }
    return saturate(sum);
  }

  private static long align(double bytes) {
    return bytes >= Long.MAX_VALUE - 8 ? Long.MAX_VALUE : ((long) bytes + 7) & ~7L;
  }

  private static long saturate(double bytes) {
    return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
  }
}
