package io.lstmirf.backend.reference;

import static io.lstmirf.testing.ClosedFormLayer.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.ClosedFormLayer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The closed form of irf-method.md, forward and backward. With {@code W_hh = 0} and one input
 * feeding only the g gate ({@code W_ih[g] = w}, g's bias 0), a shock {@code s} at {@code t0} on a
 * zero input gives {@code c[t0+j] = F^j sigmoid(b_i) tanh(w s)} with {@code F = sigmoid(b_f)}, and
 * {@code h = sigmoid(b_o) tanh(c)}. Every unit is independent, so the last-step loss {@code L =
 * mean_k (h_k - y_k)^2} has gradients in closed form too.
 */
class ClosedFormTest {
  private static final int UNITS = 3;
  private static final int STEPS = 12;
  private static final int T0 = 3;
  private static final double SHOCK = 0.9;
  private static final double[] W = {1.2, -0.7, 0.4};
  private static final double[] BF = {0.5, 2.0, Math.log(99)};
  private static final double[] BI = {0.3, -0.5, 1.0};
  private static final double[] BO = {-0.2, 0.8, 0.1};

  private static final ClosedFormLayer LAYER = ClosedFormLayer.of(W, BF, BI, BO);

  private static double[][][] shockedInput() {
    return ClosedFormLayer.shockedInput(STEPS, T0, SHOCK);
  }

  private static double cell(int k, int t) {
    return LAYER.cell(k, t, T0, SHOCK);
  }

  @Test
  void cellStateDecaysAsTheForgetGateToThePowerJ() {
    try (LstmModel model = ReferenceUnderTest.model(LAYER.weights())) {
      ForwardResult r = model.forward(shockedInput(), null, Set.of(Trace.CELL_STATES));
      for (int t = 0; t < STEPS; t++) {
        for (int k = 0; k < UNITS; k++) {
          assertEquals(cell(k, t), r.cellStates().get()[0][t][k], 1e-15, "c[" + t + "]");
          assertEquals(LAYER.hidden(k, t, T0, SHOCK), r.hidden()[0][t][k], 1e-15, "h[" + t + "]");
        }
      }
    }
  }

  @Test
  void lastStepGradientsInClosedForm() {
    double[] y = {0.05, -0.1, 0.3};
    double[][][] targets = {{y}};
    LstmWeights grads;
    try (LstmModel model = ReferenceUnderTest.model(LAYER.weights())) {
      grads = model.gradients(shockedInput(), targets, LossTarget.LAST_STEP).gradients();
    }
    LayerWeights g = grads.layer(0);
    int last = STEPS - 1;
    int j = last - T0;
    for (int k = 0; k < UNITS; k++) {
      double f = sigmoid(BF[k]);
      double cT = cell(k, last);
      double h = sigmoid(BO[k]) * Math.tanh(cT);
      double dh = 2 * (h - y[k]) / UNITS;
      double dc = dh * sigmoid(BO[k]) * (1 - Math.tanh(cT) * Math.tanh(cT));
      double dBf = dc * j * (1 - f) * cT;
      double dBi = dc * (1 - sigmoid(BI[k])) * cT;
      double dBo = dh * sigmoid(BO[k]) * (1 - sigmoid(BO[k])) * Math.tanh(cT);
      double dW =
          dc
              * Math.pow(f, j)
              * sigmoid(BI[k])
              * (1 - Math.tanh(W[k] * SHOCK) * Math.tanh(W[k] * SHOCK))
              * SHOCK;
      double dBg = 0; // every step's candidate reaches c_T through F^(T-1-t)
      for (int t = 0; t < STEPS; t++) {
        double zg = t == T0 ? W[k] * SHOCK : 0;
        dBg += dc * Math.pow(f, last - t) * sigmoid(BI[k]) * (1 - Math.tanh(zg) * Math.tanh(zg));
      }
      double[] bias = g.bias();
      String unit = "unit " + k + ": ";
      assertEquals(dBi, bias[k], 1e-15, unit + "dL/db_i");
      assertEquals(dBf, bias[UNITS + k], 1e-15, unit + "dL/db_f");
      assertEquals(dBg, bias[2 * UNITS + k], 1e-15, unit + "dL/db_g");
      assertEquals(dBo, bias[3 * UNITS + k], 1e-15, unit + "dL/db_o");
      assertEquals(dW, g.weightIh().get(2 * UNITS + k, 0), 1e-15, unit + "dL/dW_ih[g]");
      // The input is zero except at t0, where c_{t0-1} = 0 and the loss cannot see h_{t0}.
      assertEquals(SHOCK * dBi, g.weightIh().get(k, 0), 1e-15, unit + "dL/dW_ih[i]");
      assertEquals(0, g.weightIh().get(UNITS + k, 0), 0, unit + "dL/dW_ih[f]");
      assertEquals(0, g.weightIh().get(3 * UNITS + k, 0), 0, unit + "dL/dW_ih[o]");
    }
  }
}
