package io.lstmirf.backend.reference;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.train.Optimizer;

/**
 * Adam exactly as {@link Optimizer.Adam} specifies it: at step {@code t}, {@code m = b1 m + (1-b1)
 * g}, {@code v = b2 v + (1-b2) g^2}, {@code lr_t = lr sqrt(1-b2^t) / (1-b1^t)}, {@code w -= lr_t m
 * / (sqrt(v) + epsilon)}. Holds the moments and the step count.
 */
final class ReferenceAdam implements ReferenceUpdate {
  private final Optimizer.Adam adam;
  private final ReferenceParameters m;
  private final ReferenceParameters v;
  private long step;

  ReferenceAdam(Optimizer.Adam adam, LstmSpec spec) {
    this.adam = adam;
    m = ReferenceParameters.zeros(spec);
    v = ReferenceParameters.zeros(spec);
  }

  @Override
  public void apply(ReferenceParameters weights, ReferenceParameters gradients) {
    step++;
    double b1 = adam.beta1();
    double b2 = adam.beta2();
    double eps = adam.epsilon();
    double lrT = adam.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
    double[][] w = weights.tensors();
    double[][] g = gradients.tensors();
    double[][] mt = m.tensors();
    double[][] vt = v.tensors();
    for (int n = 0; n < w.length; n++) {
      double[] wn = w[n];
      double[] gn = g[n];
      double[] mn = mt[n];
      double[] vn = vt[n];
      for (int k = 0; k < wn.length; k++) {
        mn[k] = b1 * mn[k] + (1 - b1) * gn[k];
        vn[k] = b2 * vn[k] + (1 - b2) * gn[k] * gn[k];
        wn[k] -= lrT * mn[k] / (Math.sqrt(vn[k]) + eps);
      }
    }
  }
}
