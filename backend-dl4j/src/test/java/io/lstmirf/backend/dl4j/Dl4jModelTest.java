package io.lstmirf.backend.dl4j;

import static io.lstmirf.backend.dl4j.Dl4jUnderTest.dl4j;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.Trace;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What only the DL4J model needs checking: the one-unit layers libnd4j mis-shapes, and the gate
 * blocks of its g, f, o, i layout. Forward passes, traces, sessions, weights, the live forget bias,
 * bad input and closing are the conformance suite's, run on this backend too.
 */
class Dl4jModelTest {

  @ParameterizedTest
  @EnumSource(Precision.class)
  void oneUnitLayersWithSeveralRows(Precision precision) {
    // libnd4j's LSTM ops mis-shape one-unit layers when the batch has several rows
    LstmSpec spec = LstmSpec.withHead(2, 1, 2, 1);
    LstmWeights w = RandomData.weights(spec, 0.8, 95);
    double[][][] x = RandomData.uniform(3, 7, 2, 1, 96);
    LstmState s0 = RandomData.state(spec, 3, 0.5, 1, 97);
    Set<Trace> all = Set.of(Trace.CELL_STATES, Trace.FORGET_GATES);
    Agreement agreement = Agreement.absolute(Tolerance.of(precision).value());
    try (LstmModel m = dl4j(w, precision);
        LstmModel ref = ReferenceOracle.model(w);
        LstmSession s = m.openSession(3)) {
      ForwardResult expected = ref.forward(x, s0, all);
      agreement.assertClose("one unit", expected, m.forward(x, s0, all));
      s.setState(s0);
      for (int t = 0; t < x[0].length; t++) {
        StepResult r = s.step(new double[][] {x[0][t], x[1][t], x[2][t]});
        for (int b = 0; b < 3; b++) {
          agreement.assertClose(
              "one unit: step " + t + ", row " + b,
              expected.output().orElseThrow()[b][t],
              r.output().orElseThrow()[b]);
        }
      }
      agreement.assertClose("one unit: state", expected.finalState(), s.state());
    }
  }

  @Test
  void eachGateLandsInItsPlace() {
    // A model whose only nonzero parameter is one gate's bias: the hidden state after one step
    // on zero input identifies the gate, so a block mix-up cannot pass.
    double big = 3;
    double[][] zero = {{0}};
    for (Gate gate : Gate.values()) {
      double[] b = new double[4];
      b[gate.offset(1)] = big;
      LstmWeights w =
          new LstmWeights(List.of(LayerWeights.of(new double[4][1], new double[4][1], b)));
      try (LstmModel m = dl4j(w, Precision.FLOAT64);
          LstmModel ref = ReferenceOracle.model(w)) {
        Agreement.absolute(1e-12)
            .assertClose(
                gate.name(),
                ref.forward(new double[][][] {zero}).hidden()[0][0],
                m.forward(new double[][][] {zero}).hidden()[0][0]);
      }
    }
  }
}
