package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import java.util.Locale;

/** How an impulse response is computed. Both give the same numbers; they differ in cost. */
public enum IrfMode {
  /**
   * Baseline and shocked inputs as rows of one batched whole-sequence forward call: the fast way,
   * and the only one that records the cell state inside the engine's own sequence kernel.
   */
  SEQUENCE("sequence"),
  /**
   * A stateful session fed one time step at a time, carrying {@code (h, c)} between calls, the way
   * the original analysis ran its model online.
   */
  STEP("step");

  private final String id;

  IrfMode(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /** Parses {@code sequence} or {@code step}, case-insensitive. */
  public static IrfMode parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (IrfMode m : values()) {
      if (m.id.equals(t)) {
        return m;
      }
    }
    throw new InvalidInputException("unknown IRF mode '" + text + "': use sequence or step");
  }

  @Override
  public String toString() {
    return id;
  }
}
