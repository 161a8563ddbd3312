package io.lstmirf.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ModelFormats;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J ModelSerializer zips written and read by DL4J itself: exact round trips, the written network
 * run by DL4J's own MultiLayerNetwork against the reference, refusals by name.
 */
class Dl4jModelFilesTest {
  private final Dl4jFormatProvider provider = new Dl4jFormatProvider();

  @ParameterizedTest
  @CsvSource({"1, 5, 1, 0", "3, 8, 2, 2", "2, 4, 3, 1"})
  void roundTripsExactlyAndDl4jsOwnNetworkComputesTheModel(
      int inputs, int hidden, int layers, int head, @TempDir Path dir) throws Exception {
    LstmSpec spec =
        head == 0
            ? LstmSpec.of(inputs, hidden, layers)
            : LstmSpec.withHead(inputs, hidden, layers, head);
    LstmWeights w = RandomData.weights(spec, 0.7, 13L * hidden + layers);
    Path f64 = dir.resolve("m64.zip");
    provider.write(w, f64, Precision.FLOAT64);
    assertEquals(ModelFormat.DL4J, ModelFormats.discover().detect(f64));
    assertEquals(w, provider.read(f64).weights(), "JSON -> DL4J zip (float64) -> JSON");
    LstmWeights floats = w.heldIn(Precision.FLOAT32);
    Path f32 = dir.resolve("m32.zip");
    ModelFormats.discover().write(floats, ModelFormat.DL4J, f32);
    assertEquals(floats, provider.read(f32).weights(), "float weights survive float32 exactly");

    double[][][] x = RandomData.uniform(2, 6, inputs, 1.0, 3);
    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(f64.toFile(), false);
    try (LstmModel reference = ReferenceOracle.model(w);
        INDArray in = Dl4jArrays.create(x, DataType.DOUBLE).permute(0, 2, 1).dup('c')) {
      INDArray out = net.output(in); // DL4J's recurrent layout: [B, features, T]
      double[][][] y = Dl4jArrays.toArray3(out.permute(0, 2, 1).dup('c'));
      Agreement.of(Precision.FLOAT64)
          .assertClose("DL4J's MultiLayerNetwork.output", reference.forward(x).responses(), y);
    } finally {
      net.close();
    }
  }

  @Test
  void constructsTheCanonicalModelLacksAreRefusedByName(@TempDir Path dir) throws Exception {
    assertRefused(
        dir,
        "graves.zip",
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(new GravesLSTM.Builder().nIn(2).nOut(3).activation(Activation.TANH).build())
            .build(),
        "GravesLSTM");
    assertRefused(
        dir,
        "relu.zip",
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(new LSTM.Builder().nIn(2).nOut(3).activation(Activation.RELU).build())
            .build(),
        "activation relu");
    assertRefused(
        dir,
        "hard_sigmoid.zip",
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(
                new LSTM.Builder()
                    .nIn(2)
                    .nOut(3)
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.HARDSIGMOID)
                    .build())
            .build(),
        "gateActivationFunction hardsigmoid");
    assertRefused(
        dir,
        "softmax.zip",
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(new LSTM.Builder().nIn(2).nOut(3).activation(Activation.TANH).build())
            .layer(
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(3)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build(),
        "activation softmax");
  }

  @Test
  void filesThatAreNotDl4jZipsAreRefused(@TempDir Path dir) throws Exception {
    Path bogus = Files.write(dir.resolve("m.zip"), new byte[] {'P', 'K', 5, 6, 0, 0});
    assertThrows(InvalidInputException.class, () -> provider.read(bogus));
    assertThrows(InvalidInputException.class, () -> provider.read(dir.resolve("none.zip")));
  }

  private void assertRefused(
      Path dir,
      String name,
      org.deeplearning4j.nn.conf.MultiLayerConfiguration conf,
      String construct)
      throws Exception {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    Path file = dir.resolve(name);
    ModelSerializer.writeModel(net, file.toFile(), false);
    net.close();
    UnsupportedModelException e =
        assertThrows(UnsupportedModelException.class, () -> provider.read(file));
    assertTrue(
        e.getMessage()
                .toLowerCase(java.util.Locale.ROOT)
                .contains(construct.toLowerCase(java.util.Locale.ROOT))
            && e.getMessage().contains(name),
        e.getMessage());
  }

  static {
    Dl4jUnderTest.DL4J.engine(); // ND4J with the backend's settings before any test uses it
    Nd4j.getRandom().setSeed(1);
  }
}
