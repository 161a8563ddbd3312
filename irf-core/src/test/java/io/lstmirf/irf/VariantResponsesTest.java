package io.lstmirf.irf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.backend.reference.ReferenceBackend;
import io.lstmirf.irf.plot.ResponseCharts;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.ClosedFormGru;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analysis on the variants: a GRU's update gate read as the memory gate (its time constant and
 * its impulse response, in closed form), stepping and whole sequences agreeing for causal variants,
 * a bidirectional model analysed in sequence mode only, and legends naming b_z.
 */
class VariantResponsesTest {
  private static final ClosedFormGru GRU =
      new ClosedFormGru(
          new double[] {0.9, -1.1, 0.6},
          new double[] {0, 2, Math.log(99)},
          new double[] {1, -1, 0.5});

  @Test
  void theUpdateGateIsTheGrusMemoryGate() {
    try (LstmModel model = new ReferenceBackend().create(GRU.weights())) {
      double[][][] inputs = {ImpulseResponsesTest.randomWindow(40, 1, 5)};
      LayerForgetGates z = ForgetGateProfile.measure(model, inputs).layer(0);
      for (int k = 0; k < 3; k++) {
        assertEquals(GRU.updateGate(k), z.meanForget()[k], 1e-15, "z = sigmoid(b_z)");
      }
      assertEquals(
          Math.log(0.5) / Math.log(0.99),
          z.halfLife()[2],
          1e-9,
          "b_z = ln 99: the half-life of b_f = ln 99");
      ImpulseResponse r =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(10, 0, 0.7), 30, IrfMode.SEQUENCE);
      for (int j = 0; j < 30; j++) {
        for (int k = 0; k < 3; k++) {
          double expected = GRU.hidden(k, j, 0, 0.7);
          Agreement.absolute(1e-15)
              .assertClose("h response lag " + j, expected, r.response()[j][k]);
          Agreement.absolute(1e-15)
              .assertClose("memory response lag " + j, expected, r.cellResponse()[j][k]);
        }
      }
      assertEquals(
          List.of("unit 0 (b_z = 0.0)", "unit 1 (b_z = 2.0)", "unit 2 (b_z = 4.6)"),
          ResponseCharts.unitNames(model));
    }
  }

  @Test
  void steppingAndSequencesAgreeOnCausalVariants() {
    for (LayerKind kind : new LayerKind[] {LayerKind.GRU, LayerKind.LSTM.withPeepholes()}) {
      LstmSpec spec = LstmSpec.of(2, 4, 2).withKind(kind);
      try (LstmModel model = new ReferenceBackend().create(Initializer.xavier(spec, 1.0, 3))) {
        ImpulseResponses irf = new ImpulseResponses(model);
        Shock shock = new Shock(8, 1, 1.0);
        ImpulseResponse seq = irf.compute(Baseline.zeros(), shock, 20, IrfMode.SEQUENCE);
        ImpulseResponse step = irf.compute(Baseline.zeros(), shock, 20, IrfMode.STEP);
        Agreement.absolute(1e-12).assertClose(kind + " response", seq.response(), step.response());
        Agreement.absolute(1e-12)
            .assertClose(kind + " memory", seq.cellResponse(), step.cellResponse());
      }
    }
  }

  @Test
  void aBidirectionalModelIsAnalysedInSequenceMode() {
    LstmSpec spec = LstmSpec.of(1, 3, 1).withKind(LayerKind.LSTM.bidirectional());
    try (LstmModel model = new ReferenceBackend().create(Initializer.xavier(spec, 1.0, 4))) {
      ImpulseResponse r =
          new ImpulseResponses(model)
              .compute(Baseline.zeros(), new Shock(5, 0, 1.0), 10, IrfMode.SEQUENCE);
      assertEquals(6, r.responseChannels(), "both directions' units");
      assertTrue(Math.abs(r.response()[0][3]) > 0, "the backward half responds at the shock");
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  new ImpulseResponses(model)
                      .compute(Baseline.zeros(), new Shock(5, 0, 1.0), 10, IrfMode.STEP));
      assertTrue(e.getMessage().contains("cannot be stepped"), e.getMessage());
      assertEquals("unit 2 backward (b_f = 1.0)", ResponseCharts.unitNames(model).get(5));
    }
  }
}
