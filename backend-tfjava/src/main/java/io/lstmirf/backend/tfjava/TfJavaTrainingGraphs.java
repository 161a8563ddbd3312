package io.lstmirf.backend.tfjava;

import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.Optimizer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * TfJavaGraph#loss}. A graph cannot shrink, so subgraphs are kept and reused: one set of optimiser
 * slots per optimiser kind, loss target and clipping switch, with hyper-parameters fed per step and
 * the slots reset whenever a trainer takes them; within it one update per {@link
 * TfJavaGraph.Variant} (dropout masks fed or not, the unrolled length of composed cells), all
 * updating the same slots, so that a trainer's Adam moments carry over whatever its batches'
 * length.
 */
final class TfJavaTrainingGraphs {
  private final TfJavaGraph model;
  private final List<TrainingOps> built = new ArrayList<>();
  private final Set<TrainingOps> taken = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * One optimiser's slots and hyper-parameter feeds, and its updates, built per variant on first
   * use.
   */
  final class TrainingOps {
    private final Key key;
    private final int index;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1;
    private final Placeholder<TFloat32> beta2;
    private final Placeholder<TFloat32> epsilon;
    private final Placeholder<TFloat32> clipNorm;
    private final List<VarHandleOp[]> moments = new ArrayList<>();
    private final VarHandleOp[] powers;
    private final Op reset;
    private final Map<TfJavaGraph.Variant, Update> updates = new HashMap<>();

    private TrainingOps(Key key, int index) {
      this.key = key;
      this.index = index;
      Ops s = model.ops().withSubScope("train" + index);
      this.learningRate = scalar(s, "learning_rate");
      this.clipNorm = key.clips() ? scalar(s, "clip_norm") : null;
      List<Op> resets = new ArrayList<>();
      if (key.adam()) {
        beta1 = scalar(s, "beta1");
        beta2 = scalar(s, "beta2");
        epsilon = scalar(s, "epsilon");
        // beta1^t and beta2^t, as TensorFlow's Adam keeps them: start at beta, times beta per step.
        powers =
            new VarHandleOp[] {
              variable(s, index, "beta1_power", Shape.scalar()),
              variable(s, index, "beta2_power", Shape.scalar())
            };
        for (TfJavaGraph.Variable p : model.parameters()) {
          VarHandleOp m = variable(s, index, p.name() + "/m", p.shape());
          VarHandleOp v = variable(s, index, p.name() + "/v", p.shape());
          moments.add(new VarHandleOp[] {m, v});
          Operand<TFloat32> zeros = s.zeros(s.constant(p.shape()), TFloat32.class);
          resets.add(s.assignVariableOp(m, zeros));
          resets.add(s.assignVariableOp(v, zeros));
        }
        resets.add(s.assignVariableOp(powers[0], beta1));
        resets.add(s.assignVariableOp(powers[1], beta2));
      } else {
        beta1 = null;
        beta2 = null;
        epsilon = null;
        powers = null;
      }
      this.reset = s.withName("reset").withControlDependencies(resets).noOp();
    }

    Key key() {
      return key;
    }

    /** Scalar feed of the learning rate. */
    Placeholder<TFloat32> learningRate() {
      return learningRate;
    }

    /** Scalar feed (Adam only; else null). */
    Placeholder<TFloat32> beta1() {
      return beta1;
    }

    /** Scalar feed (Adam only; else null). */
    Placeholder<TFloat32> beta2() {
      return beta2;
    }

    /** Scalar feed (Adam only; else null). */
    Placeholder<TFloat32> epsilon() {
      return epsilon;
    }

    /** Scalar feed (only when clipping; else null). */
    Placeholder<TFloat32> clipNorm() {
      return clipNorm;
    }

    /** Zeroes the slots and restarts the step count (fed {@code beta1}, {@code beta2}). */
    Op reset() {
      return reset;
    }

    /** The update for this variant, built on first use. */
    synchronized Update update(TfJavaGraph.Variant variant) {
      return updates.computeIfAbsent(variant, v -> build(this, v, updates.size()));
    }
  }

  /**
   * One update of every parameter, slot and step count.
   *
   * @param loss the loss and gradients it descends (and the sequence it reads)
   * @param train the update, run as a target
   */
  record Update(TfJavaGraph.Loss loss, Op train) {}

  /** What the slots' structure depends on; the hyper-parameters' values are fed. */
  record Key(boolean adam, LossTarget loss, boolean clips) {
    static Key of(TrainerConfig config) {
      return new Key(config.optimizer() instanceof Optimizer.Adam, config.loss(), config.clips());
    }
  }

  TfJavaTrainingGraphs(TfJavaGraph model) {
    this.model = model;
  }

  /** A free subgraph for this configuration, built if there is none. */
  synchronized TrainingOps acquire(TrainerConfig config) {
    Key key = Key.of(config);
    for (TrainingOps ops : built) {
      if (ops.key().equals(key) && taken.add(ops)) {
        return ops;
      }
    }
    TrainingOps ops = new TrainingOps(key, built.size());
    built.add(ops);
    taken.add(ops);
    return ops;
  }

  /** Returns a subgraph for reuse by a later trainer. */
  synchronized void release(TrainingOps ops) {
    taken.remove(ops);
  }

  private Update build(TrainingOps ops, TfJavaGraph.Variant variant, int number) {
    TfJavaGraph.Loss loss = model.loss(ops.key().loss(), variant);
    Ops s = model.ops().withSubScope("train" + ops.index + "_update" + number);
    List<Operand<TFloat32>> gradients = new ArrayList<>(loss.gradients());
    if (ops.clipNorm != null) {
      gradients = clipByGlobalNorm(s.withSubScope("clip"), gradients, ops.clipNorm);
    }
    List<TfJavaGraph.Variable> params = model.parameters();
    List<Op> updates = new ArrayList<>();
    if (ops.key().adam()) {
      Operand<TFloat32> b1p = s.readVariableOp(ops.powers[0], TFloat32.class);
      Operand<TFloat32> b2p = s.readVariableOp(ops.powers[1], TFloat32.class);
      for (int k = 0; k < params.size(); k++) {
        VarHandleOp[] mv = ops.moments.get(k);
        updates.add(
            s.train.resourceApplyAdam(
                params.get(k).handle(),
                mv[0],
                mv[1],
                b1p,
                b2p,
                ops.learningRate,
                ops.beta1,
                ops.beta2,
                ops.epsilon,
                gradients.get(k)));
      }
      Ops after = s.withControlDependencies(updates);
      List<Op> powers =
          List.of(
              after.assignVariableOp(
                  ops.powers[0],
                  after.math.mul(after.readVariableOp(ops.powers[0], TFloat32.class), ops.beta1)),
              after.assignVariableOp(
                  ops.powers[1],
                  after.math.mul(after.readVariableOp(ops.powers[1], TFloat32.class), ops.beta2)));
      updates = new ArrayList<>(updates);
      updates.addAll(powers);
    } else {
      for (int k = 0; k < params.size(); k++) {
        updates.add(
            s.train.resourceApplyGradientDescent(
                params.get(k).handle(), ops.learningRate, gradients.get(k)));
      }
    }
    return new Update(loss, s.withName("step").withControlDependencies(updates).noOp());
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
