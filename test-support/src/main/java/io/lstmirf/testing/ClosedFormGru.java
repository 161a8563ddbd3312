package io.lstmirf.testing;

import io.lstmirf.api.GruGate;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.List;

/**
 * The GRU whose impulse response is known in closed form, the counterpart of {@link
 * ClosedFormLayer}: one layer on one input, {@code W_hh = 0}, the input feeding only the candidate
 * n ({@code W_ih[n] = w}, the other rows 0), the n gate's biases 0 ({@code b_n}, {@code b_hn}), the
 * reset gate's bias {@code b_r} (which then multiplies nothing). The update gate is the constant
 * {@code z = sigmoid(b_z)}, and a shock {@code s} at {@code t0} on a zero input gives, for every
 * unit,
 *
 * <pre>
 * h[t0 + j] = sigmoid(b_z)^j (1 - sigmoid(b_z)) tanh(w s)
 * </pre>
 *
 * <p>so the memory decays exactly geometrically at the rate the update gate's bias sets, as an
 * LSTM's cell at the rate of its forget gate's.
 *
 * @param w the input weight of each unit's candidate
 * @param bz each unit's update-gate bias
 * @param br each unit's reset-gate bias (without effect: the check that it has none)
 */
public record ClosedFormGru(double[] w, double[] bz, double[] br) {

  public ClosedFormGru {
    if (w.length == 0 || bz.length != w.length || br.length != w.length) {
      throw new IllegalArgumentException("one w, b_z and b_r per unit, at least one unit");
    }
    w = w.clone();
    bz = bz.clone();
    br = br.clone();
  }

  /** The GRU's canonical weights: {@code I = 1}, one layer, no head. */
  public LstmWeights weights() {
    int h = w.length;
    double[] wIh = new double[3 * h];
    double[] bias = new double[3 * h];
    for (int k = 0; k < h; k++) {
      wIh[GruGate.NEW.offset(h) + k] = w[k];
      bias[GruGate.UPDATE.offset(h) + k] = bz[k];
      bias[GruGate.RESET.offset(h) + k] = br[k];
    }
    return new LstmWeights(
        List.of(
            LayerWeights.gru(
                Matrix.ofRowMajor(3 * h, 1, wIh), Matrix.zeros(3 * h, h), bias, new double[h])));
  }

  /** The update gate of unit {@code k}: {@code sigmoid(b_z[k])}, the same at every step. */
  public double updateGate(int k) {
    return ClosedFormLayer.sigmoid(bz[k]);
  }

  /** The hidden state of {@code unit} at step {@code t} of {@link ClosedFormLayer#shockedInput}. */
  public double hidden(int unit, int t, int t0, double shock) {
    double z = updateGate(unit);
    return t < t0 ? 0 : Math.pow(z, t - t0) * (1 - z) * Math.tanh(w[unit] * shock);
  }

  @Override
  public double[] w() {
    return w.clone();
  }

  @Override
  public double[] bz() {
    return bz.clone();
  }

  @Override
  public double[] br() {
    return br.clone();
  }
}
