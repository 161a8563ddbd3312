package io.lstmirf.backend.tfjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ModelFormats;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels written and read by TensorFlow Java: exact round trips, and the exported
 * serving_default signature, reloaded and run by TensorFlow, against the reference.
 */
class TfJavaSavedModelTest {
  private final TfJavaFormatProvider provider = new TfJavaFormatProvider();

  @ParameterizedTest
  @CsvSource({"1, 5, 1, 0", "3, 8, 2, 2", "2, 4, 11, 1"})
  void roundTripsExactlyAndTheSignatureComputesTheModel(
      int inputs, int hidden, int layers, int head, @TempDir Path dir) {
    LstmSpec spec =
        head == 0
            ? LstmSpec.of(inputs, hidden, layers)
            : LstmSpec.withHead(inputs, hidden, layers, head);
    LstmWeights w = RandomData.weights(spec, 0.7, 17L * hidden + layers);
    Path f64 = dir.resolve("m64");
    provider.write(w, f64, Precision.FLOAT64);
    assertEquals(ModelFormat.SAVEDMODEL, ModelFormats.discover().detect(f64));
    assertEquals(w, provider.read(f64).weights(), "JSON -> SavedModel (float64) -> JSON");
    LstmWeights floats = w.heldIn(Precision.FLOAT32);
    Path f32 = dir.resolve("m32");
    ModelFormats.discover().write(floats, ModelFormat.SAVEDMODEL, f32);
    assertEquals(floats, provider.read(f32).weights(), "float weights survive float32 exactly");
    provider.write(floats, f32); // replacing an existing SavedModel
    assertEquals(floats, provider.read(f32).weights());

    double[][][] x = RandomData.uniform(2, 6, inputs, 1.0, 9);
    try (LstmModel reference = ReferenceOracle.model(floats);
        SavedModelBundle bundle = SavedModelBundle.load(f32.toString(), "serve");
        TFloat32 in = TfJavaArrays.timeMajor(x);
        TFloat32 batchFirst = transpose(in, x)) {
      ForwardResult expected = reference.forward(x);
      try (Result r = bundle.function("serving_default").call(Map.of("input", batchFirst))) {
        Agreement f32Agreement = Agreement.of(Precision.FLOAT32);
        f32Agreement.assertClose(
            "output",
            expected.responses(),
            batchFirst3(
                (TFloat32) r.get("output").get(), x.length, x[0].length, spec.responseSize()));
        f32Agreement.assertClose(
            "h_n",
            expected.finalState().h(),
            batchFirst3((TFloat32) r.get("h_n").get(), layers, x.length, hidden));
        f32Agreement.assertClose(
            "c_n",
            expected.finalState().c(),
            batchFirst3((TFloat32) r.get("c_n").get(), layers, x.length, hidden));
      }
    }
  }

  @Test
  void directoriesThatAreNotSavedModelsAreRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("saved_model.pb"), "not a protobuf");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.read(dir));
    assertTrue(e.getMessage().contains("not a SavedModel"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> provider.read(dir.resolve("none")));
  }

  /** {@code [B, T, I]} of the batch-first inputs (the signature's layout). */
  private static TFloat32 transpose(TFloat32 timeMajor, double[][][] x) {
    float[] flat = new float[x.length * x[0].length * x[0][0].length];
    int k = 0;
    for (double[][] seq : x) {
      for (double[] step : seq) {
        for (double v : step) {
          flat[k++] = (float) v;
        }
      }
    }
    return TFloat32.tensorOf(
        org.tensorflow.ndarray.Shape.of(x.length, x[0].length, x[0][0].length),
        org.tensorflow.ndarray.buffer.DataBuffers.of(flat, true, false));
  }

  private static double[][][] batchFirst3(TFloat32 t, int a, int b, int c) {
    double[][][] out = new double[a][b][c];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        for (int k = 0; k < c; k++) {
          out[i][j][k] = t.getFloat(i, j, k);
        }
      }
    }
    return out;
  }
}
