package io.lstmirf.backend.reference;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.train.Dropout;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What dropout masks mean, checked from outside the training code: for one sequence, masking a
 * layer's input and recurrent input where they enter the weights is the same as scaling the columns
 * of {@code W_ih} and {@code W_hh} by the masks, so the loss with masks must equal the public
 * forward pass's loss of the scaled weights, for every cell kind and both directions.
 */
class DropoutSemanticsTest {

  @Test
  void masksActAsScaledWeightColumns() {
    for (LstmSpec spec :
        List.of(
            LstmSpec.withHead(2, 3, 2, 1),
            LstmSpec.withHead(2, 3, 2, 1).withKind(LayerKind.GRU.bidirectional()),
            LstmSpec.of(3, 2, 2)
                .withLayerKinds(
                    List.of(LayerKind.LSTM.withPeepholes().bidirectional(), LayerKind.GRU)))) {
      LstmWeights weights = RandomData.weights(spec, 0.7, 401);
      double[][][] x = RandomData.uniform(1, 6, spec.inputSize(), 1.0, 402);
      double[][][] y = RandomData.uniform(1, 6, spec.responseSize(), 0.8, 403);
      DropoutMasks masks = new Dropout(0.4, 0.4, 404).masks(spec, 1, 0);
      double masked =
          new ReferenceBptt(ReferenceParameters.of(weights))
              .loss(x, y, LossTarget.EVERY_STEP, masks);
      double scaled =
          ReferenceOracle.loss(scaledColumns(weights, masks), x, y, LossTarget.EVERY_STEP);
      Agreement.absolute(1e-14)
          .assertClose(spec + ": loss with masks vs scaled weights", scaled, masked);
    }
  }

  /** Each direction's W_ih and W_hh with column k scaled by its row-0 mask's entry k. */
  private static LstmWeights scaledColumns(LstmWeights w, DropoutMasks masks) {
    LstmSpec spec = w.spec();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerWeights layer = null;
      for (int d = 0; d < spec.layerKind(l).directions(); d++) {
        int s = spec.stateSlot(l, d);
        LayerWeights one = w.layer(l).direction(d);
        Matrix wIh = scale(one.weightIh(), masks.input().get()[s][0]);
        Matrix wHh = scale(one.weightHh(), masks.recurrent().get()[s][0]);
        LayerWeights scaled =
            one.cell() == CellKind.GRU
                ? LayerWeights.gru(wIh, wHh, one.bias(), one.recurrentBias().get())
                : LayerWeights.lstm(wIh, wHh, one.bias(), one.peephole().orElse(null));
        layer = d == 0 ? scaled : layer.bidirectional(scaled);
      }
      layers.add(layer);
    }
    return new LstmWeights(layers, w.head().orElse(null));
  }

  private static Matrix scale(Matrix m, double[] columns) {
    double[][] a = m.toArray();
    for (double[] row : a) {
      for (int k = 0; k < row.length; k++) {
        row[k] *= columns[k];
      }
    }
    return Matrix.of("scaled", a);
  }
}
