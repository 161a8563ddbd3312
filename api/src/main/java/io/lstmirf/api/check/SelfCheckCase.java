package io.lstmirf.api.check;

import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.Precision;
import java.util.List;
import java.util.OptionalInt;

/**
 * One model and input the self-check runs on a backend and on the reference, compared in one or
 * more modes (building a model is what costs most, so one model serves several). The weights,
 * inputs and initial state are drawn from {@code seed}, so a case means the same numbers on every
 * machine.
 *
 * @param precision the precision the backend computes the case in
 * @param modes what is compared, in this order
 * @param inputSize {@code I}
 * @param hiddenSize {@code H}
 * @param layers stacked layers
 * @param headSize outputs of the dense head, 0 for none
 * @param batch {@code B}
 * @param steps {@code T}
 * @param randomInitialState true to start from a random state rather than zeros
 * @param seed what the weights, inputs and state are drawn from
 */
public record SelfCheckCase(
    Precision precision,
    List<Mode> modes,
    int inputSize,
    int hiddenSize,
    int layers,
    int headSize,
    int batch,
    int steps,
    boolean randomInitialState,
    long seed) {

  public SelfCheckCase {
    modes = List.copyOf(modes);
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("a case compares at least one mode");
    }
  }

  /** What a case compares with the reference. */
  public enum Mode {
    /** One whole-sequence {@code forward} call: hidden states, head outputs, final state. */
    SEQUENCE("sequence"),
    /** A session stepped once per time step: the same quantities, step by step. */
    STEP("step"),
    /** {@code gradients}: the loss and every weight's gradient. */
    GRADIENTS("gradients");

    private final String id;

    Mode(String id) {
      this.id = id;
    }

    /** {@code sequence}, {@code step} or {@code gradients}. */
    public String id() {
      return id;
    }
  }

  /** The architecture of the case's model. */
  public LstmSpec spec() {
    return new LstmSpec(
        inputSize,
        hiddenSize,
        layers,
        headSize == 0 ? OptionalInt.empty() : OptionalInt.of(headSize));
  }

  /**
   * {@code "float32 sequence, 2 layers of 33 units + head 2 (I=3, B=2, T=16, random initial
   * state)"}.
   */
  public String describe(Mode mode) {
    return precision.id()
        + " "
        + mode.id()
        + ", "
        + layers
        + (layers == 1 ? " layer" : " layers")
        + " of "
        + hiddenSize
        + (hiddenSize == 1 ? " unit" : " units")
        + (headSize > 0 ? " + head " + headSize : "")
        + " (I="
        + inputSize
        + ", B="
        + batch
        + ", T="
        + steps
        + (randomInitialState ? ", random initial state" : "")
        + ")";
  }
}
