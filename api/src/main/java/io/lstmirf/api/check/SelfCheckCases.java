package io.lstmirf.api.check;

import io.lstmirf.api.Precision;
import io.lstmirf.api.check.SelfCheckCase.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the quick and the thorough self-check, per precision. Hidden sizes are chosen for
 * the kernels' blocking: oneDNN's and MKL's float32 kernels work on 8 (AVX2) or 16 (AVX-512) lanes
 * and block by 32 or 64, so sizes below, at and just past those widths take different code (a
 * oneDNN RNN kernel was wrong for H = 1..16, 33 and 48 on one AVX-512 CPU, right for 17, 24, 32,
 * 49, 50 and 64). Seeds differ per case, so each case draws its own numbers.
 */
final class SelfCheckCases {
  private static final List<Mode> SEQUENCE = List.of(Mode.SEQUENCE);
  private static final List<Mode> BOTH = List.of(Mode.SEQUENCE, Mode.STEP);

  private SelfCheckCases() {}

  /**
   * A dozen small models for float32 (the precision whose kernels differ most between CPUs): every
   * hidden size of {@link SelfCheck#QUICK_HIDDEN}, two stacked layers with a head from a random
   * state, sessions, one long sequence, one set of gradients; six for float64.
   */
  static List<SelfCheckCase> quick(Precision p) {
    Builder b = new Builder(p, 1_000);
    for (int h : SelfCheck.QUICK_HIDDEN) {
      if (p == Precision.FLOAT32 || h == 5 || h == 33 || h == 64) {
        b.add(h == 8 || h == 50 ? BOTH : SEQUENCE, 3, h, 1, 0, 2, h >= 256 ? 6 : 12, false);
      }
    }
    b.add(BOTH, 3, 8, 2, 2, 2, 12, true);
    if (p == Precision.FLOAT32) {
      b.add(SEQUENCE, 3, 33, 2, 2, 2, 12, true);
    }
    b.add(SEQUENCE, 1, 16, 1, 1, 1, 400, false); // a long sequence: errors compound
    b.add(List.of(Mode.GRADIENTS), 3, 8, 1, 1, 3, 8, false); // training runs other kernels
    return b.cases;
  }

  /**
   * Hundreds of models per precision: every hidden size to 20 and the blocking boundaries to 512,
   * in three batch sizes, one and three layers; stepping; gradients; long sequences.
   */
  static List<SelfCheckCase> thorough(Precision p) {
    Builder b = new Builder(p, 2_000_000);
    int[] hidden = {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 24, 31, 32, 33, 40, 47,
      48, 49, 50, 63, 64, 65, 96, 127, 128, 129, 200, 256, 512
    };
    for (int h : hidden) {
      int steps = h >= 256 ? 8 : 24;
      b.add(BOTH, 3, h, 1, 1, 1, steps, false);
      b.add(SEQUENCE, 1, h, 1, 0, 3, steps, false);
      b.add(SEQUENCE, 3, h, 1, 0, 32, steps, true);
      if (h <= 129) {
        b.add(BOTH, 2, h, 3, 2, 2, 12, true);
      }
    }
    for (int h : new int[] {1, 8, 16, 33, 48, 64}) {
      b.add(List.of(Mode.GRADIENTS), 3, h, 1, 1, 4, 10, false);
      b.add(List.of(Mode.GRADIENTS), 2, h, 2, 2, 3, 8, false);
    }
    for (int h : new int[] {8, 50, 256}) {
      b.add(SEQUENCE, 1, h, 1, 1, 1, 2000, false);
    }
    return b.cases;
  }

  /** Numbers the cases of one precision with distinct seeds. */
  private static final class Builder {
    final List<SelfCheckCase> cases = new ArrayList<>();
    final Precision precision;
    final long firstSeed;

    Builder(Precision precision, long firstSeed) {
      this.precision = precision;
      this.firstSeed = firstSeed + (precision == Precision.FLOAT32 ? 0 : 500_000);
    }

    void add(
        List<Mode> modes,
        int inputSize,
        int hiddenSize,
        int layers,
        int headSize,
        int batch,
        int steps,
        boolean randomInitialState) {
      cases.add(
          new SelfCheckCase(
              precision,
              modes,
              inputSize,
              hiddenSize,
              layers,
              headSize,
              batch,
              steps,
              randomInitialState,
              firstSeed + cases.size()));
    }
  }
}
