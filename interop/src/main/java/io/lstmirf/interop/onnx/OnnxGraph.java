package io.lstmirf.interop.onnx;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.interop.onnx.proto.AttributeProto;
import io.lstmirf.interop.onnx.proto.GraphProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import io.lstmirf.interop.onnx.proto.TensorProto;
import io.lstmirf.interop.onnx.proto.TensorShapeProto;
import io.lstmirf.interop.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Look-ups over one ONNX graph: who produces and who consumes each value, which values are
 * constants (initializers and Constant nodes), and which are real inputs.
 */
final class OnnxGraph {
  private final GraphProto graph;
  private final Map<String, TensorProto> initializers = new HashMap<>();
  private final Map<String, NodeProto> producers = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Map<String, ValueInfoProto> inputs = new HashMap<>();
  private final Set<String> outputs = new LinkedHashSet<>();

  OnnxGraph(GraphProto graph) {
    this.graph = graph;
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    for (NodeProto n : graph.getNodeList()) {
      n.getOutputList().forEach(o -> producers.put(o, n));
      for (String in : n.getInputList()) {
        if (!in.isEmpty()) {
          consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
      }
    }
    // Since IR 4 an input may also be an initializer: then it is a default, i.e. a constant here.
    graph.getInputList().stream()
        .filter(v -> !initializers.containsKey(v.getName()))
        .forEach(v -> inputs.put(v.getName(), v));
    graph.getOutputList().forEach(v -> outputs.add(v.getName()));
  }

  List<NodeProto> nodes() {
    return graph.getNodeList();
  }

  /** Graph inputs that are not initializers, by name. */
  Map<String, ValueInfoProto> inputs() {
    return inputs;
  }

  Set<String> outputs() {
    return outputs;
  }

  boolean isInput(String name) {
    return inputs.containsKey(name);
  }

  Optional<NodeProto> producer(String value) {
    return Optional.ofNullable(producers.get(value));
  }

  List<NodeProto> consumers(String value) {
    return consumers.getOrDefault(value, List.of());
  }

  /** The value of an initializer or Constant node output, decoded; empty when not constant. */
  Optional<OnnxTensor> constant(String name) {
    TensorProto t = initializers.get(name);
    if (t != null) {
      return Optional.of(OnnxTensor.decode(t, "initializer"));
    }
    NodeProto p = producers.get(name);
    if (p == null || !p.getOpType().equals("Constant")) {
      return Optional.empty();
    }
    for (AttributeProto a : p.getAttributeList()) {
      switch (a.getName()) {
        case "value" -> {
          return Optional.of(
              OnnxTensor.decode(a.getT().toBuilder().setName(name).build(), "Constant"));
        }
        case "value_float" -> {
          return Optional.of(new OnnxTensor(name, new long[0], new double[] {a.getF()}));
        }
        case "value_int" -> {
          return Optional.of(new OnnxTensor(name, new long[0], new double[] {a.getI()}));
        }
        case "value_floats" -> {
          return Optional.of(
              new OnnxTensor(
                  name,
                  new long[] {a.getFloatsCount()},
                  a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray()));
        }
        case "value_ints" -> {
          return Optional.of(
              new OnnxTensor(
                  name,
                  new long[] {a.getIntsCount()},
                  a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray()));
        }
        default -> {}
      }
    }
    return Optional.empty();
  }

  /** A constant the reader needs, or a refusal naming who produces it instead. */
  OnnxTensor requireConstant(String name, String what, NodeProto user) {
    return constant(name)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    what
                        + " of "
                        + describe(user)
                        + " is not a constant (it is "
                        + describeValue(name)
                        + "); this reader takes weights from initializers and Constant nodes"));
  }

  /** The static size of dimension {@code axis} of a graph input, if the file states one. */
  OptionalLong inputDim(String input, int axis) {
    ValueInfoProto v = inputs.get(input);
    if (v == null || !v.getType().hasTensorType()) {
      return OptionalLong.empty();
    }
    TensorShapeProto shape = v.getType().getTensorType().getShape();
    if (axis >= shape.getDimCount() || !shape.getDim(axis).hasDimValue()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(shape.getDim(axis).getDimValue());
  }

  /** The rank of a graph input, or -1 when the file does not say. */
  int inputRank(String input) {
    ValueInfoProto v = inputs.get(input);
    return v == null || !v.getType().getTensorType().hasShape()
        ? -1
        : v.getType().getTensorType().getShape().getDimCount();
  }

  /** {@code LSTM node 'name'}, or the first output's name for an unnamed node. */
  static String describe(NodeProto n) {
    return n.getOpType() + " node '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "'";
  }

  /** Where a value comes from, for messages: a graph input, an initializer or a node. */
  String describeValue(String name) {
    if (inputs.containsKey(name)) {
      return "graph input '" + name + "'";
    }
    if (initializers.containsKey(name)) {
      return "initializer '" + name + "'";
    }
    NodeProto p = producers.get(name);
    return p == null ? "'" + name + "', which nothing produces" : "the output of " + describe(p);
  }
}
