package io.lstmirf.backend.tfjava;

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
 * {@code wco}); then the head's kernel {@code [D*H, O]} ({@code W_out} transposed, so that {@code y
 * = h K + b}) and bias {@code [O]}. Converts whole weight sets, and gradients (which have the same
 * shapes), between this list and the canonical layout.
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
        at += kind.peepholes() ? 3 : 2;
      }
    }
    this.headIndex = at;
  }

  /** The number of parameters. */
  int size() {
    return headIndex + (spec.hasHead() ? 2 : 0);
  }

  /** Index of the kernel of layer {@code l}, direction {@code d}; the bias and peepholes follow. */
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
        shapes.add(Shape.of(spec.layerInputSize(l) + h, 4L * h));
        shapes.add(Shape.of(4L * h));
        if (kind.peepholes()) {
          shapes.add(Shape.of(3L * h));
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
