package io.lstmirf.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.lstmirf.api.CellKind;
import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Trace;
import io.lstmirf.api.train.DropoutMasks;
import java.util.Set;

/**
 * Whole sequences through a stack whose layers may be any variant, one layer at a time: PyTorch's
 * fused {@code lstm} and {@code gru} ops (both directions in one call for a bidirectional layer)
 * where they compute what is asked, and {@link DjlCells}' composed steps where they cannot: a
 * peephole LSTM, traces of the gates and memory, and dropout masks. Results attach to the inputs'
 * manager.
 */
final class DjlLayers {
  private final DjlParameters parameters;
  private final LstmSpec spec;

  DjlLayers(DjlParameters parameters) {
    this.parameters = parameters;
    this.spec = parameters.spec();
  }

  /** One layer's results: outputs {@code [B, T, D*H]}, final states {@code [D, B, H]}. */
  private record Layer(
      NDArray outputs,
      NDArray finalHidden,
      NDArray finalCell,
      NDArray memory,
      NDArray memoryGates) {}

  /**
   * A forward pass.
   *
   * @param inputs {@code [B, T, I]}
   * @param h0 {@code [S, B, H]}, slots per layer and direction
   * @param c0 {@code [S, B, H]} (zeros in a GRU's slots)
   * @param traces which of the memory and memory gates are wanted
   * @param masks dropout masks ({@link DropoutMasks#NONE} outside training steps)
   * @param training whether gradients will be taken
   */
  DjlLstm.Run run(
      NDArray inputs,
      NDArray h0,
      NDArray c0,
      Set<Trace> traces,
      DropoutMasks masks,
      boolean training) {
    boolean gatesTraced = traces.contains(Trace.FORGET_GATES);
    NDList finalHidden = new NDList();
    NDList finalCell = new NDList();
    NDList memoryGates = new NDList();
    NDArray memory = null;
    NDArray x = inputs;
    for (int l = 0; l < spec.numLayers(); l++) {
      LayerKind kind = spec.layerKind(l);
      int slot = spec.stateSlot(l, 0);
      NDIndex slots = new NDIndex("{}:{}", slot, slot + kind.directions());
      // Only a layer whose memory or gates are traced needs the steps; below a top layer whose
      // memory alone is traced, the fused op computes the same outputs faster.
      boolean memoryTraced = l == spec.numLayers() - 1 && traces.contains(Trace.CELL_STATES);
      Layer layer =
          memoryTraced || gatesTraced || kind.peepholes() || !masks.isNone()
              ? composed(l, x, h0.get(slots), c0.get(slots), masks, memoryTraced, gatesTraced)
              : fused(l, x, h0.get(slots), c0.get(slots), training);
      finalHidden.add(layer.finalHidden());
      finalCell.add(layer.finalCell());
      memoryGates.add(layer.memoryGates());
      memory = layer.memory();
      x = layer.outputs();
    }
    return new DjlLstm.Run(
        x,
        concat(finalHidden, 0),
        concat(finalCell, 0),
        traces.contains(Trace.CELL_STATES) ? memory : null,
        traces.contains(Trace.FORGET_GATES) ? memoryGates : null);
  }

  /** PyTorch's fused op for the layer, both directions at once. */
  private Layer fused(int l, NDArray x, NDArray h0, NDArray c0, boolean training) {
    LayerKind kind = spec.layerKind(l);
    NDList params = parameters.fused(l, x.getManager());
    boolean both = kind.directions() == 2;
    if (kind.cell() == CellKind.GRU) {
      NDList out = x.getNDArrayInternal().gru(x, h0, params, true, 1, 0.0, training, both, true);
      return new Layer(out.get(0), out.get(1), c0, null, null);
    }
    NDList out =
        x.getNDArrayInternal()
            .lstm(x, new NDList(h0, c0), params, true, 1, 0.0, training, both, true);
    return new Layer(out.get(0), out.get(1), out.get(2), null, null);
  }

  /**
   * The layer step by step ({@link DjlCells}), each direction in its reading order; its memory and
   * memory gates, {@code [B, T, D*H]}, are stacked only when kept (else null).
   */
  private Layer composed(
      int l,
      NDArray x,
      NDArray h0,
      NDArray c0,
      DropoutMasks masks,
      boolean keepMemory,
      boolean keepGates) {
    NDManager call = x.getManager();
    LayerKind kind = spec.layerKind(l);
    int steps = (int) x.getShape().get(1);
    NDList xs = x.split(steps, 1);
    NDList outputs = new NDList();
    NDList finalHidden = new NDList();
    NDList finalCell = new NDList();
    NDList memories = new NDList();
    NDList gates = new NDList();
    for (int d = 0; d < kind.directions(); d++) {
      DjlParameters.Direction p = parameters.direction(l, d);
      NDArray biasHh = parameters.biasHh(p, call);
      int slot = spec.stateSlot(l, d);
      NDArray inputMask = mask(masks.input().orElse(null), slot, call);
      NDArray recurrentMask = mask(masks.recurrent().orElse(null), slot, call);
      NDArray h = h0.get(d);
      NDArray c = c0.get(d);
      NDArray[] hs = new NDArray[steps];
      NDArray[] cs = new NDArray[steps];
      NDArray[] fs = new NDArray[steps];
      for (int k = 0; k < steps; k++) {
        int t = d == 0 ? k : steps - 1 - k;
        DjlCells.Step s =
            DjlCells.step(p, biasHh, xs.get(t).squeeze(1), h, c, inputMask, recurrentMask);
        h = s.h();
        c = s.c();
        hs[t] = h;
        cs[t] = kind.cell() == CellKind.GRU ? h : c;
        fs[t] = s.memoryGate();
      }
      outputs.add(NDArrays.stack(new NDList(hs), 1));
      if (keepMemory) {
        memories.add(NDArrays.stack(new NDList(cs), 1));
      }
      if (keepGates) {
        gates.add(NDArrays.stack(new NDList(fs), 1));
      }
      finalHidden.add(h);
      finalCell.add(c);
    }
    return new Layer(
        concat(outputs, 2),
        NDArrays.stack(finalHidden),
        NDArrays.stack(finalCell),
        keepMemory ? concat(memories, 2) : null,
        keepGates ? concat(gates, 2) : null);
  }

  /**
   * {@link NDArrays#concat}, but a single array is returned as it is: DJL duplicates it, and
   * PyTorch's engine makes the duplicate outside autograd, which would cut the gradient off.
   */
  private static NDArray concat(NDList arrays, int axis) {
    return arrays.size() == 1 ? arrays.get(0) : NDArrays.concat(arrays, axis);
  }

  /** Slot {@code s} of a mask {@code [S][B][n]} as {@code [B, n]}, or null without one. */
  private NDArray mask(double[][][] m, int slot, NDManager call) {
    if (m == null) {
      return null;
    }
    double[][] rows = m[slot];
    return DjlArrays.create(
        call,
        FlatArrays.flatten(rows),
        new Shape(rows.length, rows[0].length),
        parameters.dataType());
  }
}
