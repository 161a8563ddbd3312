package io.lstmirf.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.check.Tolerance;
import io.lstmirf.api.json.ModelJson;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import io.lstmirf.testing.WeightTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exported ONNX files, canonical LSTMs and every variant (GRU, bidirectional layers, peepholes,
 * mixed stacks), run in ONNX Runtime and agree with the reference backend; read back, they give the
 * weights that were written, bit for bit. Set {@code -Dlstmirf.interop.keep=DIR} to keep the
 * exported files (src/test/python/make_onnx_files.py check DIR/*.onnx runs onnx.checker).
 */
class OnnxExportTest {
  /**
   * Measured: ONNX Runtime 1.22's float32 LSTM is within 1.0e-7 of the reference on these models
   * (values of order 1, 9 steps); a tenth of the conformance tolerance leaves room for other CPUs.
   */
  private static final double ORT_FLOAT32 = 1e-6;

  /** Float32 exports, the ones ONNX Runtime runs (its LSTM kernel has no double version). */
  static Stream<Arguments> float32Cases() {
    return Stream.of(
        Arguments.of(LstmSpec.withHead(3, 5, 1, 2), OnnxExportOptions.DEFAULT),
        Arguments.of(LstmSpec.withHead(2, 6, 2, 1), OnnxExportOptions.DEFAULT),
        Arguments.of(LstmSpec.of(4, 3, 3), OnnxExportOptions.DEFAULT.withBatchFirst(false)),
        Arguments.of(
            LstmSpec.withHead(1, 8, 2, 3), OnnxExportOptions.DEFAULT.withStateInputs(true)),
        Arguments.of(
            LstmSpec.of(2, 4, 2),
            OnnxExportOptions.DEFAULT.withBatchFirst(false).withStateInputs(true)),
        Arguments.of(
            LstmSpec.withHead(3, 4, 2, 2).withKind(LayerKind.GRU),
            OnnxExportOptions.DEFAULT.withStateInputs(true)),
        Arguments.of(
            LstmSpec.withHead(2, 5, 2, 1).withKind(LayerKind.LSTM.bidirectional()),
            OnnxExportOptions.DEFAULT.withStateInputs(true)),
        Arguments.of(
            LstmSpec.of(3, 4, 1).withKind(LayerKind.LSTM.withPeepholes().bidirectional()),
            OnnxExportOptions.DEFAULT.withBatchFirst(false)),
        Arguments.of(
            LstmSpec.withHead(2, 3, 3, 2)
                .withLayerKinds(
                    java.util.List.of(
                        LayerKind.GRU.bidirectional(),
                        LayerKind.LSTM.withPeepholes(),
                        LayerKind.GRU)),
            OnnxExportOptions.DEFAULT.withStateInputs(true)));
  }

  static Stream<Arguments> cases() {
    return Stream.concat(
        float32Cases(),
        Stream.of(
            Arguments.of(
                LstmSpec.withHead(3, 5, 2, 2),
                OnnxExportOptions.DEFAULT.withPrecision(Precision.FLOAT64).withStateInputs(true)),
            Arguments.of(
                LstmSpec.of(2, 3, 1),
                OnnxExportOptions.DEFAULT.withPrecision(Precision.FLOAT64).withBatchFirst(false)),
            Arguments.of(
                LstmSpec.withHead(2, 3, 2, 1).withKind(LayerKind.GRU.bidirectional()),
                OnnxExportOptions.DEFAULT.withPrecision(Precision.FLOAT64).withStateInputs(true))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("float32Cases")
  void onnxRuntimeRunsTheExportLikeTheReference(LstmSpec spec, OnnxExportOptions options)
      throws Exception {
    Precision p = options.precision();
    LstmWeights weights = WeightTensors.heldIn(p, RandomData.weights(spec, 0.6, 11));
    double[][][] x = RandomData.uniform(3, 9, spec.inputSize(), 1.0, 12);
    LstmState start = options.stateInputs() ? RandomData.state(spec, 3, 0.5, 13) : null;
    byte[] model = OnnxWriter.toModel(weights, options).toByteArray();
    keep(spec, options, model);

    OnnxRuntimeRunner.Result ort =
        OnnxRuntimeRunner.run(model, options.batchFirst() ? x : swap(x), start, p);
    try (LstmModel ref = ReferenceOracle.model(weights)) {
      ForwardResult r = ref.forward(x, start);
      double[][][] out = options.batchFirst() ? ort.output() : swap(ort.output());
      double diff =
          Math.max(
              OnnxRuntimeRunner.maxDifference(r.responses(), out),
              ort.maxStateDifference(r.finalState()));
      assertEquals(
          spec.layerKinds().stream().allMatch(k -> k.cell() == CellKind.LSTM),
          ort.finalC() != null,
          "c_n exactly when every layer is an LSTM");
      System.out.printf("ORT %s %s: max |ORT - reference| = %.2e%n", spec, options, diff);
      assertTrue(diff <= ORT_FLOAT32, "" + diff);
      assertTrue(diff <= Tolerance.of(p).value(), "within the conformance tolerance");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void readingTheExportGivesTheWeightsBack(
      LstmSpec spec, OnnxExportOptions options, @TempDir Path dir) {
    LstmWeights weights =
        WeightTensors.heldIn(options.precision(), RandomData.weights(spec, 0.6, 21));
    Path file = dir.resolve("m.onnx");
    OnnxWriter.write(weights, file, options);

    ImportedModel back = OnnxReader.read(file);

    assertEquals(weights, back.weights());
    assertTrue(back.initialState().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonToOnnxToJsonIsExactInFloat64(
      LstmSpec spec, OnnxExportOptions options, @TempDir Path dir) {
    LstmWeights weights = RandomData.weights(spec, 0.6, 31); // every bit of a double
    Path json = dir.resolve("m.json");
    ModelJson.write(weights, json);
    Path onnx = dir.resolve("m.onnx");
    OnnxWriter.write(ModelJson.read(json), onnx, options.withPrecision(Precision.FLOAT64));
    Path back = dir.resolve("back.json");

    ModelJson.write(OnnxReader.read(onnx).weights(), back);

    assertEquals(ModelJson.read(json), ModelJson.read(back));
    assertEquals(ModelJson.toJsonString(weights), ModelJson.toJsonString(ModelJson.read(back)));
  }

  private static void keep(LstmSpec spec, OnnxExportOptions o, byte[] model) throws Exception {
    String dir = System.getProperty("lstmirf.interop.keep");
    if (dir != null) {
      Files.createDirectories(Path.of(dir));
      Files.write(
          Path.of(
              dir,
              "export_L"
                  + spec.numLayers()
                  + "_H"
                  + spec.hiddenSize()
                  + "_"
                  + spec.layerKinds().toString().replaceAll("[^a-z+]+", "-")
                  + (spec.hasHead() ? "_head" : "")
                  + (o.batchFirst() ? "_bf" : "_tm")
                  + (o.stateInputs() ? "_states" : "")
                  + "_"
                  + o.precision()
                  + ".onnx"),
          model);
    }
  }

  private static double[][][] swap(double[][][] a) {
    double[][][] s = new double[a[0].length][a.length][];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        s[j][i] = a[i][j].clone();
      }
    }
    return s;
  }
}
