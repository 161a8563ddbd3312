package io.lstmirf.backend.reference;

/** Plain gradient descent, {@code w -= lr g}. Stateless. */
record SgdUpdate(double learningRate) implements ParameterUpdate {

  @Override
  public void apply(Parameters weights, Parameters gradients) {
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
