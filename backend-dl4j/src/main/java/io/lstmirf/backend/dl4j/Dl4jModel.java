package io.lstmirf.backend.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import io.lstmirf.api.AbstractLstmModel;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.Feature;
import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.Gate;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Trace;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.train.DropoutMasks;
import io.lstmirf.api.train.GradientResult;
import io.lstmirf.api.train.LossTarget;
import io.lstmirf.api.train.LstmTrainer;
import io.lstmirf.api.train.TrainerConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A recurrent stack held by ND4J: LSTM layers (with or without peepholes) and GRU layers, forward
 * or bidirectional. The weights live once, in a flat {@link Dl4jParameters} vector laid out as
 * libnd4j's ops read them: inference, sessions, training passes and trainers all bind to views of
 * it, so a change (a trainer step, {@link #setMemoryGateBias}) is seen by every one of them at its
 * next call, with nothing to copy or refresh.
 *
 * <p>Inference runs libnd4j's fused {@code lstm} op per LSTM direction (the time loop in native
 * code) and the composed GRU step of {@link Dl4jGruOps} per GRU direction; gradients and training
 * run {@link Dl4jTrainingPass}es, the engine's cell and backprop ops bound once per batch shape.
 * The passes of the last few shapes are kept, with the gradient buffer they write.
 */
final class Dl4jModel extends AbstractLstmModel {
  /**
   * Batch shapes whose training passes are kept bound: an epoch uses at most two for training (full
   * batches and the remainder) and two for validation.
   */
  private static final int KEPT_PASSES = 4;

  private final DataType dataType;
  private final Dl4jParameters parameters;

  /** The gradient of the last pass, same layout; made on first use. */
  private Dl4jParameters gradient;

  private final Map<Dl4jTrainingPass.Shape, Dl4jTrainingPass> passes =
      new LinkedHashMap<>(8, 0.75f, true);

  Dl4jModel(LstmWeights weights, ModelOptions options) {
    super(Dl4jBackend.NAME, weights.spec(), options);
    if (options.device().isGpu()) {
      // ND4J's CUDA backend places arrays on the calling thread's device.
      Nd4j.getAffinityManager().unsafeSetDevice(options.device().index());
    }
    dataType = Dl4jArrays.dataType(options.precision());
    parameters = Dl4jParameters.of(weights, dataType);
  }

  /**
   * Measured (FootprintProbe: peak resident memory of one call, H = 64 and 256, B = 1 to 16, T =
   * 2000 and 20000): 12.3 native bytes per element in float32 and 24.6 in float64; 4.1 and 8.3 heap
   * bytes (one flat copy). A model with a GRU or bidirectional layer (FootprintStressTest's cases,
   * H = 64, 8 x 20000 steps, 2026-12-03): up to 21.7 native and 41.8 heap bytes in float32, 40.2
   * and 45.2 in float64; a GRU sequence's per-step Java views and copies are heap garbage. Declared
   * with a fifth more; a flat copy is one Java array, at most 2^31 - 9 values.
   */
  @Override
  public EngineFootprint footprint() {
    boolean f64 = dataType == DataType.DOUBLE;
    long maxTensorBytes = (Integer.MAX_VALUE - 8L) * (f64 ? Double.BYTES : Float.BYTES);
    if (hasGruOrBidirectionalLayer()) {
      return new EngineFootprint(f64 ? 48 : 26, f64 ? 54 : 50, maxTensorBytes);
    }
    return new EngineFootprint(f64 ? 30 : 15, f64 ? 10 : 5, maxTensorBytes);
  }

  /**
   * Traced calls keep every step's cell state and gates as well (FootprintStressTest, H = 64, 8 x
   * 20000 steps, LSTM and peephole layers): up to 44.5 native and 12.3 heap bytes per element in
   * float32, 88.4 and 24.4 in float64; with a GRU or bidirectional layer up to 50.3 and 79.5 in
   * float32, 100.6 and 91.7 in float64. Declared with a fifth more.
   */
  @Override
  public EngineFootprint footprint(Set<Trace> traces) {
    if (traces.isEmpty()) {
      return footprint();
    }
    boolean f64 = dataType == DataType.DOUBLE;
    if (hasGruOrBidirectionalLayer()) {
      return new EngineFootprint(f64 ? 121 : 60, f64 ? 110 : 95, footprint().maxTensorBytes());
    }
    return new EngineFootprint(f64 ? 106 : 54, f64 ? 30 : 15, footprint().maxTensorBytes());
  }

  private boolean hasGruOrBidirectionalLayer() {
    Set<Feature> features = spec().features();
    return features.contains(Feature.GRU) || features.contains(Feature.BIDIRECTIONAL);
  }

  DataType dataType() {
    return dataType;
  }

  /** The live weights in the op layout. */
  Dl4jParameters parameters() {
    return parameters;
  }

  /** The buffer training passes write gradients into. */
  Dl4jParameters gradient() {
    if (gradient == null) {
      gradient = parameters.zerosLike();
    }
    return gradient;
  }

  /**
   * The training pass for a batch of this shape, loaded with the batch: bound on first use, then
   * kept while it is among the {@value #KEPT_PASSES} most recently used shapes.
   */
  Dl4jTrainingPass trainingPass(
      double[][][] inputs, double[][][] targets, LossTarget loss, DropoutMasks masks) {
    Dl4jTrainingPass.Shape shape =
        new Dl4jTrainingPass.Shape(
            inputs.length,
            inputs[0].length,
            loss,
            masks.input().isPresent(),
            masks.recurrent().isPresent());
    Dl4jTrainingPass pass = passes.get(shape);
    if (pass == null) {
      pass = new Dl4jTrainingPass(spec(), shape, parameters, gradient());
      passes.put(shape, pass);
      if (passes.size() > KEPT_PASSES) {
        Iterator<Dl4jTrainingPass> eldest = passes.values().iterator();
        eldest.next().close();
        eldest.remove();
      }
    }
    pass.load(inputs, targets, masks);
    return pass;
  }

  /**
   * One {@code lstm} op per LSTM layer and direction, time-major: the time loop runs in native code
   * and yields every step's hidden and cell state (a GRU direction: {@link #gruSequence}). A
   * backward direction runs the same op on the time-reversed sequence (libnd4j's {@code reverse})
   * and its outputs are reversed back; the layer's output is both directions side by side, {@code
   * [T, B, D W]}. Forget gates, when asked for, come afterwards for all steps at once from each
   * direction's inputs and previous hidden states: {@code f = sigmoid(X Wx_f + H_prev Wr_f + b_f)}.
   */
  @Override
  protected ForwardResult doForward(
      double[][][] inputs, LstmState initialState, Set<Trace> traces) {
    LstmSpec spec = spec();
    int batch = inputs.length;
    int steps = inputs[0].length;
    int h = spec.hiddenSize();
    int width = parameters.width();
    int slots = spec.stateSlots();
    double[][][] h0 = initialState == null ? null : initialState.h();
    double[][][] c0 = initialState == null ? null : initialState.c();
    double[][][][] forget =
        traces.contains(Trace.FORGET_GATES) ? new double[spec.numLayers()][][][] : null;
    try (Dl4jArrayScope scope = new Dl4jArrayScope()) {
      INDArray x =
          scope.add(
              scope
                  .add(Dl4jArrays.create(inputs, dataType))
                  .permute(1, 0, 2)
                  .dup('c')); // [T, B, I]
      double[][][] memory = null;
      double[][][] hLast = new double[slots][][];
      double[][][] cLast = new double[slots][][];
      for (int l = 0; l < spec.numLayers(); l++) {
        int directions = spec.layerKind(l).directions();
        boolean gru = spec.layerKind(l).cell() == CellKind.GRU;
        INDArray[] outputs = new INDArray[directions];
        double[][][][] cs = new double[directions][][][];
        double[][][][] gates = new double[directions][][][];
        for (int d = 0; d < directions; d++) {
          int slot = spec.stateSlot(l, d);
          INDArray hInit =
              scope.add(
                  h0 == null
                      ? Nd4j.zeros(dataType, batch, width)
                      : Dl4jArrays.create(h0[slot], width, dataType));
          INDArray cInit =
              scope.add(
                  c0 == null
                      ? Nd4j.zeros(dataType, batch, width)
                      : Dl4jArrays.create(c0[slot], width, dataType));
          INDArray xd = d == 0 ? x : reversed(x, scope);
          INDArray hsd = scope.add(Nd4j.create(dataType, steps, batch, width));
          // a GRU's memory is h
          INDArray csd = gru ? hsd : scope.add(Nd4j.create(dataType, steps, batch, width));
          Dl4jParameters.Layer w = parameters.layer(l, d);
          if (gru) {
            INDArray zsd =
                forget == null ? null : scope.add(Nd4j.create(dataType, steps, batch, width));
            gruSequence(xd, w, hInit, hsd, zsd, scope);
            if (forget != null) {
              gates[d] = inTime(batchMajorUnits(zsd, scope), d);
            }
          } else {
            Dl4jLstmOps.sequence(xd, w, hInit, cInit, hsd, csd);
          }
          if (forget != null && !gru) {
            INDArray cPrev = w.peephole() == null ? null : previous(cInit, csd, scope);
            gates[d] =
                inTime(
                    Dl4jArrays.toArray3(
                        forgetGates(xd, previous(hInit, hsd, scope), cPrev, w, scope)),
                    d);
          }
          hLast[slot] = Dl4jArrays.toArray2(Dl4jArrays.units(hsd.slice(steps - 1), h));
          cLast[slot] =
              gru
                  ? new double[batch][h]
                  : Dl4jArrays.toArray2(Dl4jArrays.units(csd.slice(steps - 1), h));
          outputs[d] = d == 0 ? hsd : reversed(hsd, scope);
          if (l == spec.numLayers() - 1) {
            if (traces.contains(Trace.CELL_STATES)) {
              cs[d] = batchMajorUnits(d == 0 ? csd : reversed(csd, scope), scope);
            }
          }
        }
        if (forget != null) {
          forget[l] = sideBySide(gates);
        }
        x = directions == 1 ? outputs[0] : scope.add(Nd4j.concat(2, outputs));
        if (l == spec.numLayers() - 1) {
          memory = traces.contains(Trace.CELL_STATES) ? sideBySide(cs) : null;
        }
      }
      // the top layer's outputs batch-major [B, T, D W], once for the result and the head
      INDArray top = scope.add(x.permute(1, 0, 2).dup('c'));
      double[][][][] hidden = new double[spec.layerKind(spec.numLayers() - 1).directions()][][][];
      for (int d = 0; d < hidden.length; d++) {
        hidden[d] =
            Dl4jArrays.toArray3(
                hidden.length == 1
                    ? Dl4jArrays.units(top, h)
                    : top.get(all(), all(), interval((long) d * width, (long) d * width + h)));
      }
      return new ForwardResult(
          sideBySide(hidden),
          headOutputs(top, scope),
          new LstmState(hLast, cLast),
          Optional.ofNullable(memory),
          Optional.ofNullable(forget));
    }
  }

  /**
   * Runs a GRU direction over {@code x [T, B, in]} from {@code h0 [B, W]} into {@code hs [T, B, W]}
   * and, if not null, its update gates into {@code zs [T, B, W]}: {@link Dl4jGruOps}' step bound
   * once per state buffer, each step's input copied in and state copied out.
   */
  private void gruSequence(
      INDArray x,
      Dl4jParameters.Layer w,
      INDArray h0,
      INDArray hs,
      INDArray zs,
      Dl4jArrayScope scope) {
    long steps = x.size(0);
    long batch = x.size(1);
    int width = parameters.width();
    INDArray in = scope.add(Nd4j.create(dataType, batch, x.size(2)));
    INDArray[] h = {
      scope.add(h0.dup('f')), scope.add(Nd4j.create(dataType, new long[] {batch, width}, 'f'))
    };
    Dl4jGruOps.Step values = Dl4jGruOps.Step.create(dataType, batch, width);
    List<List<Dl4jLstmOps.BoundOp>> parity = new ArrayList<>(2);
    try {
      for (int p = 0; p < 2; p++) {
        parity.add(Dl4jGruOps.forward(in, false, w, h[p], h[p], h[1 - p], values));
      }
      for (int t = 0; t < steps; t++) {
        int p = t % 2;
        in.assign(x.slice(t));
        parity.get(p).forEach(Dl4jLstmOps.BoundOp::run);
        hs.slice(t).assign(h[1 - p]);
        if (zs != null) {
          zs.slice(t).assign(values.z());
        }
      }
    } finally {
      parity.forEach(ops -> ops.forEach(Dl4jLstmOps.BoundOp::close));
      values.close();
    }
  }

  /** {@code x [T, ...]} in reverse time order, by libnd4j's {@code reverse}. */
  private static INDArray reversed(INDArray x, Dl4jArrayScope scope) {
    INDArray y = scope.add(Nd4j.create(x.dataType(), x.shape()));
    try (Dl4jLstmOps.BoundOp op = Dl4jLstmOps.reverseTime(x, y)) {
      op.run();
    }
    return y;
  }

  /** The real units of time-major {@code [T, B, W]} as {@code [B][T][H]}. */
  private double[][][] batchMajorUnits(INDArray x, Dl4jArrayScope scope) {
    return Dl4jArrays.toArray3(
        Dl4jArrays.units(scope.add(x.permute(1, 0, 2).dup('c')), spec().hiddenSize()));
  }

  /** {@code [B][T][H]} of direction {@code d} in input time order: a backward one reversed. */
  private static double[][][] inTime(double[][][] x, int d) {
    if (d == 1) {
      for (double[][] row : x) {
        java.util.Collections.reverse(java.util.Arrays.asList(row));
      }
    }
    return x;
  }

  /** The directions' {@code [B][T][H]} side by side, {@code [B][T][D H]}. */
  private static double[][][] sideBySide(double[][][][] parts) {
    if (parts.length == 1) {
      return parts[0];
    }
    double[][][] out = new double[parts[0].length][parts[0][0].length][];
    for (int b = 0; b < out.length; b++) {
      for (int t = 0; t < out[b].length; t++) {
        int n = 0;
        for (double[][][] part : parts) {
          n += part[b][t].length;
        }
        out[b][t] = new double[n];
        int at = 0;
        for (double[][][] part : parts) {
          System.arraycopy(part[b][t], 0, out[b][t], at, part[b][t].length);
          at += part[b][t].length;
        }
      }
    }
    return out;
  }

  /** Every step's previous hidden state {@code [T, B, W]}: {@code h0}, then {@code hs[0..T-2]}. */
  private INDArray previous(INDArray h0, INDArray hs, Dl4jArrayScope scope) {
    long steps = hs.size(0);
    INDArray prev = scope.add(Nd4j.create(dataType, hs.shape()));
    prev.slice(0).assign(h0);
    if (steps > 1) {
      prev.get(interval(1, steps)).assign(hs.get(interval(0, steps - 1)));
    }
    return prev;
  }

  /**
   * Forget gates of one layer direction's real units for all steps, {@code [B, T, H]}, from its
   * time-major inputs {@code x [T, B, in]} and previous hidden states {@code hPrev [T, B, W]}, and
   * for a peephole layer its previous cell states {@code cPrev [T, B, W]} ({@code p_f c}).
   */
  private INDArray forgetGates(
      INDArray x,
      INDArray hPrev,
      INDArray cPrev,
      Dl4jParameters.Layer layer,
      Dl4jArrayScope scope) {
    long steps = x.size(0);
    long batch = x.size(1);
    int h = spec().hiddenSize();
    int width = parameters.width();
    int f = Gate.FORGET.ordinal() * width;
    // reshape may copy: every result goes to the scope, views are skipped when it closes
    INDArray xFlat = scope.add(x.reshape(steps * batch, x.size(2)));
    INDArray hFlat = scope.add(hPrev.reshape(steps * batch, hPrev.size(2)));
    INDArray z = scope.add(Nd4j.create(dataType, steps * batch, h));
    try (Dl4jLstmOps.BoundOp input =
        Dl4jLstmOps.dense(
            xFlat,
            layer.inputWeights().get(all(), interval(f, f + h)),
            layer.bias().get(interval(f, f + h)),
            z)) {
      input.run();
    }
    z.addi(scope.add(hFlat.mmul(layer.recurrentWeights().get(all(), interval(f, f + h)))));
    if (cPrev != null) {
      INDArray cFlat =
          scope.add(
              scope
                  .add(cPrev.reshape(steps * batch, cPrev.size(2)))
                  .get(all(), interval(0, h))
                  .dup());
      INDArray pf = layer.peephole().get(interval(width, width + h)).reshape(1, h);
      z.addi(cFlat.muliRowVector(pf));
    }
    Transforms.sigmoid(z, false);
    return scope.add(scope.add(z.reshape(steps, batch, h)).permute(1, 0, 2).dup('c'));
  }

  /** The head applied to every step of {@code hidden [B, T, W]}, if the model has a head. */
  private Optional<double[][][]> headOutputs(INDArray hidden, Dl4jArrayScope scope) {
    if (!spec().hasHead()) {
      return Optional.empty();
    }
    Dl4jParameters w = parameters;
    long batch = hidden.size(0);
    long steps = hidden.size(1);
    INDArray y = scope.add(Nd4j.create(dataType, batch * steps, spec().headSize().getAsInt()));
    try (Dl4jLstmOps.BoundOp head =
        Dl4jLstmOps.dense(
            scope.add(hidden.reshape(batch * steps, hidden.size(2))),
            w.headWeight(),
            w.headBias(),
            y)) {
      head.run();
    }
    return Optional.of(Dl4jArrays.toArray3(scope.add(y.reshape(batch, steps, y.size(1)))));
  }

  @Override
  protected LstmSession doOpenSession(int batchSize) {
    return new Dl4jSession(this, batchSize);
  }

  @Override
  protected void doSetMemoryGateBias(int layer, double[] bias) {
    parameters.setMemoryGateBias(layer, bias);
  }

  @Override
  protected LstmWeights doWeights() {
    return parameters.read();
  }

  @Override
  protected GradientResult doGradients(double[][][] inputs, double[][][] targets, LossTarget loss) {
    Dl4jTrainingPass pass = trainingPass(inputs, targets, loss, DropoutMasks.NONE);
    double value = pass.loss();
    pass.backpropagate();
    return new GradientResult(value, gradient.read());
  }

  @Override
  protected LstmTrainer doOpenTrainer(TrainerConfig config) {
    return new Dl4jTrainer(this, config);
  }

  @Override
  protected void doClose() {
    passes.values().forEach(Dl4jTrainingPass::close);
    passes.clear();
    if (gradient != null) {
      gradient.close();
    }
    parameters.close();
  }
}
