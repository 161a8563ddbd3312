package io.lstmirf.interop.onnx;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import io.lstmirf.interop.UnsupportedModelException;
import io.lstmirf.interop.onnx.proto.NodeProto;
import java.util.List;
import java.util.Optional;

/**
 * The initial state of a traced stack of recurrent nodes ({@link OnnxStates}): zeros; fixed by the
 * file, read into an {@link LstmState} (one slot per layer and direction, a GRU's cell state zero);
 * or fed at run time, when every layer's initial_h (and every LSTM layer's initial_c) must be its
 * slots of one {@code [S,B,H]} graph input each, as torch.onnx.export writes them.
 */
final class OnnxInitialState {
  private static final String[] NAMES = {"initial_h", "initial_c"};

  private OnnxInitialState() {}

  /**
   * The state the file fixes; empty for zeros or for a state fed at run time (a note then names the
   * inputs).
   */
  static Optional<LstmState> read(
      OnnxGraph g, List<OnnxRecurrentNode> layers, LstmSpec spec, List<String> notes) {
    int n = layers.size();
    OnnxStates.Source[][] src = new OnnxStates.Source[2][n];
    boolean anyFed = false;
    boolean anyFixed = false;
    for (int l = 0; l < n; l++) {
      for (int k = 0; k < 2; k++) {
        NodeProto node = layers.get(l).node();
        src[k][l] =
            k == 1 && layers.get(l).cell() == CellKind.GRU
                ? new OnnxStates.Zero()
                : OnnxStates.classify(g, OnnxRecurrentNode.input(node, 5 + k), node, NAMES[k]);
        anyFed |= src[k][l] instanceof OnnxStates.Fed;
        anyFixed |= src[k][l] instanceof OnnxStates.Fixed;
      }
    }
    if (anyFed) {
      String[] inputs = fedInputs(g, layers, spec, src);
      notes.add(
          "the initial state is fed at run time: graph input '"
              + inputs[0]
              + "' (h)"
              + (inputs[1] == null ? "" : " and '" + inputs[1] + "' (c)")
              + ", "
              + (layers.get(0).layout() == 0 ? "[L,B,H]" : "[B,L,H]")
              + (spec.stateSlots() == n ? "" : " (L counting each direction)"));
      return Optional.empty();
    }
    if (!anyFixed) {
      return Optional.empty();
    }
    LstmState state = fixed(layers, spec, src);
    notes.add("the file fixes the initial state for a batch of " + state.batchSize());
    return Optional.of(state);
  }

  /** The graph inputs h and c are fed from; every layer must read its slots of them. */
  private static String[] fedInputs(
      OnnxGraph g, List<OnnxRecurrentNode> layers, LstmSpec spec, OnnxStates.Source[][] src) {
    String[] names = new String[2];
    for (int k = 0; k < 2; k++) {
      for (int l = 0; l < layers.size(); l++) {
        if (k == 1 && layers.get(l).cell() == CellKind.GRU) {
          continue;
        }
        int dirs = spec.layerKind(l).directions();
        boolean ok =
            src[k][l] instanceof OnnxStates.Fed f
                && (f.whole()
                    ? layers.size() == 1
                    : f.start() == spec.stateSlot(l, 0) && f.count() == dirs)
                && (names[k] == null || names[k].equals(f.input()));
        if (!ok) {
          NodeProto node = layers.get(l).node();
          throw new UnsupportedModelException(
              layers.get(l).where(),
              NAMES[k]
                  + " of layer "
                  + l
                  + " from "
                  + g.describeValue(OnnxRecurrentNode.input(node, 5 + k)),
              "when the"
                  + " state is a graph input, every layer's h and c must be its slots (one per"
                  + " direction) of one [S,B,H] input each");
        }
        names[k] = ((OnnxStates.Fed) src[k][l]).input();
      }
    }
    return names;
  }

  /** The fixed state: zeros where a layer's state is zero, the file's values elsewhere. */
  private static LstmState fixed(
      List<OnnxRecurrentNode> layers, LstmSpec spec, OnnxStates.Source[][] src) {
    int h = spec.hiddenSize();
    int batch = -1;
    double[][][][] hc = new double[2][spec.stateSlots()][][];
    for (int k = 0; k < 2; k++) {
      for (int l = 0; l < layers.size(); l++) {
        if (!(src[k][l] instanceof OnnxStates.Fixed f)) {
          continue;
        }
        int dirs = spec.layerKind(l).directions();
        double[] v = f.values();
        if (v.length % (dirs * h) != 0 || (batch >= 0 && v.length / (dirs * h) != batch)) {
          throw new InvalidInputException(
              layers.get(l).where()
                  + ": "
                  + NAMES[k]
                  + " '"
                  + f.from()
                  + "' has "
                  + v.length
                  + " values; expected "
                  + dirs
                  + " x B x "
                  + h
                  + (batch >= 0 ? " with B = " + batch : ""));
        }
        batch = v.length / (dirs * h);
        for (int d = 0; d < dirs; d++) {
          double[][] rows = new double[batch][h];
          for (int b = 0; b < batch; b++) {
            // layout 0: [D,B,H]; layout 1: [B,D,H]
            int at = layers.get(l).layout() == 0 ? (d * batch + b) * h : (b * dirs + d) * h;
            System.arraycopy(v, at, rows[b], 0, h);
          }
          hc[k][spec.stateSlot(l, d)] = rows;
        }
      }
    }
    for (double[][][] part : hc) {
      for (int s = 0; s < part.length; s++) {
        if (part[s] == null) {
          part[s] = new double[batch][h];
        }
      }
    }
    return new LstmState(hc[0], hc[1]);
  }
}
