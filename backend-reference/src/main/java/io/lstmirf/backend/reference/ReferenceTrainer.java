package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.TrainerConfig;

/**
 * Trains a reference model's live weights in place: gradients by {@link Bptt}, clipped by their
 * global norm as {@link TrainerConfig} specifies ({@code g *= clipNorm / max(norm, clipNorm)}),
 * then one {@link ParameterUpdate}. A live {@code setForgetBias} writes into the same arrays, so
 * the next step trains from it.
 */
final class ReferenceTrainer extends AbstractLstmTrainer {
  private final Parameters weights;
  private final Parameters gradients;
  private final Bptt bptt;
  private final ParameterUpdate update;

  ReferenceTrainer(AbstractLstmModel model, TrainerConfig config, Parameters weights) {
    super(model, config);
    this.weights = weights;
    gradients = Parameters.zeros(weights.spec);
    bptt = new Bptt(weights);
    update = ParameterUpdate.of(config.optimizer(), weights.spec);
  }

  @Override
  protected double doStep(double[][][] inputs, double[][][] targets) {
    double loss = bptt.lossAndGradients(inputs, targets, config().loss(), gradients);
    if (config().clips()) {
      double clip = config().clipNorm();
      gradients.scale(clip / Math.max(gradients.globalNorm(), clip));
    }
    update.apply(weights, gradients);
    return loss;
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    return bptt.loss(inputs, targets, config().loss());
  }

  @Override
  protected void doClose() {
    // plain Java memory: nothing to release
  }
}
