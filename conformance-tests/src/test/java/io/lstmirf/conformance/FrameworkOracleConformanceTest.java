package io.lstmirf.conformance;

import io.lstmirf.api.Feature;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import io.lstmirf.testing.FrameworkOracle;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend against what PyTorch itself computed for the variants ({@link FrameworkOracle}:
 * nn.GRU, bidirectional nn.LSTM / nn.GRU, stacks with a Linear head, a peephole LSTM composed from
 * torch ops by ONNX's definition), not against the reference: sequences from a given state,
 * stepping where the model is causal, the loss and every gradient, and SGD steps. A backend that
 * does not declare a variant's feature is checked to refuse it instead.
 */
@ForEachBackend
class FrameworkOracleConformanceTest {
  private final ConformanceTarget target;

  FrameworkOracleConformanceTest(ConformanceTarget target) {
    this.target = target;
  }

  static List<FrameworkOracle> oracles() {
    return FrameworkOracle.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void sequencesAndStepsMatchTheFramework(FrameworkOracle oracle) {
    if (!target.implementsOrRefuses(oracle.weights(), null)) {
      return;
    }
    try (LstmModel model = target.create(oracle.weights())) {
      ForwardResult r = model.forward(oracle.inputs(), oracle.initialState());
      target.agreement().assertClose(oracle + " hidden", oracle.hidden(), r.hidden());
      oracle
          .responses()
          .ifPresent(y -> target.agreement().assertClose(oracle + " responses", y, r.responses()));
      target.agreement().assertClose(oracle + " final state", oracle.finalState(), r.finalState());
      if (oracle.weights().spec().firstLayerNeeding(Feature.BIDIRECTIONAL) < 0) {
        ForwardResult stepped = model.forwardStepwise(oracle.inputs(), oracle.initialState());
        target.agreement().assertClose(oracle + " stepped", oracle.hidden(), stepped.hidden());
        target
            .agreement()
            .assertClose(
                oracle + " stepped final state", oracle.finalState(), stepped.finalState());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void gradientsMatchAutograd(FrameworkOracle oracle) {
    if (!target.implementsOrRefuses(oracle.weights(), null)) {
      return;
    }
    try (LstmModel model = target.create(oracle.weights())) {
      GradientResult g = model.gradients(oracle.inputs(), oracle.targets(), oracle.lossTarget());
      target.agreement().assertClose(oracle + " loss", oracle.loss(), g.loss());
      target
          .agreement()
          .assertGradientsClose(oracle + " gradients", oracle.gradients(), g.gradients());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracles")
  void sgdStepsMatchTheFramework(FrameworkOracle oracle) {
    FrameworkOracle.Training training = oracle.training();
    if (!target.implementsOrRefuses(oracle.weights(), null)) {
      return;
    }
    try (LstmModel model = target.create(oracle.weights());
        LstmTrainer trainer =
            model.openTrainer(
                TrainerConfig.of(
                    new Optimizer.Sgd(training.learningRate()), oracle.lossTarget()))) {
      for (int s = 0; s < training.steps().size(); s++) {
        FrameworkOracle.Step step = training.steps().get(s);
        target
            .agreement()
            .assertClose(
                oracle + " loss before step " + s,
                step.loss(),
                trainer.step(step.inputs(), step.targets()));
      }
      target
          .agreement()
          .assertClose(oracle + " trained weights", training.weights(), model.weights());
    }
  }
}
