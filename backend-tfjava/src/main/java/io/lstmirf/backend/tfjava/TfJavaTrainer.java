package io.lstmirf.backend.tfjava;

import io.lstmirf.api.AbstractLstmTrainer;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Trains the model's own variables in place with TensorFlow's optimiser ops. One step is one {@code
 * Session.run}: forward, gradients, optional clipping and the update, returning the loss of the
 * weights before the update. The hyper-parameter tensors are made once per trainer; a step with
 * dropout feeds its masks, one {@code [B, width]} tensor per state slot and kind, closed after the
 * run.
 */
final class TfJavaTrainer extends AbstractLstmTrainer {
  private final TfJavaModel model;
  private final TfJavaGraph graph;
  private final TfJavaTrainingGraphs.TrainingOps ops;
  private final Runnable release;
  private final List<Placeholder<TFloat32>> feeds = new ArrayList<>();
  private final List<TFloat32> values = new ArrayList<>();

  TfJavaTrainer(
      TfJavaModel model, TfJavaGraph graph, TfJavaTrainingGraphs training, TrainerConfig config) {
    super(model, config);
    this.model = model;
    this.graph = graph;
    this.ops = training.acquire(config);
    this.release = () -> training.release(ops);
    try {
      hyperParameter(ops.learningRate(), config.optimizer().learningRate());
      if (config.optimizer() instanceof Optimizer.Adam adam) {
        hyperParameter(ops.beta1(), adam.beta1());
        hyperParameter(ops.beta2(), adam.beta2());
        hyperParameter(ops.epsilon(), adam.epsilon());
      }
      if (config.clips()) {
        hyperParameter(ops.clipNorm(), config.clipNorm());
      }
      Session.Runner reset = graph.session().runner().addTarget(ops.reset());
      feedHyperParameters(reset);
      reset.run().close();
    } catch (RuntimeException | Error e) {
      doClose();
      throw e;
    }
  }

  @Override
  protected double doStep(double[][][] inputs, double[][][] targets, DropoutMasks masks) {
    TfJavaTrainingGraphs.Update update =
        ops.update(
            graph.variant(
                inputs[0].length, masks.input().isPresent(), masks.recurrent().isPresent()));
    TfJavaGraph.Sequence seq = update.loss().sequence();
    List<TFloat32> maskTensors = new ArrayList<>();
    try (TFloat32 x = TfJavaArrays.timeMajor(inputs);
        TFloat32 y = TfJavaArrays.timeMajor(targets)) {
      Session.Runner runner =
          graph
              .session()
              .runner()
              .feed(seq.inputs(), x)
              .feed(update.loss().targets(), y)
              .fetch(update.loss().loss())
              .addTarget(update.train());
      feedMasks(runner, seq.masks().input(), masks.input(), maskTensors);
      feedMasks(runner, seq.masks().recurrent(), masks.recurrent(), maskTensors);
      feedHyperParameters(runner);
      try (Result r = runner.run()) {
        return TfJavaArrays.scalarValue(r.get(0));
      }
    } finally {
      maskTensors.forEach(TFloat32::close);
    }
  }

  /**
   * Feeds each state slot's mask {@code [B, width]}, keeping the tensors to close after the run.
   */
  private static void feedMasks(
      Session.Runner runner,
      List<Placeholder<TFloat32>> feeds,
      Optional<double[][][]> masks,
      List<TFloat32> tensors) {
    masks.ifPresent(
        perSlot -> {
          for (int slot = 0; slot < perSlot.length; slot++) {
            TFloat32 mask = TfJavaArrays.matrix(perSlot[slot]);
            tensors.add(mask);
            runner.feed(feeds.get(slot), mask);
          }
        });
  }

  @Override
  protected double doLoss(double[][][] inputs, double[][][] targets) {
    return model.loss(inputs, targets, config().loss());
  }

  @Override
  protected void doClose() {
    try {
      values.forEach(TFloat32::close);
      values.clear();
    } finally {
      release.run();
    }
  }

  private void hyperParameter(Placeholder<TFloat32> feed, double value) {
    feeds.add(feed);
    values.add(TfJavaArrays.scalar(value));
  }

  private void feedHyperParameters(Session.Runner runner) {
    for (int k = 0; k < feeds.size(); k++) {
      runner.feed(feeds.get(k), values.get(k));
    }
  }
}
