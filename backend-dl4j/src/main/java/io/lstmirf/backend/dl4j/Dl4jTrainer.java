package io.lstmirf.backend.dl4j;

import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trains a {@link Dl4jModel} in place with DL4J's own machinery: a network over the model's
 * parameter vector computes the gradient (DL4J's LSTM backpropagation through time), and that
 * network's updater (DL4J's {@code Adam} or {@code Sgd}) turns it into the step, applied as DL4J's
 * {@code StochasticGradientDescent} does ({@code params -= update}). Two things happen between
 * gradient and updater that DL4J has no setting for: the gradient is scaled from DL4J's summed MSE
 * to the canonical mean, and clipped by its global norm ({@code g *= c / max(|g|, c)}; DL4J's
 * own clipping is per layer or per parameter type).
 */
final class Dl4jTrainer extends AbstractLstmTrainer {
  private final Dl4jModel model;
  private final MultiLayerNetwork network;
  /** The network's updater, holding the optimiser state (Adam's moments) across steps. */
  private final Updater updater;
  /** Updates applied so far; Adam's bias correction uses {@code iteration + 1}. */
  private int iteration;

  Dl4jTrainer(Dl4jModel model, TrainerConfig config) {
    super(model, config);
    this.model = model;
    network = model.trainingNetwork(updater(config.optimizer()));
    updater = network.getUpdater(true);
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
  protected double doStep(double[][][] inputs, double[][][] targets) {
    try (TrainingBatch batch = TrainingBatch.of(inputs, targets, config().loss(),
        model.dataType())) {
      double loss = Dl4jNetwork.computeGradient(network, batch);
      INDArray gradient = network.getFlattenedGradients();
      if (config().clips()) {
        double norm = gradient.norm2Number().doubleValue();
        if (norm > config().clipNorm()) {
          gradient.muli(config().clipNorm() / norm);
        }
      }
      updater.update(network, network.gradient(), iteration, 0, inputs.length,
          LayerWorkspaceMgr.noWorkspaces());
      INDArray params = network.params();
      params.subi(gradient.reshape(params.shape())); // DL4J keeps them as [N] and [1, N]
      iteration++;
      model.parametersChanged();
      return loss;
    } finally {
      Dl4jNetwork.clearBatch(network);
    }
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    try (TrainingBatch batch = TrainingBatch.of(inputs, targets, config().loss(),
        model.dataType())) {
      return Dl4jNetwork.loss(network, batch);
    }
  }

  @Override
  protected void doClose() {
    Dl4jNetwork.releaseTrainingMemory(network);
  }
}
