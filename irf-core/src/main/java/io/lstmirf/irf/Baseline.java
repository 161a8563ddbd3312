package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;

/**
 * The input sequence an impulse is added to. Shocked and baseline runs start from the same initial
 * state and see the same inputs except at the shock.
 */
public sealed interface Baseline permits Baseline.Zeros, Baseline.Window {

  /** Zero inputs from the zero state, exactly as long as the shocks and horizon need. */
  static Baseline zeros() {
    return new Zeros();
  }

  /** A window of real inputs {@code [T][I]} from the zero state. */
  static Baseline window(double[][] inputs) {
    return new Window(inputs, null);
  }

  /**
   * A window of real inputs {@code [T][I]} from {@code initialState} ({@code [L][1][H]}, e.g. the
   * state a stream had reached; null for zeros).
   */
  static Baseline window(double[][] inputs, LstmState initialState) {
    return new Window(inputs, initialState);
  }

  /**
   * The first {@code steps} baseline inputs {@code [steps][I]} for a model of {@code spec}.
   *
   * @throws InvalidInputException if a window is too short or has the wrong number of inputs
   */
  double[][] inputs(int steps, LstmSpec spec);

  /**
   * The state {@code [L][1][H]} both runs start from, for a model of {@code spec}.
   *
   * @throws InvalidInputException if a given state does not fit the model
   */
  LstmState initialState(LstmSpec spec);

  /** Zero inputs from the zero state; see {@link Baseline#zeros()}. */
  record Zeros() implements Baseline {
    @Override
    public double[][] inputs(int steps, LstmSpec spec) {
      return new double[steps][spec.inputSize()];
    }

    @Override
    public LstmState initialState(LstmSpec spec) {
      return LstmState.zeros(spec, 1);
    }
  }

  /**
   * A window of real inputs. Only its first {@code t0 + N} steps matter: an LSTM is causal, so
   * later inputs cannot change responses up to the horizon, and they are left out of the forward
   * pass. A window shorter than {@code t0 + N} is rejected rather than padded, since padding would
   * silently change the question asked.
   *
   * @param window inputs {@code [T][I]}, finite
   * @param initialState {@code [L][1][H]}, or null for zeros
   */
  record Window(double[][] window, LstmState initialState) implements Baseline {

    public Window {
      if (window == null || window.length == 0 || window[0] == null || window[0].length == 0) {
        throw new InvalidInputException(
            "baseline window is empty; expected [time][inputs]" + " with at least one step");
      }
      FlatArrays.requireBox("baseline", window, window.length, window[0].length);
      FlatArrays.requireFinite("baseline", window);
      window = FlatArrays.copy(window);
      if (initialState != null && initialState.batchSize() != 1) {
        throw new InvalidInputException(
            "baseline initial state has batch size "
                + initialState.batchSize()
                + "; a single baseline needs [layers][1][hidden]");
      }
    }

    /** The number of time steps in the window. */
    public int length() {
      return window.length;
    }

    @Override
    public double[][] window() {
      return FlatArrays.copy(window);
    }

    @Override
    public double[][] inputs(int steps, LstmSpec spec) {
      if (window[0].length != spec.inputSize()) {
        throw new InvalidInputException(
            "baseline has "
                + window[0].length
                + " input channel(s) per step but the model reads "
                + spec.inputSize());
      }
      if (window.length < steps) {
        throw new InvalidInputException(
            "baseline window has "
                + window.length
                + " steps but the shock time plus the horizon needs "
                + steps
                + "; pass a longer window, an earlier shock or a shorter horizon");
      }
      double[][] out = new double[steps][];
      for (int t = 0; t < steps; t++) {
        out[t] = window[t].clone();
      }
      return out;
    }

    @Override
    public LstmState initialState(LstmSpec spec) {
      return initialState == null ? LstmState.zeros(spec, 1) : initialState.requireShape(spec, 1);
    }
  }
}
