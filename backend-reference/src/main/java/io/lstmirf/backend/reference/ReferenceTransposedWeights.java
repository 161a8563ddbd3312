package io.lstmirf.backend.reference;

/**
 * Transposed copies {@code W_ih^T [in x G*H]} and {@code W_hh^T [H x G*H]} of every slot's weights,
 * for {@link ReferenceCell#preActivationsTransposed}, whose row updates the JIT vectorises. A
 * snapshot: {@link #refresh} it whenever the live weights may have moved (a trainer step).
 */
final class ReferenceTransposedWeights {
  private final ReferenceParameters params;
  final double[][] weightIh;
  final double[][] weightHh;

  ReferenceTransposedWeights(ReferenceParameters params) {
    this.params = params;
    int slots = params.slots.length;
    weightIh = new double[slots][];
    weightHh = new double[slots][];
    for (int s = 0; s < slots; s++) {
      weightIh[s] = new double[params.slots[s].weightIh.length];
      weightHh[s] = new double[params.slots[s].weightHh.length];
    }
    refresh();
  }

  /** Copies the live weights again. */
  void refresh() {
    for (int s = 0; s < weightIh.length; s++) {
      ReferenceParameters.Slot slot = params.slots[s];
      int rows = slot.gateRows();
      transpose(slot.weightIh, rows, slot.inputSize, weightIh[s]);
      transpose(slot.weightHh, rows, slot.hidden(), weightHh[s]);
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
