package io.lstmirf.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Engines;
import io.lstmirf.testing.RandomData;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every call releases the engine arrays it made: between calls a model holds its parameters, plus
 * each layer's h and c per open session; a trainer frees its optimiser state when it closes.
 */
class DjlNativeMemoryTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(2, 4, 2, 1);

  @BeforeAll
  static void engineLoads() {
    Engines.requireAvailable(DjlUnderTest.DJL);
  }

  @Test
  void callsLeaveOnlyParametersAndLiveState() {
    LstmWeights w = DjlUnderTest.randomWeights(SPEC, 7);
    double[][][] x = RandomData.uniform(2, 5, 2, 1.0, 8);
    double[][][] y = RandomData.uniform(2, 1, 1, 1, 9);
    try (DjlModel model = (DjlModel) DjlUnderTest.djl(w, Precision.FLOAT32)) {
      int parameters = 4 * SPEC.numLayers() + 2;
      assertEquals(parameters, arrays(model));
      model.forward(x, null, EnumSet.allOf(Trace.class));
      model.gradients(x, y, LossTarget.LAST_STEP);
      model.setForgetBias(2.0);
      model.weights();
      assertEquals(parameters, arrays(model));
      try (LstmSession session = model.openSession(2)) {
        for (int t = 0; t < 10; t++) {
          session.step(new double[][] {{t, 1}, {0, -t}});
        }
        session.setState(session.state());
        session.reset();
        int state = 2 * SPEC.numLayers(); // each layer's h and c
        int io = 2; // the input and the head's output
        int scratch = 1 + 5 + 1; // the gates, five views of them, tanh(c)
        int weightViews = 2 * SPEC.numLayers() + 1; // W_ih^T, W_hh^T per layer, the head's W^T
        assertEquals(
            parameters + state + io + scratch + weightViews,
            arrays(model),
            "the arrays a session makes once and rewrites in place, and views of the weights");
      }
      assertEquals(parameters, arrays(model));
      DjlTrainer trainer =
          (DjlTrainer)
              model.openTrainer(TrainerConfig.of(Optimizer.Adam.defaults(), LossTarget.LAST_STEP));
      trainer.step(x, y);
      trainer.step(x, y);
      trainer.loss(x, y);
      // Adam's two moments per trainable weight belong to the trainer, not to the model.
      int trainable = 3 * SPEC.numLayers() + 2;
      List<NDArray> moments = trainer.optimizerState();
      assertEquals(2 * trainable, moments.size());
      assertEquals(parameters, arrays(model));
      trainer.close();
      assertTrue(moments.stream().allMatch(NDArray::isReleased), "moments freed on close");
      assertEquals(parameters, arrays(model));
    }
  }

  @Test
  void closingTheModelReleasesEverything() {
    DjlModel model = (DjlModel) DjlUnderTest.DJL.create(DjlUnderTest.randomWeights(SPEC, 10));
    model.openSession(1).step(new double[][] {{1, 2}});
    model.close();
    assertTrue(!model.manager().isOpen());
  }

  private static int arrays(DjlModel model) {
    return model.manager().getManagedArrays().size();
  }
}
