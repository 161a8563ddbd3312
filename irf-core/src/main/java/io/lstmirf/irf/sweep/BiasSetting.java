package io.lstmirf.irf.sweep;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.init.BiasInit;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one arm of a sweep sets the forget-gate bias: held at a fixed initial value, drawn by chrono
 * initialisation, or started at a value and moved by the {@link AdaptiveForgetBias adaptive
 * rule}. Written as a short label ({@code 1.0}, {@code chrono(90.0)}, {@code adaptive(1.0)}) in
 * files and tables; {@link #parse} reads it back.
 */
public sealed interface BiasSetting permits BiasSetting.Fixed, BiasSetting.Chrono,
    BiasSetting.Adaptive {

  /** The label: {@code 1.0}, {@code chrono(90.0)} or {@code adaptive(1.0)}. */
  String label();

  /** How the initial weights' biases are drawn. */
  BiasInit initialBias();

  /** The forget bias this arm starts from when it is one number for every unit. */
  OptionalDouble startValue();

  /** Every forget bias {@code value}, every other bias 0; training may then move them. */
  record Fixed(double value) implements BiasSetting {
    public Fixed {
      requireFinite(value);
    }

    @Override
    public String label() {
      return Double.toString(value);
    }

    @Override
    public BiasInit initialBias() {
      return new BiasInit.ForgetBias(value);
    }

    @Override
    public OptionalDouble startValue() {
      return OptionalDouble.of(value);
    }
  }

  /** Chrono initialisation with time scales up to {@code maxTimeScale} (see BiasInit.Chrono). */
  record Chrono(double maxTimeScale) implements BiasSetting {
    public Chrono {
      new BiasInit.Chrono(maxTimeScale); // same checks, same message
    }

    @Override
    public String label() {
      return "chrono(" + maxTimeScale + ")";
    }

    @Override
    public BiasInit initialBias() {
      return new BiasInit.Chrono(maxTimeScale);
    }

    @Override
    public OptionalDouble startValue() {
      return OptionalDouble.empty();
    }
  }

  /** Starts at forget bias {@code start} (others 0) and applies the adaptive rule each epoch. */
  record Adaptive(double start) implements BiasSetting {
    public Adaptive {
      requireFinite(start);
      AdaptiveForgetBias.requireInRange(start);
    }

    @Override
    public String label() {
      return "adaptive(" + start + ")";
    }

    @Override
    public BiasInit initialBias() {
      return new BiasInit.ForgetBias(start);
    }

    @Override
    public OptionalDouble startValue() {
      return OptionalDouble.of(start);
    }
  }

  /** Reads a {@link #label()} back. */
  static BiasSetting parse(String label) {
    String t = label == null ? "" : label.trim();
    Matcher m = Pattern.compile("(chrono|adaptive)\\((.*)\\)").matcher(t);
    try {
      if (m.matches()) {
        double v = Double.parseDouble(m.group(2));
        return m.group(1).equals("chrono") ? new Chrono(v) : new Adaptive(v);
      }
      return new Fixed(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("unknown bias setting '" + label + "': expected a number,"
          + " chrono(T) or adaptive(b)");
    }
  }

  private static void requireFinite(double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException("a forget bias must be a finite number, got " + value);
    }
  }
}
