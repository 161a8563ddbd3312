package io.lstmirf.irf;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The memory gates of every layer over one forward pass, read from the engine through {@link
 * Trace#FORGET_GATES} (so they are the backend's own activations, not recomputed here), and
 * summarised per unit with the memory times they imply (see {@link LayerForgetGates}). The memory
 * gate is an LSTM's forget gate f and a GRU's update gate z ({@link io.lstmirf.api.CellKind}): both
 * scale the memory at every step ({@code c' = f c + ...}, {@code h' = z h + ...}), so the same time
 * constant {@code -1 / ln gate} reads both. A bidirectional layer's units are its forward units,
 * then its backward ones.
 *
 * @param layers one summary per layer, input layer first
 */
public record ForgetGateProfile(List<LayerForgetGates> layers) {

  public ForgetGateProfile {
    layers = List.copyOf(layers);
  }

  /** Runs {@code inputs [B][T][I]} from the zero state and summarises the forget gates. */
  public static ForgetGateProfile measure(LstmModel model, double[][][] inputs) {
    return measure(model, inputs, null);
  }

  /** Runs {@code inputs [B][T][I]} from {@code initialState} (null: zeros) and summarises. */
  public static ForgetGateProfile measure(
      LstmModel model, double[][][] inputs, LstmState initialState) {
    ForwardResult r = model.forward(inputs, initialState, Set.of(Trace.FORGET_GATES));
    return of(
        r.forgetGates()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "backend '"
                            + model.backendName()
                            + "' returned no forget gates although they were asked for")));
  }

  /**
   * Summarises a memory-gate trace {@code [L][B][T][directions * H]}: means over batch rows and
   * steps.
   */
  public static ForgetGateProfile of(double[][][][] forgetGates) {
    if (forgetGates == null
        || forgetGates.length == 0
        || forgetGates[0].length == 0
        || forgetGates[0][0].length == 0
        || forgetGates[0][0][0].length == 0) {
      throw new InvalidInputException("forget-gate trace is empty; expected [L][B][T][H]");
    }
    List<LayerForgetGates> layers = new ArrayList<>(forgetGates.length);
    for (int l = 0; l < forgetGates.length; l++) {
      int h = forgetGates[l][0][0].length;
      double[] sum = new double[h];
      double[] logSum = new double[h];
      long count = 0;
      for (double[][] row : forgetGates[l]) {
        for (double[] f : row) {
          for (int k = 0; k < h; k++) {
            sum[k] += f[k];
            logSum[k] += Math.log(f[k]);
          }
          count++;
        }
      }
      double[] mean = new double[h];
      double[] geometric = new double[h];
      for (int k = 0; k < h; k++) {
        mean[k] = sum[k] / count;
        geometric[k] = Math.exp(logSum[k] / count);
      }
      layers.add(new LayerForgetGates(l, mean, geometric));
    }
    return new ForgetGateProfile(layers);
  }

  /** The summary of layer {@code layer}. */
  public LayerForgetGates layer(int layer) {
    if (layer < 0 || layer >= layers.size()) {
      throw new InvalidInputException(
          "layer " + layer + " does not exist: the profile has " + layers.size() + " layer(s)");
    }
    return layers.get(layer);
  }
}
