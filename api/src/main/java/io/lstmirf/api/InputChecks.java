package io.lstmirf.api;

import io.lstmirf.api.train.LossTarget;

/**
 * The checks every backend applies to what callers pass in, written once so that every engine
 * rejects the same inputs with the same messages.
 */
public final class InputChecks {
  private InputChecks() {}

  /**
   * Requires {@code value >= min} of a setting.
   *
   * @throws InvalidInputException "NAME must be at least MIN, got VALUE"
   */
  public static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new InvalidInputException(name + " must be at least " + min + ", got " + value);
    }
  }

  /**
   * Checks a batch of sequences {@code [B][T][I]}: box-shaped, non-empty, finite.
   *
   * @return the batch size B
   */
  public static int sequences(String name, double[][][] inputs, LstmSpec spec) {
    return sequences(name, inputs, spec, Precision.FLOAT64);
  }

  /**
   * Checks a batch of sequences {@code [B][T][I]}: box-shaped, non-empty, finite, and within the
   * range of the precision it will be computed in.
   *
   * @return the batch size B
   */
  public static int sequences(
      String name, double[][][] inputs, LstmSpec spec, Precision precision) {
    if (inputs == null || inputs.length == 0) {
      throw new InvalidInputException(
          name + " is empty; expected [batch][time][" + spec.inputSize() + "] with batch >= 1");
    }
    if (inputs[0] == null || inputs[0].length == 0) {
      throw new InvalidInputException(
          name
              + "[0] has no time steps; expected [batch][time]["
              + spec.inputSize()
              + "] with time >= 1");
    }
    FlatArrays.requireBox(name, inputs, inputs.length, inputs[0].length, spec.inputSize());
    FlatArrays.requireRepresentable(name, inputs, precision);
    return inputs.length;
  }

  /** Checks one time step of a session's batch, {@code [B][I]}, finite. */
  public static void step(double[][] inputs, int batchSize, LstmSpec spec) {
    step(inputs, batchSize, spec, Precision.FLOAT64);
  }

  /** Checks one time step of a session's batch, {@code [B][I]}, within {@code precision}. */
  public static void step(double[][] inputs, int batchSize, LstmSpec spec, Precision precision) {
    FlatArrays.requireBox("inputs", inputs, batchSize, spec.inputSize());
    FlatArrays.requireRepresentable("inputs", inputs, precision);
  }

  /**
   * Checks training targets for inputs of {@code batchSize} sequences of {@code timeSteps}: {@code
   * [B][T][O]} for every-step loss, {@code [B][1][O]} for last-step loss.
   */
  public static void targets(
      double[][][] targets, int batchSize, int timeSteps, LstmSpec spec, LossTarget loss) {
    targets(targets, batchSize, timeSteps, spec, loss, Precision.FLOAT64);
  }

  /**
   * As {@link #targets(double[][][], int, int, LstmSpec, LossTarget)}, within {@code precision}.
   */
  public static void targets(
      double[][][] targets,
      int batchSize,
      int timeSteps,
      LstmSpec spec,
      LossTarget loss,
      Precision precision) {
    int steps = loss.targetSteps(timeSteps);
    if (targets == null
        || targets.length != batchSize
        || targets[0] == null
        || targets[0].length != steps) {
      throw new InvalidInputException(
          "targets have shape "
              + shape(targets)
              + "; expected ["
              + batchSize
              + "]["
              + steps
              + "]["
              + spec.responseSize()
              + "] for "
              + loss.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " loss");
    }
    FlatArrays.requireBox("targets", targets, batchSize, steps, spec.responseSize());
    FlatArrays.requireRepresentable("targets", targets, precision);
  }

  /**
   * Checks a memory-gate bias vector for one layer: {@code [directions * H]}, finite. Messages name
   * the gate (forget gate of an LSTM, update gate of a GRU).
   */
  public static void memoryGateBias(double[] bias, LstmSpec spec, int layer) {
    memoryGateBias(bias, spec, layer, Precision.FLOAT64);
  }

  /** As {@link #memoryGateBias(double[], LstmSpec, int)}, within {@code precision}'s range. */
  public static void memoryGateBias(double[] bias, LstmSpec spec, int layer, Precision precision) {
    LayerKind kind = spec.layerKind(layer);
    String gate = kind.cell().memoryBiasName();
    int expected = spec.layerOutputSize(layer);
    if (bias == null || bias.length != expected) {
      throw new InvalidInputException(
          gate
              + " has length "
              + (bias == null ? "null" : bias.length)
              + "; expected "
              + expected
              + (kind.directions() == 1 ? " (H)" : " (2H: forward then backward)"));
    }
    for (int k = 0; k < bias.length; k++) {
      if (!Double.isFinite(bias[k])) {
        throw new InvalidInputException(
            gate + "[" + k + "] is " + bias[k] + "; it must be a finite number");
      }
      if (!precision.holds(bias[k])) {
        throw new InvalidInputException(precision.rangeError(gate + "[" + k + "]", bias[k]));
      }
    }
  }

  /** Checks a state fed to a model: finite, and within the range of {@code precision}. */
  public static void state(String name, LstmState state, Precision precision) {
    FlatArrays.requireRepresentable(name + ".h", state.h(), precision);
    FlatArrays.requireRepresentable(name + ".c", state.c(), precision);
  }

  /** Checks a layer index. */
  public static void layer(int layer, LstmSpec spec) {
    if (layer < 0 || layer >= spec.numLayers()) {
      throw new InvalidInputException(
          "layer "
              + layer
              + " does not exist: the model has "
              + spec.numLayers()
              + " layer(s), 0.."
              + (spec.numLayers() - 1));
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
