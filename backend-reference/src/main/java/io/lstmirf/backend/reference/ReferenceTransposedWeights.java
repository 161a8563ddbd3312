package io.lstmirf.backend.reference;

/**
 * Transposed copies {@code W_ih^T [in x 4H]} and {@code W_hh^T [H x 4H]} of every layer's
 * weights, for {@link ReferenceCell#preActivationsTransposed}, whose row updates the JIT vectorises.
 * A snapshot: {@link #refresh} it whenever the live weights may have moved (a trainer step).
 */
final class ReferenceTransposedWeights {
  private final ReferenceParameters params;
  final double[][] weightIh;
  final double[][] weightHh;

  ReferenceTransposedWeights(ReferenceParameters params) {
    this.params = params;
    int layers = params.spec.numLayers();
    weightIh = new double[layers][];
    weightHh = new double[layers][];
    for (int l = 0; l < layers; l++) {
      weightIh[l] = new double[params.weightIh[l].length];
      weightHh[l] = new double[params.weightHh[l].length];
    }
    refresh();
  }

  /** Copies the live weights again. */
  void refresh() {
    int hidden = params.spec.hiddenSize();
    for (int l = 0; l < weightIh.length; l++) {
      transpose(params.weightIh[l], 4 * hidden, params.spec.layerInputSize(l), weightIh[l]);
      transpose(params.weightHh[l], 4 * hidden, hidden, weightHh[l]);
    }
  }

  /** {@code out = m^T} for a row-major {@code m [rows x cols]}. */
  private static void transpose(double[] m, int rows, int cols, double[] out) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = m[r * cols + c];
      }
    }
  }
}
