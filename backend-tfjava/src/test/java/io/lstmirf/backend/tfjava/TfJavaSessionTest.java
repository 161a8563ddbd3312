package io.lstmirf.backend.tfjava;

import static io.lstmirf.backend.tfjava.TfJavaUnderTest.TFJAVA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import io.lstmirf.testing.RandomData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two ways a session steps the same graph: on the native session handle ({@link
 * TfJavaNativeSession}, what models open) and through {@code Session.runner()} ({@link
 * TfJavaSession}, the fallback where TensorFlow Java hides the handle). Both feed and fetch the
 * same float32 tensors, so they must agree exactly, through state changes and live parameter
 * changes. Agreement with the reference is the conformance suite's.
 */
class TfJavaSessionTest {

  @Test
  void modelsStepOnTheNativeHandle() {
    LstmSpec spec = LstmSpec.withHead(1, 4, 1, 1);
    try (TfJavaModel model = (TfJavaModel) TFJAVA.create(RandomData.weights(spec, 0.5, 1));
        LstmSession session = model.openSession(1)) {
      assertInstanceOf(TfJavaNativeSession.class, session);
    }
  }

  @Test
  void nativeAndRunnerSessionsStepAlikeOnEveryLayerKind() {
    LstmSpec lstm = LstmSpec.withHead(2, 5, 2, 1);
    List<LstmSpec> specs =
        List.of(
            lstm,
            LstmSpec.of(3, 4, 1),
            lstm.withKind(LayerKind.GRU),
            lstm.withKind(LayerKind.LSTM.withPeepholes()),
            lstm.withLayerKinds(List.of(LayerKind.GRU, LayerKind.LSTM)));
    long seed = 10;
    for (LstmSpec spec : specs) {
      int batch = 3;
      try (TfJavaModel model = (TfJavaModel) TFJAVA.create(RandomData.weights(spec, 0.8, seed));
          LstmSession fast = model.openSession(batch);
          LstmSession runner = new TfJavaSession(model, model.graph(), batch)) {
        String what = spec.toString();
        stepAlike(what + ", from zeros", spec, fast, runner, seed);
        LstmState state = RandomData.state(spec, batch, 0.7, seed + 1);
        fast.setState(state);
        runner.setState(state);
        stepAlike(what + ", from a set state", spec, fast, runner, seed + 2);
        if (spec.layerKinds().stream().allMatch(k -> k.cell() == CellKind.LSTM)) {
          model.setForgetBias(1.5); // a live parameter: the next steps must see it
          stepAlike(what + ", a new forget bias", spec, fast, runner, seed + 3);
        }
        fast.reset();
        runner.reset();
        assertStateEquals(what + ", reset", runner.state(), fast.state());
        stepAlike(what + ", after a reset", spec, fast, runner, seed + 4);
      }
      seed += 10;
    }
  }

  private static void stepAlike(
      String what, LstmSpec spec, LstmSession fast, LstmSession runner, long seed) {
    double[][][] x = RandomData.uniform(12, 3, spec.inputSize(), 1.0, seed);
    for (int t = 0; t < x.length; t++) {
      StepResult expected = runner.step(x[t]);
      StepResult actual = fast.step(x[t]);
      assertArrayEquals(expected.hidden(), actual.hidden(), what + ", hidden, step " + t);
      assertEquals(expected.output().isPresent(), actual.output().isPresent(), what);
      if (expected.output().isPresent()) {
        assertArrayEquals(
            expected.output().get(), actual.output().get(), what + ", output, step " + t);
      }
    }
    assertStateEquals(what, runner.state(), fast.state());
  }

  private static void assertStateEquals(String what, LstmState expected, LstmState actual) {
    assertArrayEquals(expected.hFlat(), actual.hFlat(), what + ", h");
    assertArrayEquals(expected.cFlat(), actual.cFlat(), what + ", c");
  }
}
