package io.lstmirf.backend.tfjava;

import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * The optimiser subgraphs of one model, built from TensorFlow's own training ops ({@code
 * ResourceApplyAdam}, {@code ResourceApplyGradientDescent}) on the gradients of {@link
 * TfJavaGraph#loss}. A graph cannot shrink, so subgraphs are kept and reused: one per optimiser
 * kind, loss target and clipping switch, with hyper-parameters fed per step and the optimiser's
 * slots reset whenever a trainer takes the subgraph.
 */
final class TfJavaTrainingGraphs {
  private final TfJavaGraph model;
  private final List<TrainingOps> built = new ArrayList<>();
  private final Set<TrainingOps> taken = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * One optimiser's ops.
   *
   * @param loss the loss and gradients it descends
   * @param learningRate scalar feed
   * @param beta1 scalar feed (Adam only; else null)
   * @param beta2 scalar feed (Adam only; else null)
   * @param epsilon scalar feed (Adam only; else null)
   * @param clipNorm scalar feed (only when clipping; else null)
   * @param train one update of every parameter, slot and step count
   * @param reset zeroes the slots and restarts the step count (fed {@code beta1}, {@code beta2})
   */
  record TrainingOps(
      Key key,
      TfJavaGraph.Loss loss,
      Placeholder<TFloat32> learningRate,
      Placeholder<TFloat32> beta1,
      Placeholder<TFloat32> beta2,
      Placeholder<TFloat32> epsilon,
      Placeholder<TFloat32> clipNorm,
      Op train,
      Op reset) {}

  /** What a subgraph's structure depends on; the hyper-parameters' values are fed. */
  record Key(boolean adam, LossTarget loss, boolean clips) {
    static Key of(TrainerConfig config) {
      return new Key(config.optimizer() instanceof Optimizer.Adam, config.loss(), config.clips());
    }
  }

  TfJavaTrainingGraphs(TfJavaGraph model) {
    this.model = model;
  }

  /** A free subgraph for this configuration, built if there is none. */
  TrainingOps acquire(TrainerConfig config) {
    Key key = Key.of(config);
    for (TrainingOps ops : built) {
      if (ops.key().equals(key) && taken.add(ops)) {
        return ops;
      }
    }
    TrainingOps ops = build(key, built.size());
    built.add(ops);
    taken.add(ops);
    return ops;
  }

  /** Returns a subgraph for reuse by a later trainer. */
  void release(TrainingOps ops) {
    taken.remove(ops);
  }

  private TrainingOps build(Key key, int index) {
    TfJavaGraph.Loss loss = model.loss(key.loss());
    Ops s = model.ops().withSubScope("train" + index);
    Placeholder<TFloat32> lr = scalar(s, "learning_rate");
    Placeholder<TFloat32> clip = key.clips() ? scalar(s, "clip_norm") : null;
    List<Operand<TFloat32>> gradients = new ArrayList<>(loss.gradients());
    if (clip != null) {
      gradients = clipByGlobalNorm(s.withSubScope("clip"), gradients, clip);
    }
    List<TfJavaGraph.Variable> params = model.parameters();
    List<Op> updates = new ArrayList<>();
    List<Op> resets = new ArrayList<>();
    Placeholder<TFloat32> beta1 = null;
    Placeholder<TFloat32> beta2 = null;
    Placeholder<TFloat32> epsilon = null;
    if (key.adam()) {
      beta1 = scalar(s, "beta1");
      beta2 = scalar(s, "beta2");
      epsilon = scalar(s, "epsilon");
      // beta1^t and beta2^t, as TensorFlow's Adam keeps them: start at beta, times beta per step.
      VarHandleOp beta1Power = variable(s, index, "beta1_power", Shape.scalar());
      VarHandleOp beta2Power = variable(s, index, "beta2_power", Shape.scalar());
      Operand<TFloat32> b1p = s.readVariableOp(beta1Power, TFloat32.class);
      Operand<TFloat32> b2p = s.readVariableOp(beta2Power, TFloat32.class);
      for (int k = 0; k < params.size(); k++) {
        TfJavaGraph.Variable p = params.get(k);
        VarHandleOp m = variable(s, index, p.name() + "/m", p.shape());
        VarHandleOp v = variable(s, index, p.name() + "/v", p.shape());
        updates.add(
            s.train.resourceApplyAdam(
                p.handle(), m, v, b1p, b2p, lr, beta1, beta2, epsilon, gradients.get(k)));
        Operand<TFloat32> zeros = s.zeros(s.constant(p.shape()), TFloat32.class);
        resets.add(s.assignVariableOp(m, zeros));
        resets.add(s.assignVariableOp(v, zeros));
      }
      Ops after = s.withControlDependencies(updates);
      List<Op> powers =
          List.of(
              after.assignVariableOp(
                  beta1Power,
                  after.math.mul(after.readVariableOp(beta1Power, TFloat32.class), beta1)),
              after.assignVariableOp(
                  beta2Power,
                  after.math.mul(after.readVariableOp(beta2Power, TFloat32.class), beta2)));
      updates = new ArrayList<>(updates);
      updates.addAll(powers);
      resets.add(s.assignVariableOp(beta1Power, beta1));
      resets.add(s.assignVariableOp(beta2Power, beta2));
    } else {
      for (int k = 0; k < params.size(); k++) {
        updates.add(
            s.train.resourceApplyGradientDescent(params.get(k).handle(), lr, gradients.get(k)));
      }
    }
    Op train = s.withName("step").withControlDependencies(updates).noOp();
    Op reset = s.withName("reset").withControlDependencies(resets).noOp();
    return new TrainingOps(key, loss, lr, beta1, beta2, epsilon, clip, train, reset);
  }

  /**
   * {@code g *= c / max(norm, c)} with {@code norm} the global L2 norm over every gradient ({@link
   * TrainerConfig}).
   */
  private static List<Operand<TFloat32>> clipByGlobalNorm(
      Ops s, List<Operand<TFloat32>> gradients, Operand<TFloat32> clipNorm) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      squares.add(s.sum(s.math.square(s.reshape(g, s.constant(new long[] {-1}))), s.constant(0)));
    }
    Operand<TFloat32> norm = s.math.sqrt(s.math.addN(squares));
    Operand<TFloat32> scale = s.math.div(clipNorm, s.math.maximum(norm, clipNorm));
    List<Operand<TFloat32>> clipped = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      clipped.add(s.math.mul(g, scale));
    }
    return clipped;
  }

  private static Placeholder<TFloat32> scalar(Ops s, String name) {
    return s.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }

  /** A slot variable; its shared name must be unique in the session, so it names the subgraph. */
  private static VarHandleOp variable(Ops s, int index, String name, Shape shape) {
    return s.withName(name.replace('/', '_'))
        .varHandleOp(TFloat32.class, shape, VarHandleOp.sharedName("train" + index + "/" + name));
  }
}
