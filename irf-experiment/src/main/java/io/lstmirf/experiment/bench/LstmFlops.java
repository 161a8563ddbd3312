package io.lstmirf.experiment.bench;

import io.lstmirf.api.LstmSpec;

/**
 * The arithmetic of an LSTM pass, counted as its matrix products: each layer, at each time step and
 * for each batch row, multiplies {@code [x, h]} (I + H values, I = H above the first layer) by the
 * {@code [(I + H) x 4H]} gate weights, a multiply and an add per term. So a forward pass of a
 * sequence costs {@code 2 * T * B * (I + H) * 4H} per layer; the gates' elementwise work and the
 * dense head are small beside it and left out. A training step's backward pass does two more such
 * products (the gradients of the inputs and of the weights), so it counts 3x.
 */
final class LstmFlops {
  private LstmFlops() {}

  /** One forward pass of {@code batch} sequences of {@code steps} steps. */
  static double forward(LstmSpec spec, long batch, long steps) {
    double perRowStep = 0;
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = l == 0 ? spec.inputSize() : spec.hiddenSize();
      perRowStep += 2.0 * (in + spec.hiddenSize()) * 4 * spec.hiddenSize();
    }
    return perRowStep * batch * steps;
  }

  /** A forward and backward pass (training) of the same batch. */
  static double forwardAndBackward(LstmSpec spec, long batch, long steps) {
    return 3 * forward(spec, batch, steps);
  }
}
