package io.lstmirf.backend.tfjava;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.layout.GateOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The model's parameters as the graph holds them, in a fixed order: per layer and direction
 * (forward first) the {@code BlockLSTMV2} kernel {@code [in + H, 4H]} and bias {@code [4H]}
 * (canonical gate order, {@link TensorFlowBlockLayout}) and, for a peephole LSTM, the peepholes
 * {@code [3H]} (canonical order p_i, p_f, p_o, sliced into the op's {@code wci}, {@code wcf},
 * {@code wco}); for a GRU the kernel {@code [W_ih^T ; W_hh^T]} of shape {@code [in + H, 3H]}
 * (canonical order r, z, n), the bias {@code [3H]} and the recurrent bias {@code b_hn [H]}; then
 * the head's kernel {@code [D*H, O]} ({@code W_out} transposed, so that {@code y = h K + b}) and
 * bias {@code [O]}. Converts whole weight sets, and gradients (which have the same shapes), between
 * this list and the canonical layout.
 */
final class TfJavaParameters {
  private final LstmSpec spec;
  private final List<Integer> firstOfDirection = new ArrayList<>();
  private final int headIndex;

  TfJavaParameters(LstmSpec spec) {
    this.spec = spec;
    int at = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      for (int d = 0; d < kind.directions(); d++) {
        firstOfDirection.add(at);
        at += kind.peepholes() || kind.cell() == CellKind.GRU ? 3 : 2;
      }
    }
    this.headIndex = at;
  }

  /** The number of parameters. */
  int size() {
    return headIndex + (spec.hasHead() ? 2 : 0);
  }

  /**
   * Index of the kernel of layer {@code l}, direction {@code d}; the bias and the peepholes (or a
   * GRU's recurrent bias) follow.
   */
  int kernelIndex(int layer, int direction) {
    return firstOfDirection.get(spec.stateSlot(layer, direction));
  }

  /** Index of the bias of layer {@code l}, direction {@code d}. */
  int biasIndex(int layer, int direction) {
    return kernelIndex(layer, direction) + 1;
  }

  /** Index of the head's kernel; its bias follows. */
  int headIndex() {
    return headIndex;
  }

  /** Parameter names, used for the graph's variables. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      for (int d = 0; d < kind.directions(); d++) {
        String prefix = "layer" + l + (d == 0 ? "/" : "/backward_");
        names.add(prefix + "kernel");
        names.add(prefix + "bias");
        if (kind.peepholes()) {
          names.add(prefix + "peephole");
        }
        if (kind.cell() == CellKind.GRU) {
          names.add(prefix + "recurrent_bias");
        }
      }
    }
    if (spec.hasHead()) {
      names.add("head/kernel");
      names.add("head/bias");
    }
    return names;
  }

  /** Parameter shapes, in order. */
  List<Shape> shapes() {
    int h = spec.hiddenSize();
    List<Shape> shapes = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      for (int d = 0; d < kind.directions(); d++) {
        long gates = (long) kind.cell().gates() * h;
        shapes.add(Shape.of(spec.layerInputSize(l) + h, gates));
        shapes.add(Shape.of(gates));
        if (kind.peepholes()) {
          shapes.add(Shape.of(3L * h));
        }
        if (kind.cell() == CellKind.GRU) {
          shapes.add(Shape.of(h));
        }
      }
    }
    spec.headSize()
        .ifPresent(
            o -> {
              shapes.add(Shape.of(spec.outputSize(), o));
              shapes.add(Shape.of(o));
            });
    return shapes;
  }

  /** Canonical weights as row-major parameter values, in order. */
  List<double[]> fromCanonical(LstmWeights weights) {
    List<double[]> values = new ArrayList<>(size());
    for (LayerWeights layer : weights.layers()) {
      for (int d = 0; d < layer.kind().directions(); d++) {
        LayerWeights lw = layer.direction(d);
        if (lw.cell() == CellKind.GRU) {
          // No gate reordering: the composed GRU slices the canonical r, z, n blocks itself.
          values.add(
              Matrix.stackRows(lw.weightIh().transpose(), lw.weightHh().transpose()).toRowMajor());
          values.add(lw.bias());
          values.add(lw.recurrentBias().orElseThrow());
          continue;
        }
        TensorFlowBlockLayout.Layer block =
            TensorFlowBlockLayout.fromCanonical(lw, GateOrder.CANONICAL);
        values.add(block.kernel().toRowMajor());
        values.add(block.bias());
        lw.peephole().ifPresent(values::add);
      }
    }
    weights
        .head()
        .ifPresent(
            head -> {
              values.add(head.weight().transpose().toRowMajor());
              values.add(head.bias());
            });
    return values;
  }

  /** Row-major parameter values (weights or their gradients), in order, as canonical weights. */
  LstmWeights toCanonical(List<double[]> values) {
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>(spec.numLayers());
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      LayerWeights[] directions = new LayerWeights[kind.directions()];
      for (int d = 0; d < directions.length; d++) {
        int at = kernelIndex(l, d);
        if (kind.cell() == CellKind.GRU) {
          int in = spec.layerInputSize(l);
          Matrix kernel = Matrix.ofRowMajor(in + h, 3 * h, values.get(at));
          directions[d] =
              LayerWeights.gru(
                  kernel.rowBlock(0, in).transpose(),
                  kernel.rowBlock(in, in + h).transpose(),
                  values.get(at + 1),
                  values.get(at + 2));
          continue;
        }
        Matrix kernel = Matrix.ofRowMajor(spec.layerInputSize(l) + h, 4 * h, values.get(at));
        LayerWeights lw =
            TensorFlowBlockLayout.toCanonical(
                new TensorFlowBlockLayout.Layer(kernel, values.get(at + 1)), GateOrder.CANONICAL);
        directions[d] =
            kind.peepholes()
                ? LayerWeights.lstm(lw.weightIh(), lw.weightHh(), lw.bias(), values.get(at + 2))
                : lw;
      }
      layers.add(
          directions.length == 1 ? directions[0] : directions[0].bidirectional(directions[1]));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head =
          new HeadWeights(
              Matrix.ofRowMajor(spec.outputSize(), o, values.get(headIndex)).transpose(),
              values.get(headIndex + 1));
    }
    return new LstmWeights(layers, head);
  }
}
