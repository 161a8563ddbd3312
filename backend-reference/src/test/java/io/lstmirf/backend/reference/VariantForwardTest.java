package io.lstmirf.backend.reference;

import static io.lstmirf.testing.ClosedFormLayer.sigmoid;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Trace;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference's variants against their definitions, computed here independently: one unit of a
 * peephole LSTM and of a GRU by their equations, a bidirectional layer as two forward layers (one
 * on the reversed sequence), and a GRU's missing cell state.
 */
class VariantForwardTest {
  private static final Agreement EXACT = Agreement.absolute(1e-15);

  /**
   * One unit, one input, three steps of ONNX's peephole LSTM: {@code i} and {@code f} see {@code
   * c_{t-1}}, {@code o} sees {@code c_t}.
   */
  @Test
  void peepholesFollowOnnxSemantics() {
    double[] w = {0.3, -0.6, 0.9, 0.4};
    double[] u = {0.2, 0.5, -0.7, 0.1};
    double[] b = {0.1, 1.0, -0.2, 0.3};
    double[] p = {0.8, -0.4, 0.6};
    LstmWeights weights =
        new LstmWeights(
            List.of(
                LayerWeights.lstm(Matrix.ofRowMajor(4, 1, w), Matrix.ofRowMajor(4, 1, u), b, p)));
    double[] x = {0.7, -1.2, 0.5};
    double h = 0.25;
    double c = -0.5;
    ForwardResult r =
        run(weights, x, new LstmState(new double[][][] {{{h}}}, new double[][][] {{{c}}}));
    for (int t = 0; t < x.length; t++) {
      double i = sigmoid(w[0] * x[t] + u[0] * h + b[0] + p[0] * c);
      double f = sigmoid(w[1] * x[t] + u[1] * h + b[1] + p[1] * c);
      double g = Math.tanh(w[2] * x[t] + u[2] * h + b[2]);
      c = f * c + i * g;
      double o = sigmoid(w[3] * x[t] + u[3] * h + b[3] + p[2] * c);
      h = o * Math.tanh(c);
      EXACT.assertClose("h[" + t + "]", h, r.hidden()[0][t][0]);
      EXACT.assertClose("c[" + t + "]", c, r.cellStates().get()[0][t][0]);
      EXACT.assertClose("f[" + t + "]", f, r.forgetGates().get()[0][0][t][0]);
    }
  }

  /** One unit of PyTorch's GRU: {@code n = tanh(W_in x + b_in + r (W_hn h + b_hn))}. */
  @Test
  void gruFollowsPyTorchDefinition() {
    double[] w = {0.3, -0.6, 0.9};
    double[] u = {0.2, 0.5, -0.7};
    double[] b = {0.1, 1.0, -0.2};
    double bhn = 0.45;
    LstmWeights weights =
        new LstmWeights(
            List.of(
                LayerWeights.gru(
                    Matrix.ofRowMajor(3, 1, w),
                    Matrix.ofRowMajor(3, 1, u),
                    b,
                    new double[] {bhn})));
    double[] x = {0.7, -1.2, 0.5};
    double h = 0.25;
    ForwardResult r =
        run(weights, x, new LstmState(new double[][][] {{{h}}}, new double[][][] {{{0}}}));
    for (int t = 0; t < x.length; t++) {
      double reset = sigmoid(w[0] * x[t] + b[0] + u[0] * h);
      double z = sigmoid(w[1] * x[t] + b[1] + u[1] * h);
      double n = Math.tanh(w[2] * x[t] + b[2] + reset * (u[2] * h + bhn));
      h = (1 - z) * n + z * h;
      EXACT.assertClose("h[" + t + "]", h, r.hidden()[0][t][0]);
      EXACT.assertClose("memory trace[" + t + "] is h", h, r.cellStates().get()[0][t][0]);
      EXACT.assertClose("z[" + t + "]", z, r.forgetGates().get()[0][0][t][0]);
    }
    EXACT.assertClose("a GRU's c stays zero", new double[][][] {{{0}}}, r.finalState().c());
  }

  /**
   * A bidirectional layer is its forward direction on the sequence beside its backward direction on
   * the reversed sequence, outputs and final states alike.
   */
  @Test
  void bidirectionalIsTwoForwardLayers() {
    for (LayerKind kind : new LayerKind[] {LayerKind.LSTM.withPeepholes(), LayerKind.GRU}) {
      LstmSpec spec = LstmSpec.of(2, 3, 1).withKind(kind.bidirectional());
      LstmWeights weights = RandomData.weights(spec, 0.8, 301);
      double[][][] x = RandomData.uniform(2, 7, 2, 1.0, 302);
      LstmState state = RandomData.state(spec, 2, 0.7, 303);
      ForwardResult both;
      ForwardResult forward;
      ForwardResult backward;
      try (LstmModel m = ReferenceUnderTest.model(weights);
          LstmModel f = ReferenceUnderTest.model(direction(weights, 0));
          LstmModel b = ReferenceUnderTest.model(direction(weights, 1))) {
        both = m.forward(x, state, Set.of(Trace.CELL_STATES));
        forward = f.forward(x, slot(state, 0), Set.of(Trace.CELL_STATES));
        backward = b.forward(reversed(x), slot(state, 1), Set.of(Trace.CELL_STATES));
      }
      for (int row = 0; row < 2; row++) {
        for (int t = 0; t < 7; t++) {
          double[] out = both.hidden()[row][t];
          String at = kind + " row " + row + " step " + t;
          EXACT.assertClose(
              at + " forward half",
              forward.hidden()[row][t],
              java.util.Arrays.copyOfRange(out, 0, 3));
          EXACT.assertClose(
              at + " backward half",
              backward.hidden()[row][6 - t],
              java.util.Arrays.copyOfRange(out, 3, 6));
        }
      }
      EXACT.assertClose(
          kind + " forward final state", forward.finalState(), slot(both.finalState(), 0));
      EXACT.assertClose(
          kind + " backward final state", backward.finalState(), slot(both.finalState(), 1));
    }
  }

  @Test
  void aGruHasNoCellState() {
    LstmSpec spec = LstmSpec.of(1, 2, 1).withKind(LayerKind.GRU);
    try (LstmModel model = ReferenceUnderTest.model(RandomData.weights(spec, 0.5, 311))) {
      LstmState withCell = new LstmState(new double[1][1][2], new double[][][] {{{0, 0.5}}});
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> model.forward(new double[1][3][1], withCell));
      assertTrue(
          e.getMessage().contains("layer 0 is a GRU, which has no cell state"), e.getMessage());
    }
  }

  private static ForwardResult run(LstmWeights weights, double[] x, LstmState state) {
    double[][][] in = new double[1][x.length][1];
    for (int t = 0; t < x.length; t++) {
      in[0][t][0] = x[t];
    }
    try (LstmModel model = ReferenceUnderTest.model(weights)) {
      return model.forward(in, state, Set.of(Trace.CELL_STATES, Trace.FORGET_GATES));
    }
  }

  private static LstmWeights direction(LstmWeights w, int d) {
    return new LstmWeights(List.of(w.layer(0).direction(d)));
  }

  private static LstmState slot(LstmState s, int slot) {
    return new LstmState(new double[][][] {s.h()[slot]}, new double[][][] {s.c()[slot]});
  }

  private static double[][][] reversed(double[][][] x) {
    double[][][] r = new double[x.length][x[0].length][];
    for (int b = 0; b < x.length; b++) {
      for (int t = 0; t < x[0].length; t++) {
        r[b][t] = x[b][x[0].length - 1 - t];
      }
    }
    return r;
  }
}
