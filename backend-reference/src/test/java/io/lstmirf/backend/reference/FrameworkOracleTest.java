package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Feature;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.Agreement;
import io.lstmirf.testing.FrameworkOracle;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference's variants against what PyTorch computed for the same weights (test-support's
 * {@link FrameworkOracle}: nn.GRU, bidirectional nn.LSTM / nn.GRU, stacks with a Linear head, a
 * peephole LSTM composed from torch ops and checked against ONNX's LSTM_Helper): sequences from a
 * given state, stepping (or its refusal), the loss and every gradient by torch.autograd, and SGD
 * steps. Both sides are float64: the bound is rounding, 1e-12.
 */
class FrameworkOracleTest {
  private static final Agreement FLOAT64 = Agreement.absolute(1e-12);

  static List<FrameworkOracle> oracles() {
    return FrameworkOracle.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void sequencesMatchTheFramework(FrameworkOracle oracle) {
    try (LstmModel model = ReferenceUnderTest.model(oracle.weights())) {
      ForwardResult r = model.forward(oracle.inputs(), oracle.initialState());
      FLOAT64.assertClose(oracle + " hidden", oracle.hidden(), r.hidden());
      oracle
          .responses()
          .ifPresent(y -> FLOAT64.assertClose(oracle + " responses", y, r.responses()));
      FLOAT64.assertClose(oracle + " final state", oracle.finalState(), r.finalState());
    }
  }

  /** Causal models step to the framework's numbers; bidirectional ones refuse, naming why. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void stepsMatchTheFrameworkOrAreRefused(FrameworkOracle oracle) {
    try (LstmModel model = ReferenceUnderTest.model(oracle.weights())) {
      if (oracle.weights().spec().firstLayerNeeding(Feature.BIDIRECTIONAL) >= 0) {
        InvalidInputException e =
            assertThrows(InvalidInputException.class, () -> model.openSession(1));
        assertTrue(e.getMessage().contains("bidirectional and cannot be stepped"), e.getMessage());
        return;
      }
      ForwardResult r = model.forwardStepwise(oracle.inputs(), oracle.initialState());
      FLOAT64.assertClose(oracle + " stepped hidden", oracle.hidden(), r.hidden());
      FLOAT64.assertClose(oracle + " stepped final state", oracle.finalState(), r.finalState());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void gradientsMatchAutograd(FrameworkOracle oracle) {
    try (LstmModel model = ReferenceUnderTest.model(oracle.weights())) {
      GradientResult g = model.gradients(oracle.inputs(), oracle.targets(), oracle.lossTarget());
      FLOAT64.assertClose(oracle + " loss", oracle.loss(), g.loss());
      FLOAT64.assertClose(oracle + " gradients", oracle.gradients(), g.gradients());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void sgdStepsMatchTheFramework(FrameworkOracle oracle) {
    FrameworkOracle.Training training = oracle.training();
    try (LstmModel model = ReferenceUnderTest.model(oracle.weights());
        LstmTrainer trainer =
            model.openTrainer(
                TrainerConfig.of(
                    new Optimizer.Sgd(training.learningRate()), oracle.lossTarget()))) {
      for (int s = 0; s < training.steps().size(); s++) {
        FrameworkOracle.Step step = training.steps().get(s);
        FLOAT64.assertClose(
            oracle + " loss before step " + s,
            step.loss(),
            trainer.step(step.inputs(), step.targets()));
      }
      FLOAT64.assertClose(oracle + " trained weights", training.weights(), model.weights());
    }
  }
}
