package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.tracker.Tracker;
import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.List;

/**
 * Trains a {@link DjlModel} in place: PyTorch's autograd for the gradient, global-norm clipping in
 * the engine, and DJL's own {@code Adam} or {@code Sgd} for the update. The optimiser updates the
 * model's live parameter arrays, so sessions, {@code weights()} and {@code setForgetBias} all act
 * on the trained values, and the frozen {@code b_hh} is never touched.
 */
final class DjlTrainer extends AbstractLstmTrainer {
  private final DjlModel model;
  private final List<DjlParameters.Trainable> trainable;
  private final ai.djl.training.optimizer.Optimizer optimizer;
  private final double gradientScale;

  DjlTrainer(DjlModel model, TrainerConfig config) {
    super(model, config);
    this.model = model;
    this.trainable = model.parameters().trainable();
    this.optimizer = djlOptimizer(config.optimizer());
    this.gradientScale = learningRateCorrection(config.optimizer(), model.dataType());
  }

  @Override
  protected double doStep(double[][][] inputs, double[][][] targets, DropoutMasks masks) {
    DjlParameters parameters = model.parameters();
    try (DjlGradientTape tape =
            DjlGradientTape.record(model.engine(), parameters.trainableArrays());
        NDManager call = model.manager().newSubManager()) {
      NDArray loss =
          model
              .lstm()
              .meanSquaredError(
                  DjlArrays.create(call, inputs, model.dataType()),
                  DjlArrays.create(call, targets, model.dataType()),
                  config().loss(),
                  true,
                  masks);
      double value = DjlArrays.scalar(loss);
      NDList gradients = tape.backward(loss, call);
      double scale = clipScale(gradients) * gradientScale;
      if (scale != 1.0) {
        for (NDArray g : gradients) {
          g.muli(scale);
        }
      }
      for (int k = 0; k < trainable.size(); k++) {
        DjlParameters.Trainable t = trainable.get(k);
        optimizer.update(t.name(), t.array(), gradients.get(k));
      }
      return value;
    }
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    try (NDManager call = model.manager().newSubManager()) {
      return DjlArrays.scalar(
          model
              .lstm()
              .meanSquaredError(
                  DjlArrays.create(call, inputs, model.dataType()),
                  DjlArrays.create(call, targets, model.dataType()),
                  config().loss(),
                  false,
                  DropoutMasks.NONE));
    }
  }

  @Override
  protected void doClose() {
    if (optimizer instanceof DjlAdam adam) {
      adam.close();
    }
  }

  /** The optimiser's state arrays (Adam's moments), for tests of their release. */
  List<NDArray> optimizerState() {
    return optimizer instanceof DjlAdam adam ? adam.state() : List.of();
  }

  /** {@code c / max(norm, c)} for the global norm over every gradient, or 1 without clipping. */
  private double clipScale(NDList gradients) {
    if (!config().clips()) {
      return 1.0;
    }
    double squares = 0;
    for (NDArray g : gradients) {
      squares += DjlArrays.scalar(g.square().sum());
    }
    double c = config().clipNorm();
    return c / Math.max(Math.sqrt(squares), c);
  }

  private static ai.djl.training.optimizer.Optimizer djlOptimizer(Optimizer optimizer) {
    if (optimizer instanceof Optimizer.Adam adam) {
      // DJL's Adam is the "epsilon hat" form of Optimizer.Adam: the bias corrections fold into
      // the step size, and epsilon is added to sqrt(v) uncorrected.
      return new DjlAdam(
          ai.djl.training.optimizer.Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed((float) adam.learningRate()))
              .optBeta1((float) adam.beta1())
              .optBeta2((float) adam.beta2())
              .optEpsilon((float) adam.epsilon()));
    }
    if (optimizer instanceof Optimizer.Sgd sgd) {
      // Without momentum DJL's SGD keeps no state.
      return ai.djl.training.optimizer.Optimizer.sgd()
          .setLearningRateTracker(Tracker.fixed((float) sgd.learningRate()))
          .build();
    }
    throw new IllegalArgumentException("unknown optimizer " + optimizer);
  }

  /**
   * DJL passes learning rates to the engine as floats. For SGD in float64, scaling the gradient by
   * {@code lr / float(lr)} makes the update exactly {@code w -= lr g}; float32 weights cannot tell
   * the difference, and Adam's step does not scale with the gradient, so both keep 1.
   */
  private static double learningRateCorrection(Optimizer optimizer, DataType dataType) {
    if (optimizer instanceof Optimizer.Sgd sgd && dataType == DataType.FLOAT64) {
      return sgd.learningRate() / (float) sgd.learningRate();
    }
    return 1.0;
  }
}
