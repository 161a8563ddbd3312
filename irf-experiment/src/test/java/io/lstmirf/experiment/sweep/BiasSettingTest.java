package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lstmirf.api.Gate;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arms differ in their biases only; the weight matrices come from the seed alone. */
class BiasSettingTest {
  static final LstmSpec SPEC = LstmSpec.withHead(1, 4, 1, 1);

  static double[] filled(double v) {
    return new double[] {v, v, v, v};
  }

  @Test
  void theForgetArmSetsOnlyTheForgetGatesBias() {
    LayerWeights l = new BiasSetting.Fixed(1.5).initialWeights(SPEC, 7).layer(0);
    assertArrayEquals(filled(1.5), l.gateBias(Gate.FORGET));
    for (Gate g : List.of(Gate.INPUT, Gate.CELL, Gate.OUTPUT)) {
      assertArrayEquals(filled(0), l.gateBias(g), g.toString());
    }
  }

  @Test
  void theOriginalArmSetsEveryGatesBiasAsTheOriginalCodeDid() {
    LstmWeights all = new BiasSetting.AllGates(1.5).initialWeights(SPEC, 7);
    for (Gate g : Gate.values()) {
      assertArrayEquals(filled(1.5), all.layer(0).gateBias(g), g.toString());
    }
    LstmWeights forget = new BiasSetting.Fixed(1.5).initialWeights(SPEC, 7);
    assertEquals(forget.layer(0).weightIh(), all.layer(0).weightIh());
    assertEquals(forget.layer(0).weightHh(), all.layer(0).weightHh());
    assertEquals(forget.head(), all.head());
  }

  @Test
  void everyArmOfASeedDrawsTheSameMatrices() {
    LstmWeights a = new BiasSetting.Fixed(0).initialWeights(SPEC, 3);
    for (BiasSetting s :
        List.of(
            new BiasSetting.Fixed(2),
            new BiasSetting.Adaptive(1.0),
            new BiasSetting.Chrono(90),
            new BiasSetting.AllGates(0.5))) {
      LstmWeights b = s.initialWeights(SPEC, 3);
      assertEquals(a.layer(0).weightIh(), b.layer(0).weightIh(), s.label());
      assertEquals(a.layer(0).weightHh(), b.layer(0).weightHh(), s.label());
    }
  }

  @Test
  void labelsParseBack() {
    for (BiasSetting s :
        List.of(
            new BiasSetting.Fixed(1.5),
            new BiasSetting.Fixed(-0.25),
            new BiasSetting.AllGates(2.0),
            new BiasSetting.Chrono(90),
            new BiasSetting.Adaptive(1.0))) {
      assertEquals(s, BiasSetting.parse(s.label()));
    }
    assertThrows(InvalidInputException.class, () -> BiasSetting.parse("warm(1)"));
  }
}
