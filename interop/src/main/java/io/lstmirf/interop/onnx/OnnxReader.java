package io.lstmirf.interop.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.interop.ImportedModel;
import io.lstmirf.interop.ModelFormat;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.OnnxFlow.Axis;
import io.lstmirf.interop.onnx.proto.ModelProto;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an ONNX model holding one or more stacked {@code LSTM} or {@code GRU} nodes (forward or
 * bidirectional, an LSTM with or without peepholes, a GRU with linear_before_reset=1) and an
 * optional linear head, as torch.onnx.export and tf2onnx write them, into canonical weights. The
 * data is followed from the sequence input to the outputs ({@link OnnxTracer}); the weights come
 * from initializers or Constant nodes; initial states from initializers (else zeros, or graph
 * inputs fed at run time). Whatever the canonical LSTM cannot represent is refused with an {@link
 * UnsupportedModelException} naming the node.
 */
public final class OnnxReader {
  private OnnxReader() {}

  /** Reads an ONNX file. */
  public static ImportedModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("model file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return read(bytes, file.toString());
  }

  /** Reads a serialized ModelProto; {@code source} names it in messages. */
  public static ImportedModel read(byte[] bytes, String source) {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(source + " is not an ONNX model: " + e.getMessage(), e);
    }
    if (!model.hasGraph()) {
      throw new InvalidInputException(source + " is not an ONNX model: it has no graph");
    }
    try {
      return read(new OnnxGraph(model.getGraph()));
    } catch (UnsupportedModelException e) {
      throw e.in(source);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  private static ImportedModel read(OnnxGraph g) {
    List<NodeProto> lstms = new ArrayList<>();
    Set<String> fed = new LinkedHashSet<>();
    for (NodeProto n : g.nodes()) {
      switch (n.getOpType()) {
        case "RNN" ->
            throw new UnsupportedModelException(
                OnnxGraph.describe(n), "an RNN layer", "the canonical layers are LSTMs and GRUs");
        case "Loop", "Scan" ->
            throw new UnsupportedModelException(
                OnnxGraph.describe(n),
                "a " + n.getOpType() + " (a recurrence written out as a loop)",
                "the reader reads" + " recurrences only as LSTM and GRU nodes");
        case "LSTM", "GRU" -> {
          lstms.add(n);
          for (int k = 5; k <= (n.getOpType().equals("GRU") ? 5 : 6); k++) {
            if (OnnxStates.classify(g, OnnxRecurrentNode.input(n, k), n, stateName(k))
                instanceof OnnxStates.Fed f) {
              fed.add(f.input());
            }
          }
        }
        default -> {}
      }
    }
    if (lstms.isEmpty()) {
      throw new InvalidInputException("the graph has no LSTM or GRU node");
    }
    List<String> sequence =
        g.inputs().keySet().stream().filter(i -> !fed.contains(i)).collect(Collectors.toList());
    if (sequence.size() != 1) {
      throw new UnsupportedModelException(
          "the graph",
          "inputs " + sequence,
          "the canonical" + " model takes one sequence input (and optionally its initial states)");
    }
    String input = sequence.get(0);
    OnnxTracer t = new OnnxTracer(g).trace(input);
    for (NodeProto n : lstms) {
      if (t.layers().stream().noneMatch(l -> l.node() == n)) {
        throw new UnsupportedModelException(
            OnnxGraph.describe(n),
            "a recurrent node the" + " sequence input does not reach through the layers below",
            "the canonical model is" + " one stack of recurrent layers");
      }
    }
    for (String out : g.outputs()) {
      if (!t.flows().containsKey(out)) {
        throw new UnsupportedModelException(
            "graph output '" + out + "'",
            "an output not" + " computed from the recurrent layers (" + g.describeValue(out) + ")",
            "every output" + " must be a hidden or cell state of the stack or the head's outputs");
      }
    }
    checkSequenceLengths(g, t, input);
    List<LayerWeights> layers =
        t.layers().stream().map(OnnxRecurrentNode::weights).collect(Collectors.toList());
    LstmWeights weights = new LstmWeights(layers, t.head());
    List<String> notes = new ArrayList<>();
    notes.add(
        "input '"
            + input
            + "' is "
            + shape(t.inputAxes())
            + (t.inputAxes().get(0) == Axis.BATCH ? " (batch-first)" : " (time-major)"));
    Optional<LstmState> state = OnnxInitialState.read(g, t.layers(), weights.spec(), notes);
    for (String out : g.outputs()) {
      notes.add("output '" + out + "' is " + t.flows().get(out).describe());
    }
    return new ImportedModel(weights, state, ModelFormat.ONNX, notes);
  }

  /** sequence_lens must let every row run all T steps, and T must be known to check it. */
  private static void checkSequenceLengths(OnnxGraph g, OnnxTracer t, String input) {
    OptionalLong steps = g.inputDim(input, t.inputAxes().indexOf(Axis.TIME));
    for (OnnxRecurrentNode l : t.layers()) {
      String name = OnnxRecurrentNode.input(l.node(), 4);
      if (name.isEmpty()) {
        continue;
      }
      long[] lens =
          g.constant(name)
              .orElseThrow(
                  () ->
                      new UnsupportedModelException(
                          l.where(),
                          "sequence_lens from " + g.describeValue(name),
                          "per-row lengths given at run time may"
                              + " stop rows early; the canonical model runs every row for all T steps"))
              .longs();
      for (long len : lens) {
        if (steps.isEmpty() || len != steps.getAsLong()) {
          throw new UnsupportedModelException(
              l.where(),
              "sequence_lens "
                  + Arrays.toString(lens)
                  + (steps.isEmpty()
                      ? " with a sequence length" + " the file leaves open"
                      : " for T = " + steps.getAsLong()),
              "the canonical"
                  + " model runs every row for all T steps; only lengths equal to a fixed T can be"
                  + " read as full");
        }
      }
    }
  }

  private static String shape(List<Axis> axes) {
    return axes.stream()
        .map(a -> a == Axis.FEATURE ? "I" : a.symbol())
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String stateName(int input) {
    return input == 5 ? "initial_h" : "initial_c";
  }
}
