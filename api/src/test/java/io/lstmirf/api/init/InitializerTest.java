package io.lstmirf.api.init;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import org.junit.jupiter.api.Test;

class InitializerTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(3, 20, 2, 2);

  @Test
  void theSameSeedGivesTheSameWeights() {
    for (WeightScheme scheme : WeightScheme.values()) {
      for (BiasInit bias : new BiasInit[] {new BiasInit.ForgetBias(1), new BiasInit.Chrono(60)}) {
        assertEquals(
            Initializer.initialize(SPEC, scheme, bias, 42),
            Initializer.initialize(SPEC, scheme, bias, 42),
            scheme + " " + bias);
        assertNotEquals(
            Initializer.initialize(SPEC, scheme, bias, 42),
            Initializer.initialize(SPEC, scheme, bias, 43),
            "another seed, other weights");
      }
    }
    assertEquals(
        Initializer.xavier(SPEC, 1.5, 7),
        Initializer.initialize(SPEC, WeightScheme.XAVIER, new BiasInit.ForgetBias(1.5), 7));
  }

  /** The original experiment's bug set all four gates' biases; this must set only b_f. */
  @Test
  void forgetBiasIsIsolatedAndEveryOtherBiasIsExactlyZero() {
    LstmWeights w = Initializer.xavier(SPEC, 1.5, 1);
    for (LayerWeights layer : w.layers()) {
      for (Gate gate : Gate.values()) {
        double expected = gate == Gate.FORGET ? 1.5 : 0;
        for (double b : layer.gateBias(gate)) {
          assertEquals(expected, b, 0, gate + " bias");
        }
      }
    }
    for (double b : w.head().orElseThrow().bias()) {
      assertEquals(0, b, 0, "head bias");
    }
  }

  @Test
  void chronoDrawsLogUniformForgetBiasesAndTheNegatedInputBias() {
    double tMax = 60;
    LstmWeights w =
        Initializer.initialize(SPEC, WeightScheme.UNIFORM, new BiasInit.Chrono(tMax), 3);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (LayerWeights layer : w.layers()) {
      double[] bf = layer.gateBias(Gate.FORGET);
      double[] bi = layer.gateBias(Gate.INPUT);
      for (int k = 0; k < bf.length; k++) {
        assertTrue(
            bf[k] >= 0 && bf[k] <= Math.log(tMax - 1), "b_f in [0, ln(T_max - 1)]: " + bf[k]);
        assertEquals(-bf[k], bi[k], 0, "b_i = -b_f");
        min = Math.min(min, bf[k]);
        max = Math.max(max, bf[k]);
      }
      for (double b : layer.gateBias(Gate.CELL)) {
        assertEquals(0, b, 0);
      }
      for (double b : layer.gateBias(Gate.OUTPUT)) {
        assertEquals(0, b, 0);
      }
    }
    // 40 draws of log U[1, 59] spread over most of [0, 4.08]
    assertTrue(min < 1.5 && max > 3.0, "spread of b_f: [" + min + ", " + max + "]");
  }

  @Test
  void xavierRespectsEachMatrixsLimit() {
    LstmWeights w = Initializer.xavier(SPEC, 0, 5);
    int h = SPEC.hiddenSize();
    assertWithinLimit(w.layer(0).weightIh(), Math.sqrt(6.0 / (3 + 4 * h)), "layer 0 W_ih");
    assertWithinLimit(w.layer(0).weightHh(), Math.sqrt(6.0 / (h + 4 * h)), "layer 0 W_hh");
    assertWithinLimit(w.layer(1).weightIh(), Math.sqrt(6.0 / (h + 4 * h)), "layer 1 W_ih");
    assertWithinLimit(w.head().orElseThrow().weight(), Math.sqrt(6.0 / (h + 2)), "head W");
  }

  @Test
  void uniformUsesOneOverSqrtH() {
    LstmWeights w =
        Initializer.initialize(SPEC, WeightScheme.UNIFORM, new BiasInit.ForgetBias(0), 5);
    double limit = 1 / Math.sqrt(SPEC.hiddenSize());
    assertWithinLimit(w.layer(0).weightIh(), limit, "layer 0 W_ih");
    assertWithinLimit(w.layer(1).weightHh(), limit, "layer 1 W_hh");
    assertWithinLimit(w.head().orElseThrow().weight(), limit, "head W");
  }

  /** Every entry within the limit, and the draws reach close to it (not a smaller range). */
  private static void assertWithinLimit(Matrix m, double limit, String what) {
    double max = 0;
    double sum = 0;
    for (double v : m.toRowMajor()) {
      assertTrue(Math.abs(v) <= limit, what + ": |" + v + "| > " + limit);
      max = Math.max(max, Math.abs(v));
      sum += v;
    }
    assertTrue(max > 0.9 * limit, what + ": largest |w| " + max + " of limit " + limit);
    int n = m.rows() * m.cols();
    assertTrue(Math.abs(sum / n) < 4 * limit / Math.sqrt(3 * n), what + ": centred on 0");
  }

  @Test
  void badBiasRulesAreRejected() {
    assertRejected(() -> new BiasInit.ForgetBias(Double.NaN), "forget bias must be finite");
    assertRejected(
        () -> new BiasInit.Chrono(2), "chrono T_max must be a finite number > 2", "got 2.0");
    assertRejected(() -> new BiasInit.Chrono(Double.POSITIVE_INFINITY), "chrono T_max");
  }

  /**
   * Variants: the memory gate's bias (a GRU's z) set in every direction, a GRU's recurrent bias and
   * the peepholes zero, and Xavier limits from the gate rows and the input actually read.
   */
  @Test
  void variantsGetTheirMemoryGateBiasAndZeroExtras() {
    LstmSpec spec =
        LstmSpec.withHead(3, 5, 2, 1)
            .withLayerKinds(
                java.util.List.of(
                    io.lstmirf.api.LayerKind.GRU.bidirectional(),
                    io.lstmirf.api.LayerKind.LSTM.withPeepholes()));
    LstmWeights w = Initializer.xavier(spec, 2.0, 9);
    assertEquals(spec, w.spec());
    for (double b : w.memoryGateBias(0)) {
      assertEquals(2.0, b, 0, "b_z, both directions");
    }
    for (double b : w.layer(0).backward().orElseThrow().gateBias(io.lstmirf.api.GruGate.RESET)) {
      assertEquals(0, b, 0, "b_r");
    }
    assertEquals(
        0,
        java.util.Arrays.stream(w.layer(0).recurrentBias().orElseThrow()).map(Math::abs).sum(),
        0,
        "b_hn");
    assertEquals(
        0,
        java.util.Arrays.stream(w.layer(1).peephole().orElseThrow()).map(Math::abs).sum(),
        0,
        "peepholes");
    double limit = Math.sqrt(6.0 / (10 + 20)); // layer 1 reads 2H = 10, has 4H = 20 rows
    assertTrue(
        java.util.Arrays.stream(w.layer(1).weightIh().toRowMajor())
            .allMatch(v -> Math.abs(v) <= limit));
    LstmWeights chrono =
        Initializer.initialize(
            LstmSpec.of(1, 4, 1).withKind(io.lstmirf.api.LayerKind.GRU),
            WeightScheme.XAVIER,
            new BiasInit.Chrono(30),
            2);
    assertTrue(
        java.util.Arrays.stream(chrono.memoryGateBias(0)).allMatch(b -> b > 0), "chrono draws b_z");
    assertEquals(
        0,
        java.util.Arrays.stream(chrono.layer(0).gateBias(io.lstmirf.api.GruGate.RESET))
            .map(Math::abs)
            .sum(),
        0,
        "and nothing else");
  }
}
