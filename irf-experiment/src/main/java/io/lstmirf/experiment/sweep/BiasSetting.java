package io.lstmirf.experiment.sweep;

import io.lstmirf.api.Gate;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.BiasInit;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.init.WeightScheme;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one arm of a sweep sets the LSTM's biases: the forget bias held at a value (the other gates'
 * at 0), every gate's bias at a value (the original code's initialisation), chrono initialisation,
 * or a forget bias moved by the {@link AdaptiveForgetBias adaptive rule}. Written as a short label
 * ({@code 1.0}, {@code all(1.0)}, {@code chrono(90.0)}, {@code adaptive(1.0)}) in files and tables;
 * {@link #parse} reads it back.
 *
 * <p>Every arm draws the same Xavier weight matrices from a seed; arms differ only in the biases.
 */
public sealed interface BiasSetting
    permits BiasSetting.Fixed, BiasSetting.AllGates, BiasSetting.Chrono, BiasSetting.Adaptive {

  /** The label: {@code 1.0}, {@code all(1.0)}, {@code chrono(90.0)} or {@code adaptive(1.0)}. */
  String label();

  /** The initial weights of this arm for {@code spec} and {@code seed}. */
  LstmWeights initialWeights(LstmSpec spec, long seed);

  /**
   * The bias value of an arm that a sweep over biases sets to one value ({@link Fixed} and {@link
   * AllGates}); empty for the others.
   */
  OptionalDouble sweptValue();

  /** Every forget bias {@code value}, every other bias 0: the forget gate isolated. */
  record Fixed(double value) implements BiasSetting {
    public Fixed {
      requireFinite(value);
    }

    @Override
    public String label() {
      return Double.toString(value);
    }

    @Override
    public LstmWeights initialWeights(LstmSpec spec, long seed) {
      return xavier(spec, new BiasInit.ForgetBias(value), seed);
    }

    @Override
    public OptionalDouble sweptValue() {
      return OptionalDouble.of(value);
    }
  }

  /**
   * Every bias of every gate {@code value}, as the original experiment's code set them: besides the
   * forget gate it opens the input and output gates and shifts the candidate. Kept to measure what
   * the original's numbers measured, not as a way to set the forget bias.
   */
  record AllGates(double value) implements BiasSetting {
    public AllGates {
      requireFinite(value);
    }

    @Override
    public String label() {
      return "all(" + value + ")";
    }

    @Override
    public LstmWeights initialWeights(LstmSpec spec, long seed) {
      LstmWeights w = xavier(spec, new BiasInit.ForgetBias(value), seed);
      double[] filled = new double[spec.hiddenSize()];
      Arrays.fill(filled, value);
      for (int l = 0; l < spec.numLayers(); l++) {
        var layer = w.layer(l);
        for (Gate g : Gate.values()) {
          layer = layer.withGateBias(g, filled);
        }
        w = w.withLayer(l, layer);
      }
      return w;
    }

    @Override
    public OptionalDouble sweptValue() {
      return OptionalDouble.of(value);
    }
  }

  /** Chrono initialisation with time scales up to {@code maxTimeScale} (see BiasInit.Chrono). */
  record Chrono(double maxTimeScale) implements BiasSetting {
    public Chrono {
      new BiasInit.Chrono(maxTimeScale); // the api's checks and message
    }

    @Override
    public String label() {
      return "chrono(" + maxTimeScale + ")";
    }

    @Override
    public LstmWeights initialWeights(LstmSpec spec, long seed) {
      return xavier(spec, new BiasInit.Chrono(maxTimeScale), seed);
    }

    @Override
    public OptionalDouble sweptValue() {
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
    public LstmWeights initialWeights(LstmSpec spec, long seed) {
      return xavier(spec, new BiasInit.ForgetBias(start), seed);
    }

    @Override
    public OptionalDouble sweptValue() {
      return OptionalDouble.empty();
    }
  }

  /** Reads a {@link #label()} back. */
  static BiasSetting parse(String label) {
    String t = label == null ? "" : label.trim();
    Matcher m = Pattern.compile("(all|chrono|adaptive)\\((.*)\\)").matcher(t);
    try {
      if (m.matches()) {
        double v = Double.parseDouble(m.group(2));
        return switch (m.group(1)) {
          case "all" -> new AllGates(v);
          case "chrono" -> new Chrono(v);
          default -> new Adaptive(v);
        };
      }
      return new Fixed(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "unknown bias setting '"
              + label
              + "': expected a number,"
              + " all(b), chrono(T) or adaptive(b)");
    }
  }

  private static LstmWeights xavier(LstmSpec spec, BiasInit biases, long seed) {
    return Initializer.initialize(spec, WeightScheme.XAVIER, biases, seed);
  }

  private static void requireFinite(double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException("a bias must be a finite number, got " + value);
    }
  }
}
