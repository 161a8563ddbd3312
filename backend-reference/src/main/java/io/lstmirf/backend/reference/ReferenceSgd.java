package io.lstmirf.backend.reference;

/** Plain gradient descent, {@code w -= lr g}. Stateless. */
record ReferenceSgd(double learningRate) implements ReferenceUpdate {

  @Override
  public void apply(ReferenceParameters weights, ReferenceParameters gradients) {
    double[][] w = weights.tensors();
    double[][] g = gradients.tensors();
    for (int n = 0; n < w.length; n++) {
      double[] wn = w[n];
      double[] gn = g[n];
      for (int k = 0; k < wn.length; k++) {
        wn[k] -= learningRate * gn[k];
      }
    }
  }
}
