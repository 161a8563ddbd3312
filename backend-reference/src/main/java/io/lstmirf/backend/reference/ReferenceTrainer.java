package io.lstmirf.backend.reference;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.TrainerConfig;

/**
 * Trains a reference model's live weights in place: gradients by {@link ReferenceBptt}, clipped by
 * their global norm as {@link TrainerConfig} specifies ({@code g *= clipNorm / max(norm,
 * clipNorm)}), then one {@link ReferenceUpdate}. Dropout masks, when given, are applied in the
 * forward pass and its backpropagation. A live {@code setMemoryGateBias} writes into the same
 * arrays, so the next step trains from it.
 */
final class ReferenceTrainer extends AbstractLstmTrainer {
  private final ReferenceParameters weights;
  private final ReferenceParameters gradients;
  private final ReferenceBptt bptt;
  private final ReferenceUpdate update;

  ReferenceTrainer(AbstractLstmModel model, TrainerConfig config, ReferenceParameters weights) {
    super(model, config);
    this.weights = weights;
    gradients = ReferenceParameters.zeros(weights.spec);
    bptt = new ReferenceBptt(weights);
    update = ReferenceUpdate.of(config.optimizer(), weights.spec);
  }

  @Override
  protected double doStep(double[][][] inputs, double[][][] targets, DropoutMasks masks) {
    double loss = bptt.lossAndGradients(inputs, targets, config().loss(), masks, gradients);
    if (config().clips()) {
      double clip = config().clipNorm();
      gradients.scale(clip / Math.max(gradients.globalNorm(), clip));
    }
    update.apply(weights, gradients);
    return loss;
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    return bptt.loss(inputs, targets, config().loss(), DropoutMasks.NONE);
  }

  @Override
  protected void doClose() {
    // plain Java memory: nothing to release
  }
}
