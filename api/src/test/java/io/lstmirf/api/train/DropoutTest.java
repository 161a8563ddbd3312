package io.lstmirf.api.train;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared dropout mask sequence: shapes, values, rates, and that it depends on nothing else. */
class DropoutTest {
  private static final LstmSpec SPEC =
      LstmSpec.withHead(3, 4, 2, 1)
          .withLayerKinds(List.of(LayerKind.GRU.bidirectional(), LayerKind.LSTM));

  @Test
  void masksAreShapedPerSlotAndRowAndHoldZerosOrTheRescaling() {
    DropoutMasks m = new Dropout(0.25, 0.5, 7).masks(SPEC, 2, 0);
    double[][][] in = m.input().orElseThrow();
    double[][][] rec = m.recurrent().orElseThrow();
    assertEquals(3, in.length, "one mask per state slot");
    assertEquals(
        List.of(3, 3, 8),
        List.of(in[0][0].length, in[1][0].length, in[2][1].length),
        "a layer's input size: I, then 2H above the bidirectional layer");
    assertEquals(4, rec[2][1].length);
    for (double v : in[2][1]) {
      assertTrue(v == 0 || v == 1 / 0.75, "0 or 1/(1-p): " + v);
    }
    for (double v : rec[0][0]) {
      assertTrue(v == 0 || v == 2, "0 or 1/(1-p): " + v);
    }
  }

  @Test
  void theSequenceDependsOnTheSeedAndStepOnly() {
    Dropout d = new Dropout(0.3, 0.3, 11);
    assertArrayEquals(
        d.masks(SPEC, 2, 3).input().get()[1],
        new Dropout(0.3, 0.3, 11).masks(SPEC, 2, 3).input().get()[1],
        "repeatable");
    assertFalse(
        java.util.Arrays.deepEquals(
            d.masks(SPEC, 2, 3).input().get(), d.masks(SPEC, 2, 4).input().get()),
        "a new mask every step");
    assertFalse(
        java.util.Arrays.deepEquals(
            d.masks(SPEC, 2, 3).input().get(),
            new Dropout(0.3, 0.3, 12).masks(SPEC, 2, 3).input().get()),
        "and per seed");
  }

  @Test
  void ratesAreHeldOverManyDraws() {
    double[][][] in = new Dropout(0.3, 0, 5).masks(LstmSpec.of(1000, 1, 1), 20, 0).input().get();
    long dropped =
        java.util.Arrays.stream(in[0])
            .flatMapToDouble(java.util.Arrays::stream)
            .filter(v -> v == 0)
            .count();
    assertEquals(0.3, dropped / 20_000.0, 0.015, "share dropped of 20,000 draws");
  }

  @Test
  void offMeansNoMasksAndRatesAreChecked() {
    assertSame(DropoutMasks.NONE, Dropout.NONE.masks(SPEC, 2, 0));
    assertTrue(new Dropout(0, 0.1, 1).masks(SPEC, 1, 0).input().isEmpty());
    assertRejected(() -> new Dropout(1.0, 0, 1), "input dropout must be in [0, 1)");
    assertRejected(() -> new Dropout(0, -0.1, 1), "recurrent dropout must be in [0, 1)");
    TrainingConfig c = TrainingConfig.originalExperiment(42).withDropout(0.2, 0.1);
    assertEquals(new Dropout(0.2, 0.1, 42), c.trainer().dropout());
    assertEquals(43, c.withSeed(43).trainer().dropout().seed(), "the seed draws the masks too");
    assertNotEquals(Dropout.NONE, c.trainer().dropout());
    assertEquals(Dropout.NONE, TrainingConfig.originalExperiment(42).trainer().dropout());
  }
}
