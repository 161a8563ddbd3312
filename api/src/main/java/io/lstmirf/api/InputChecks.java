package io.lstmirf.api;

import io.lstmirf.api.train.LossTarget;

/**
 * The checks every backend applies to what callers pass in, written once so that every engine
 * rejects the same inputs with the same messages.
 */
public final class InputChecks {
  private InputChecks() {}

  /**
   * Checks a batch of sequences {@code [B][T][I]}: box-shaped, non-empty, finite.
   *
   * @return the batch size B
   */
  public static int sequences(String name, double[][][] inputs, LstmSpec spec) {
    if (inputs == null || inputs.length == 0) {
      throw new InvalidInputException(name + " is empty; expected [batch][time][" 
          + spec.inputSize() + "] with batch >= 1");
    }
    if (inputs[0] == null || inputs[0].length == 0) {
      throw new InvalidInputException(name + "[0] has no time steps; expected [batch][time]["
          + spec.inputSize() + "] with time >= 1");
    }
    FlatArrays.requireBox(name, inputs, inputs.length, inputs[0].length, spec.inputSize());
    FlatArrays.requireFinite(name, inputs);
    return inputs.length;
  }

  /** Checks one time step of a session's batch, {@code [B][I]}, finite. */
  public static void step(double[][] inputs, int batchSize, LstmSpec spec) {
    FlatArrays.requireBox("inputs", inputs, batchSize, spec.inputSize());
    FlatArrays.requireFinite("inputs", inputs);
  }

  /**
   * Checks training targets for inputs of {@code batchSize} sequences of {@code timeSteps}:
   * {@code [B][T][O]} for every-step loss, {@code [B][1][O]} for last-step loss.
   */
  public static void targets(double[][][] targets, int batchSize, int timeSteps, LstmSpec spec,
      LossTarget loss) {
    int steps = loss.targetSteps(timeSteps);
    if (targets == null || targets.length != batchSize || targets[0] == null
        || targets[0].length != steps) {
      throw new InvalidInputException("targets have shape " + shape(targets) + "; expected ["
          + batchSize + "][" + steps + "][" + spec.responseSize() + "] for "
          + loss.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " loss");
    }
    FlatArrays.requireBox("targets", targets, batchSize, steps, spec.responseSize());
    FlatArrays.requireFinite("targets", targets);
  }

  /**
   * Checks a memory-gate bias vector for one layer: {@code [directions * H]}, finite. Messages
   * name the gate (forget gate of an LSTM, update gate of a GRU).
   */
  public static void memoryGateBias(double[] bias, LstmSpec spec, int layer) {
    LayerKind kind = spec.layerKind(layer);
    String gate = kind.cell().memoryBiasName();
    int expected = spec.layerOutputSize(layer);
    if (bias == null || bias.length != expected) {
      throw new InvalidInputException(gate + " has length "
          + (bias == null ? "null" : bias.length) + "; expected " + expected
          + (kind.directions() == 1 ? " (H)" : " (2H: forward then backward)"));
    }
    for (int k = 0; k < bias.length; k++) {
      if (!Double.isFinite(bias[k])) {
        throw new InvalidInputException(gate + "[" + k + "] is " + bias[k]
            + "; it must be a finite number");
      }
    }
  }

  /** Checks a layer index. */
  public static void layer(int layer, LstmSpec spec) {
    if (layer < 0 || layer >= spec.numLayers()) {
      throw new InvalidInputException("layer " + layer + " does not exist: the model has "
          + spec.numLayers() + " layer(s), 0.." + (spec.numLayers() - 1));
    }
  }

  private static String shape(double[][][] a) {
    if (a == null) {
      return "null";
    }
    if (a.length == 0 || a[0] == null) {
      return "[" + a.length + "]";
    }
    if (a[0].length == 0 || a[0][0] == null) {
      return "[" + a.length + "][" + a[0].length + "]";
    }
    return "[" + a.length + "][" + a[0].length + "][" + a[0][0].length + "]";
  }
}
