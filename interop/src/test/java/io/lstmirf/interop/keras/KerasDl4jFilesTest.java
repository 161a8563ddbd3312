package io.lstmirf.interop.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.KerasLayout;
import io.lstmirf.testing.FrameworkCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model Keras 2.1.3 saved, with the hidden states and predictions Keras computed for 25 inputs
 * (DL4J's test resources, see resources/keras/dl4j/README.md). Its LSTM uses hard_sigmoid, so it is
 * refused (KerasRefusalTest); here the weights the reader finds in it ({@link
 * KerasReader#readFile}, the same arrays and the same {@link KerasLayout} conversion the import
 * uses) are run through a hard-sigmoid LSTM written below and must give Keras' own outputs: the
 * file, its gate order and its Dense head are read right. Each input is one step from a zero state,
 * so the forget gate and the recurrent kernel do not reach the output; KerasFrameworkFilesTest
 * covers those with Keras 3 files.
 */
class KerasDl4jFilesTest {
  private static final double FRAMEWORK_TOLERANCE = 1e-5;

  @Test
  void weightsReadFromAKeras2FileReproduceKerasOutputs() throws Exception {
    KerasModelFile file =
        KerasReader.readFile(
            FrameworkCase.resource("keras", "dl4j/simple_flatten_lstm_tf_keras_2_model.h5"));
    List<KerasWeight> lstm = file.weightsOf("lstm_1");
    List<KerasWeight> dense = file.weightsOf("dense_1");
    LayerWeights layer =
        KerasLayout.toCanonical(
            new KerasLayout.Layer(
                lstm.get(0).matrix("kernel", 1, 200),
                lstm.get(1).matrix("recurrent", 50, 200),
                lstm.get(2).vector("bias", 200)));
    Matrix head = dense.get(0).matrix("dense", 50, 1);
    double headBias = dense.get(1).vector("dense", 1)[0];
    float[][][] x;
    float[][] hidden;
    float[][] y;
    try (HdfFile io =
        new HdfFile(
            FrameworkCase.resource(
                "keras", "dl4j/simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5"))) {
      x = (float[][][]) io.getDatasetByPath("inputs/lstm_1_input").getData();
      hidden = (float[][]) io.getDatasetByPath("activations/lstm_1").getData();
      y = (float[][]) io.getDatasetByPath("predictions/dense_1").getData();
    }

    assertEquals("2.1.3", file.kerasVersion());
    double maxHidden = 0;
    double maxOut = 0;
    for (int b = 0; b < x.length; b++) {
      double[] h = hardSigmoidStep(layer, x[b][0][0]);
      double out = headBias;
      for (int k = 0; k < 50; k++) {
        out += head.get(k, 0) * h[k];
        maxHidden = Math.max(maxHidden, Math.abs(h[k] - hidden[b][k]));
      }
      maxOut = Math.max(maxOut, Math.abs(out - y[b][0]));
    }
    System.out.printf(
        "Keras 2.1.3 simple_flatten_lstm (hard_sigmoid, 25 inputs): max |replay -"
            + " Keras| = %.2e (hidden states), %.2e (predictions)%n",
        maxHidden, maxOut);
    assertTrue(maxHidden <= FRAMEWORK_TOLERANCE, "" + maxHidden);
    assertTrue(maxOut <= FRAMEWORK_TOLERANCE, "" + maxOut);
  }

  /** One step of Keras 2's LSTM from h = c = 0 on a scalar input (gates i, f, g, o). */
  private static double[] hardSigmoidStep(LayerWeights w, double x) {
    int n = w.hiddenSize();
    double[] b = w.bias();
    double[] h = new double[n];
    for (int k = 0; k < n; k++) {
      double i = hardSigmoid(w.weightIh().get(k, 0) * x + b[k]);
      double g = Math.tanh(w.weightIh().get(2 * n + k, 0) * x + b[2 * n + k]);
      double o = hardSigmoid(w.weightIh().get(3 * n + k, 0) * x + b[3 * n + k]);
      h[k] = o * Math.tanh(i * g);
    }
    return h;
  }

  /** Keras 2's hard_sigmoid: clip(0.2 x + 0.5, 0, 1). */
  private static double hardSigmoid(double v) {
    return Math.max(0, Math.min(1, 0.2 * v + 0.5));
  }
}
