package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.lstmirf.api.Device;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.ModelFormats;
import io.lstmirf.interop.ReadOptions;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.FrameworkCase;
import io.lstmirf.testing.RandomData;
import io.lstmirf.testing.ReferenceOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TorchScript files through DJL: files PyTorch 1.13 saved
 * (src/test/python/make_torchscript_files.py) against the outputs PyTorch computed, refusals, and
 * exports that libtorch loads and runs.
 */
class DjlTorchScriptTest {
  /** The bound for an imported model against its framework's own outputs. */
  private static final double FRAMEWORK_BOUND = 1e-5;

  private final DjlFormatProvider provider = new DjlFormatProvider();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "script_lstm_only",
        "script_l2_head",
        "trace_time_major_head",
        "script_dropout_l2",
        "script_float64",
        "script_no_bias",
        "script_gru_only",
        "script_gru_l2_head",
        "script_gru_f64",
        "script_bilstm_l2_head",
        "trace_bigru_time_major"
      })
  void pyTorchFilesReproducePyTorchsOutputs(String name) {
    ImportedModel m = provider.read(FrameworkCase.resource("torchscript", name + ".pt"));
    double diff =
        FrameworkCase.load("torchscript", name).maxDifference(m.weights(), m.initialState());
    assertTrue(diff <= FRAMEWORK_BOUND, name + ": " + diff);
    assertEquals(ModelFormat.TORCHSCRIPT, m.format());
  }

  @ParameterizedTest
  @ValueSource(strings = {"script_float64", "script_gru_f64"})
  void float64FilesAreReadExactlyEnoughToMatchPyTorchInFloat64(String name) {
    ImportedModel m = provider.read(FrameworkCase.resource("torchscript", name + ".pt"));
    double diff =
        FrameworkCase.load("torchscript", name).maxDifference(m.weights(), m.initialState());
    assertTrue(diff < 1e-12, "float64 weights, float64 arithmetic on both sides: " + diff);
  }

  @Test
  void variantsAreReadAsTheirKinds() {
    LstmSpec gru =
        provider
            .read(FrameworkCase.resource("torchscript", "script_gru_l2_head.pt"))
            .weights()
            .spec();
    assertEquals(LstmSpec.withHead(3, 6, 2, 2).withKind(LayerKind.GRU), gru);
    ImportedModel bilstm =
        provider.read(FrameworkCase.resource("torchscript", "script_bilstm_l2_head.pt"));
    assertEquals(
        LstmSpec.withHead(2, 4, 2, 1).withKind(LayerKind.LSTM.bidirectional()),
        bilstm.weights().spec());
    assertTrue(
        bilstm.notes().get(0).contains("bidirectional LSTM 'lstm'"), bilstm.notes().toString());
  }

  @Test
  void severalLstmsNeedAPickAndThePickedOnesMatch() {
    Path file = FrameworkCase.resource("torchscript", "script_encoder_decoder.pt");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.read(file));
    assertTrue(
        e.getMessage()
            .contains("2 recurrent modules (decoder, encoder); pick one with" + " --rnn NAME"),
        e.getMessage());
    ImportedModel m = provider.read(file, ReadOptions.of("decoder", "fc"));
    assertTrue(
        FrameworkCase.load("torchscript", "script_encoder_decoder")
                .maxDifference(m.weights(), m.initialState())
            <= FRAMEWORK_BOUND);
    assertTrue(
        m.notes().stream().anyMatch(n -> n.contains("encoder.weight_ih_l0")),
        "the encoder left out is named: " + m.notes());
    assertThrows(
        InvalidInputException.class, () -> provider.read(file, ReadOptions.of("decoder", "nope")));
    assertThrows(
        InvalidInputException.class, () -> provider.read(file, ReadOptions.of("lstm", null)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "refuse_proj_size | proj_size > 0",
        "refuse_rnn | a plain RNN",
        "refuse_layer_norm | norm.weight"
      })
  void unsupportedModulesAreRefusedByName(String name, String construct) {
    Path file = FrameworkCase.resource("torchscript", name + ".pt");
    UnsupportedModelException e =
        assertThrows(UnsupportedModelException.class, () -> provider.read(file));
    assertTrue(
        e.getMessage().contains(construct)
            && e.getMessage().contains(file.toString())
            && !e.getMessage().contains("\n"),
        e.getMessage());
  }

  @Test
  void filesThatAreNotTorchScriptAreRefusedWithTheFix(@TempDir Path dir) throws Exception {
    Path bogus = Files.write(dir.resolve("state_dict.pt"), new byte[] {'P', 'K', 3, 4, 0, 0});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider.read(bogus));
    assertTrue(e.getMessage().contains("torch.jit.script(model).save(path)"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1, 5, 1, 0", "3, 8, 2, 2", "2, 4, 3, 1"})
  void exportsRoundTripExactlyAndRunInLibtorch(
      int inputs, int hidden, int layers, int head, @TempDir Path dir) {
    LstmSpec spec =
        head == 0
            ? LstmSpec.of(inputs, hidden, layers)
            : LstmSpec.withHead(inputs, hidden, layers, head);
    assertExportsRoundTripAndRun(spec, dir);
  }

  @ParameterizedTest
  @CsvSource({"gru, 1", "gru, 0", "lstm/bidirectional, 1", "gru/bidirectional, 0"})
  void variantsExportAsNnGruOrBidirectionalModules(String kind, int head, @TempDir Path dir) {
    LayerKind layer = kind.startsWith("gru") ? LayerKind.GRU : LayerKind.LSTM;
    layer = kind.endsWith("/bidirectional") ? layer.bidirectional() : layer;
    LstmSpec spec = (head == 0 ? LstmSpec.of(2, 4, 2) : LstmSpec.withHead(2, 4, 2, 1));
    assertExportsRoundTripAndRun(spec.withKind(layer), dir);
  }

  @Test
  void modelsOnePyTorchModuleCannotHoldAreRefusedByName(@TempDir Path dir) {
    LstmSpec peepholes = LstmSpec.of(2, 3, 1).withKind(LayerKind.LSTM.withPeepholes());
    LstmSpec mixed =
        LstmSpec.of(2, 3, 2).withLayerKinds(java.util.List.of(LayerKind.GRU, LayerKind.LSTM));
    for (LstmSpec spec : new LstmSpec[] {peepholes, mixed}) {
      Path file = dir.resolve("refused.pt");
      UnsupportedModelException e =
          assertThrows(
              UnsupportedModelException.class,
              () -> provider.write(RandomData.weights(spec, 0.5, 3), file, Precision.FLOAT32));
      assertTrue(
          e.getMessage().contains(spec == peepholes ? "peepholes" : "layers of different kinds"),
          e.getMessage());
      assertTrue(!Files.exists(file), "nothing written");
    }
  }

  private void assertExportsRoundTripAndRun(LstmSpec spec, Path dir) {
    LstmWeights w = RandomData.weights(spec, 0.7, 11L * spec.hiddenSize() + spec.numLayers());
    Path f64 = dir.resolve("m64.pt");
    provider.write(w, f64, Precision.FLOAT64);
    assertEquals(w, provider.read(f64).weights(), "JSON -> TorchScript (float64) -> JSON");
    Path f32 = dir.resolve("m32.pt");
    LstmWeights floats = w.heldIn(Precision.FLOAT32);
    ModelFormats.discover().write(floats, ModelFormat.TORCHSCRIPT, f32);
    assertEquals(floats, provider.read(f32).weights(), "float weights survive float32 exactly");

    double[][][] x = RandomData.uniform(2, 6, spec.inputSize(), 1.0, 5);
    try (LstmModel reference = ReferenceOracle.model(w)) {
      ForwardResult expected = reference.forward(x);
      double[][][][] actual = runInLibtorch(f64, x, spec);
      Agreement.of(Precision.FLOAT64).assertClose("outputs", expected.responses(), actual[0]);
      Agreement.of(Precision.FLOAT64).assertClose("h_n", expected.finalState().h(), actual[1]);
      Agreement.of(Precision.FLOAT64).assertClose("c_n", expected.finalState().c(), actual[2]);
    }
  }

  /** forward(x) of a TorchScript file in libtorch: output, h_n, c_n. */
  private static double[][][][] runInLibtorch(Path file, double[][][] x, LstmSpec spec) {
    DjlEngine engine = DjlUnderTest.DJL.engine();
    try (NDManager manager = engine.newManager(Device.CPU);
        PtSymbolBlock module =
            JniUtils.loadModule(
                (PtNDManager) manager, file, true, new String[0], new String[0], false)) {
      JniUtils.enableInferenceMode(module);
      NDList out =
          module.forward(
              new ParameterStore(manager, false),
              new NDList(DjlArrays.create(manager, x, ai.djl.ndarray.types.DataType.FLOAT64)),
              false);
      int b = x.length;
      int t = x[0].length;
      int l = spec.stateSlots();
      int h = spec.hiddenSize();
      return new double[][][][] {
        DjlArrays.read(out.get(0), b, t, spec.responseSize()),
        DjlArrays.read(out.get(1), l, b, h),
        DjlArrays.read(out.get(2), l, b, h)
      };
    }
  }
}
