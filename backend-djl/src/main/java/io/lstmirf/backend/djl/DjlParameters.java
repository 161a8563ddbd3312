package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A model's weights as engine arrays, one set per layer and direction, in the canonical layout,
 * which is PyTorch's ({@link PyTorchLayout}) but for the split biases: the canonical bias goes to
 * {@code b_ih}, and PyTorch's {@code b_hh} is made at each call from zeros (never trained, so that
 * each bias is learned once, as on every other engine) and, for a GRU, the trained {@code b_hn} in
 * its n block. Peepholes have no PyTorch parameter: {@link DjlCells} applies them. One set of
 * arrays serves forward passes, sessions, gradients and trainers, so a change made through one is
 * seen by all.
 */
final class DjlParameters {
  private final LstmSpec spec;
  private final DataType dataType;
  private final NDManager manager;
  private final List<List<Direction>> layers = new ArrayList<>();
  private final NDList lstmParameters = new NDList();
  private final NDArray headWeight;
  private final NDArray headBias;
  private final List<Trainable> trainable = new ArrayList<>();

  /**
   * A weight the optimiser updates, with the name its state is kept under.
   *
   * @param name unique within the model, e.g. {@code layers.0.backward.weightIh}
   * @param array the live engine array
   */
  record Trainable(String name, NDArray array) {}

  /**
   * One direction of one layer.
   *
   * @param cell its cell
   * @param weightIh {@code [G*H x in]}
   * @param weightHh {@code [G*H x H]}
   * @param bias {@code [G*H]}, PyTorch's {@code b_ih}
   * @param recurrentBias a GRU's {@code b_hn [H]}, else null
   * @param peephole an LSTM's {@code [p_i, p_f, p_o]} ({@code [3H]}), else null
   * @param zeros an LSTM's frozen {@code b_hh}, {@code [4H]} zeros; null for a GRU
   */
  record Direction(
      CellKind cell,
      NDArray weightIh,
      NDArray weightHh,
      NDArray bias,
      NDArray recurrentBias,
      NDArray peephole,
      NDArray zeros) {}

  /** Converts {@code weights} once and copies them into arrays owned by {@code manager}. */
  DjlParameters(NDManager manager, LstmWeights weights, DataType dataType) {
    this.spec = weights.spec();
    this.dataType = dataType;
    this.manager = manager;
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerWeights layer = weights.layer(l);
      List<Direction> directions = new ArrayList<>();
      for (int d = 0; d < layer.kind().directions(); d++) {
        LayerWeights w = layer.direction(d);
        Direction p =
            new Direction(
                w.cell(),
                matrix(w.weightIh()),
                matrix(w.weightHh()),
                vector(w.bias()),
                w.recurrentBias().map(this::vector).orElse(null),
                w.peephole().map(this::vector).orElse(null),
                w.cell() == CellKind.GRU ? null : vector(new double[w.bias().length]));
        directions.add(p);
        String name = "layers." + l + (d == 0 ? "." : ".backward.");
        trainable.add(new Trainable(name + "weightIh", p.weightIh()));
        trainable.add(new Trainable(name + "weightHh", p.weightHh()));
        trainable.add(new Trainable(name + "bias", p.bias()));
        if (p.recurrentBias() != null) {
          trainable.add(new Trainable(name + "recurrentBias", p.recurrentBias()));
        }
        if (p.peephole() != null) {
          trainable.add(new Trainable(name + "peephole", p.peephole()));
        }
      }
      layers.add(directions);
    }
    if (spec.isCanonical()) {
      // torch::lstm takes (w_ih, w_hh, b_ih, b_hh) for each layer in turn.
      for (List<Direction> layer : layers) {
        Direction p = layer.get(0);
        lstmParameters.addAll(new NDList(p.weightIh(), p.weightHh(), p.bias(), p.zeros()));
      }
    }
    HeadWeights head = weights.head().orElse(null);
    headWeight = head == null ? null : matrix(head.weight());
    headBias = head == null ? null : vector(head.bias());
    if (head != null) {
      trainable.add(new Trainable("head.weight", headWeight));
      trainable.add(new Trainable("head.bias", headBias));
    }
  }

  LstmSpec spec() {
    return spec;
  }

  DataType dataType() {
    return dataType;
  }

  /**
   * Every layer's parameters in the order PyTorch's multi-layer LSTM op takes them; only for a
   * model of canonical LSTMs ({@link LstmSpec#isCanonical()}).
   */
  NDList lstmParameters() {
    return lstmParameters;
  }

  /** Direction {@code d} (0 forward, 1 backward) of {@code layer}. */
  Direction direction(int layer, int d) {
    return layers.get(layer).get(d);
  }

  /** The kind of {@code layer}. */
  LayerKind kind(int layer) {
    return spec.layerKind(layer);
  }

  /**
   * One layer's parameters as PyTorch's fused {@code lstm} / {@code gru} ops take them: {@code
   * (w_ih, w_hh, b_ih, b_hh)} per direction, forward first. A GRU's {@code b_hh} is made in {@code
   * call} (so autograd reaches {@code b_hn} through it and it is freed with the call).
   */
  NDList fused(int layer, NDManager call) {
    NDList out = new NDList();
    for (Direction p : layers.get(layer)) {
      out.addAll(new NDList(p.weightIh(), p.weightHh(), p.bias(), biasHh(p, call)));
    }
    return out;
  }

  /** PyTorch's {@code b_hh} of a direction: zeros, or {@code [0, 0, b_hn]} for a GRU. */
  NDArray biasHh(Direction p, NDManager call) {
    if (p.cell() != CellKind.GRU) {
      return p.zeros();
    }
    long h = spec.hiddenSize();
    return call.zeros(new Shape(2 * h), dataType).concat(p.recurrentBias());
  }

  boolean hasHead() {
    return headWeight != null;
  }

  /** The head's {@code W [O x H or 2H]}; only when {@link #hasHead()}. */
  NDArray headWeight() {
    return headWeight;
  }

  /** The head's {@code b [O]}; only when {@link #hasHead()}. */
  NDArray headBias() {
    return headBias;
  }

  /** The weights training changes, in the canonical tensor order ({@code LayerWeights#tensors}). */
  List<Trainable> trainable() {
    return trainable;
  }

  /** The arrays of {@link #trainable()}, in the same order. */
  List<NDArray> trainableArrays() {
    return trainable.stream().map(Trainable::array).toList();
  }

  /**
   * Overwrites the memory gate's block (f, or a GRU's z) of one layer's biases in place: {@code
   * bias [directions * H]}, forward then backward.
   */
  void setMemoryGateBias(int layer, double[] bias) {
    int h = spec.hiddenSize();
    List<Direction> directions = layers.get(layer);
    for (int d = 0; d < directions.size(); d++) {
      Direction p = directions.get(d);
      int from = p.cell().memoryGateBlock() * h;
      double[] part = Arrays.copyOfRange(bias, d * h, (d + 1) * h);
      try (NDArray value = DjlArrays.create(manager, part, new Shape(h), dataType)) {
        p.bias().set(new NDIndex("{}:{}", from, from + h), value);
      }
    }
  }

  /** Reads the arrays back into the canonical layout, widening float32 exactly. */
  LstmWeights toCanonical() {
    List<LayerWeights> out = new ArrayList<>();
    for (List<Direction> layer : layers) {
      LayerWeights forward = read(layer.get(0));
      out.add(layer.size() == 1 ? forward : forward.bidirectional(read(layer.get(1))));
    }
    HeadWeights head =
        hasHead() ? new HeadWeights(readMatrix(headWeight), DjlArrays.read(headBias)) : null;
    return new LstmWeights(out, head);
  }

  /**
   * Arranges one value array per {@link #trainable()} weight, in that order, as canonical weights.
   * For gradients this is exact: the arrays are the canonical tensors, and the canonical bias's
   * gradient is {@code b_ih}'s (the cell adds the frozen zeros of {@code b_hh} to the same
   * pre-activation).
   */
  LstmWeights arrange(List<double[]> values) {
    Iterator<double[]> next = values.iterator();
    List<LayerWeights> out = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      out.add(
          LayerWeights.fromTensors(
              spec.layerKind(l), spec.layerInputSize(l), spec.hiddenSize(), n -> next.next()));
    }
    HeadWeights head = null;
    if (hasHead()) {
      head =
          new HeadWeights(
              Matrix.ofRowMajor(spec.responseSize(), spec.outputSize(), next.next()), next.next());
    }
    return new LstmWeights(out, head);
  }

  private LayerWeights read(Direction p) {
    Matrix wIh = readMatrix(p.weightIh());
    Matrix wHh = readMatrix(p.weightHh());
    if (p.cell() == CellKind.GRU) {
      return LayerWeights.gru(
          wIh, wHh, DjlArrays.read(p.bias()), DjlArrays.read(p.recurrentBias()));
    }
    LayerWeights lstm =
        PyTorchLayout.toCanonical(
            new PyTorchLayout.Layer(wIh, wHh, DjlArrays.read(p.bias()), DjlArrays.read(p.zeros())));
    return p.peephole() == null
        ? lstm
        : LayerWeights.lstm(
            lstm.weightIh(), lstm.weightHh(), lstm.bias(), DjlArrays.read(p.peephole()));
  }

  private NDArray matrix(Matrix m) {
    return DjlArrays.create(manager, m.toRowMajor(), new Shape(m.rows(), m.cols()), dataType);
  }

  private NDArray vector(double[] v) {
    return DjlArrays.create(manager, v, new Shape(v.length), dataType);
  }

  private static Matrix readMatrix(NDArray array) {
    Shape s = array.getShape();
    return Matrix.ofRowMajor((int) s.get(0), (int) s.get(1), DjlArrays.read(array));
  }
}
