package io.lstmirf.backend.reference;

/**
 * PyTorch's GRU (Keras {@code reset_after=True}, ONNX {@code linear_before_reset=1}), gate rows r,
 * z, n:
 *
 * <pre>
 *   r = sigmoid(zx_r + zh_r)     z = sigmoid(zx_z + zh_z)
 *   a = zh_n + b_hn               n = tanh(zx_n + r a)
 *   h' = (1 - z) n + z h
 * </pre>
 *
 * Backward, with {@code dh} the error reaching {@code h'}: {@code dz_z = dh (h - n) z (1 - z)},
 * {@code dz_n = dh (1 - z) (1 - n^2)}, {@code dz_r = dz_n a r (1 - r)}; the input side takes {@code
 * (dz_r, dz_z, dz_n)}, the recurrent side and {@code b_hn} take {@code dz_n r} in the n block, and
 * {@code h} also gets {@code dh z} directly. There is no cell state.
 */
final class ReferenceGruGates implements ReferenceGates {
  static final ReferenceGruGates INSTANCE = new ReferenceGruGates();

  private ReferenceGruGates() {}

  @Override
  public boolean separateRecurrent() {
    return true;
  }

  @Override
  public void forward(
      ReferenceParameters.Slot w,
      double[] zx,
      double[] zh,
      double[] h,
      double[] c,
      int off,
      double[] act,
      int actOff) {
    int hidden = w.hidden();
    double[] bhn = w.recurrentBias;
    for (int k = 0; k < hidden; k++) {
      double r = ReferenceCell.sigmoid(zx[k] + zh[k]);
      double z = ReferenceCell.sigmoid(zx[hidden + k] + zh[hidden + k]);
      double a = zh[2 * hidden + k] + bhn[k];
      double n = Math.tanh(zx[2 * hidden + k] + r * a);
      h[off + k] = (1 - z) * n + z * h[off + k];
      act[actOff + k] = r;
      act[actOff + hidden + k] = z;
      act[actOff + 2 * hidden + k] = n;
      act[actOff + 3 * hidden + k] = a;
    }
  }

  @Override
  public void backward(
      ReferenceParameters.Slot w,
      ReferenceParameters.Slot grad,
      double[] act,
      int actOff,
      double[] hPrev,
      double[] cPrev,
      double[] cNow,
      int off,
      double[] dh,
      double[] dc,
      double[] dzIn,
      double[] dzRec,
      double[] dhDirect) {
    int hidden = w.hidden();
    double[] gbhn = grad.recurrentBias;
    for (int k = 0; k < hidden; k++) {
      double r = act[actOff + k];
      double z = act[actOff + hidden + k];
      double n = act[actOff + 2 * hidden + k];
      double a = act[actOff + 3 * hidden + k];
      double dzz = dh[k] * (hPrev[off + k] - n) * z * (1 - z);
      double dzn = dh[k] * (1 - z) * (1 - n * n);
      double dzr = dzn * a * r * (1 - r);
      dzIn[k] = dzr;
      dzIn[hidden + k] = dzz;
      dzIn[2 * hidden + k] = dzn;
      dzRec[k] = dzr;
      dzRec[hidden + k] = dzz;
      dzRec[2 * hidden + k] = dzn * r;
      gbhn[k] += dzn * r;
      dhDirect[k] = dh[k] * z;
    }
  }
}
