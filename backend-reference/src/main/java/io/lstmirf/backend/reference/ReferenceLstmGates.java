package io.lstmirf.backend.reference;

/**
 * The LSTM of irf-method.md, gate rows i, f, g, o, optionally with peepholes {@code p = [p_i, p_f,
 * p_o]} (ONNX's semantics: i and f see {@code c_{t-1}}, o sees {@code c_t}). Nothing is clipped.
 * Backward, with {@code dh} the error reaching {@code h_t} and {@code dc'} the one reaching {@code
 * c_t} from step t+1:
 *
 * <pre>
 *   dz_o = dh tanh(c) o (1 - o)
 *   dc   = dc' + dh o (1 - tanh(c)^2) + dz_o p_o
 *   dz_i = dc g i (1 - i)     dz_f = dc c_{t-1} f (1 - f)     dz_g = dc i (1 - g^2)
 *   dc_{t-1} = dc f + dz_i p_i + dz_f p_f
 *   dp_i += dz_i c_{t-1}      dp_f += dz_f c_{t-1}           dp_o += dz_o c
 * </pre>
 */
final class ReferenceLstmGates implements ReferenceGates {
  static final ReferenceLstmGates INSTANCE = new ReferenceLstmGates();

  private ReferenceLstmGates() {}

  @Override
  public boolean separateRecurrent() {
    return false;
  }

  @Override
  public void forward(
      ReferenceParameters.Slot w,
      double[] z,
      double[] zh,
      double[] h,
      double[] c,
      int off,
      double[] act,
      int actOff) {
    int hidden = w.hidden();
    double[] p = w.peephole;
    for (int k = 0; k < hidden; k++) {
      double cPrev = c[off + k];
      double zi = z[k];
      double zf = z[hidden + k];
      if (p != null) {
        zi += p[k] * cPrev;
        zf += p[hidden + k] * cPrev;
      }
      double i = ReferenceCell.sigmoid(zi);
      double f = ReferenceCell.sigmoid(zf);
      double g = Math.tanh(z[2 * hidden + k]);
      double cNew = f * cPrev + i * g;
      double o =
          ReferenceCell.sigmoid(
              p == null ? z[3 * hidden + k] : z[3 * hidden + k] + p[2 * hidden + k] * cNew);
      c[off + k] = cNew;
      h[off + k] = o * Math.tanh(cNew);
      act[actOff + k] = i;
      act[actOff + hidden + k] = f;
      act[actOff + 2 * hidden + k] = g;
      act[actOff + 3 * hidden + k] = o;
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
      double[] dz,
      double[] dzRec,
      double[] dhDirect) {
    int hidden = w.hidden();
    double[] p = w.peephole;
    double[] gp = grad.peephole;
    for (int k = 0; k < hidden; k++) {
      double i = act[actOff + k];
      double f = act[actOff + hidden + k];
      double g = act[actOff + 2 * hidden + k];
      double o = act[actOff + 3 * hidden + k];
      double tanhC = Math.tanh(cNow[off + k]);
      double dzo = dh[k] * tanhC * o * (1 - o);
      double dcNow = dc[off + k] + dh[k] * o * (1 - tanhC * tanhC);
      if (p != null) {
        dcNow += dzo * p[2 * hidden + k];
      }
      double c0 = cPrev[off + k];
      double dzi = dcNow * g * i * (1 - i);
      double dzf = dcNow * c0 * f * (1 - f);
      dz[k] = dzi;
      dz[hidden + k] = dzf;
      dz[2 * hidden + k] = dcNow * i * (1 - g * g);
      dz[3 * hidden + k] = dzo;
      double dcPrev = dcNow * f;
      if (p != null) {
        dcPrev += dzi * p[k] + dzf * p[hidden + k];
        gp[k] += dzi * c0;
        gp[hidden + k] += dzf * c0;
        gp[2 * hidden + k] += dzo * cNow[off + k];
      }
      dc[off + k] = dcPrev;
      dhDirect[k] = 0;
    }
  }
}
