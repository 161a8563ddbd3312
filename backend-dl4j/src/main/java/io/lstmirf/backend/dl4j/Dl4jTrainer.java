package io.lstmirf.backend.dl4j;

import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trains a {@link Dl4jModel} in place with the engine's own machinery: a {@link Dl4jTrainingPass}
 * (libnd4j's LSTM backprop ops) computes the gradient into the model's flat gradient buffer,
 * libnd4j's {@code clip_by_global_norm} clips it ({@code g *= c / max(|g|, c)}), and the
 * Deeplearning4j updater ({@code Adam} or {@code Sgd}, ND4J's {@link GradientUpdater}, the one a
 * DL4J network applies) turns it into the step, applied as DL4J's {@code StochasticGradientDescent}
 * does: {@code params -= update}. Every one of these treats all weights in one native call, because
 * gradient and parameters are each one flat vector.
 */
final class Dl4jTrainer extends AbstractLstmTrainer {
  private final Dl4jModel model;

  /** The optimiser; its state (Adam's moments) lives in {@link #state}. */
  private final GradientUpdater<?> updater;

  private final INDArray state;

  /** Clips the model's gradient buffer in place; null without clipping. */
  private final Dl4jLstmOps.BoundOp clip;

  /** Updates applied so far; Adam's bias correction uses {@code iteration + 1}. */
  private int iteration;

  Dl4jTrainer(Dl4jModel model, TrainerConfig config) {
    super(model, config);
    this.model = model;
    INDArray gradient = model.gradient().flat();
    IUpdater rule = updater(config.optimizer());
    long stateSize = rule.stateSize(gradient.length());
    state = stateSize == 0 ? null : Nd4j.zeros(model.dataType(), stateSize);
    updater = rule.instantiate(state, true);
    clip = config.clips() ? Dl4jLstmOps.clipByGlobalNorm(gradient, config.clipNorm()) : null;
  }

  /** The DL4J updater implementing exactly {@code optimizer}'s documented rule. */
  static IUpdater updater(Optimizer optimizer) {
    if (optimizer instanceof Optimizer.Adam adam) {
      return new Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
    }
    if (optimizer instanceof Optimizer.Sgd sgd) {
      return new Sgd(sgd.learningRate());
    }
    throw new IllegalArgumentException("unsupported optimizer " + optimizer);
  }

  @Override
  protected double doStep(double[][][] inputs, double[][][] targets, DropoutMasks masks) {
    Dl4jTrainingPass pass = model.trainingPass(inputs, targets, config().loss(), masks);
    double loss = pass.loss();
    pass.backpropagate();
    INDArray gradient = model.gradient().flat();
    if (clip != null) {
      clip.run();
    }
    updater.applyUpdater(gradient, iteration, 0); // the gradient becomes the update
    model.parameters().flat().subi(gradient);
    iteration++;
    return loss;
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    return model.trainingPass(inputs, targets, config().loss(), DropoutMasks.NONE).loss();
  }

  @Override
  protected void doClose() {
    if (clip != null) {
      clip.close();
    }
    if (state != null) {
      state.close();
    }
  }
}
