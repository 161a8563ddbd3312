package io.lstmirf.irf;

import io.lstmirf.api.ForwardResult;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmState;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.Trace;
import java.util.Arrays;
import java.util.Set;

/**
 * The engine calls every impulse response is built on: many independent rows of input run through
 * one model, either as one batched forward call ({@link IrfMode#SEQUENCE}) or through one stateful
 * session stepped once per time step ({@link IrfMode#STEP}, the way the original analysis drove the
 * LSTM). The two give the same numbers to the precision's rounding; rows never interact, so a batch
 * may be split into chunks of rows at will.
 */
public final class ModelRuns {
  private static final Set<Trace> CELL_TRACE = Set.of(Trace.CELL_STATES);

  private final LstmModel model;
  private final IrfMode mode;

  /** What every row did: responses {@code [B][T][R]} and top-layer cells {@code [B][T][H]}. */
  record Trajectories(double[][][] responses, double[][][] cells) {}

  /** Runs of {@code model} in {@code mode}. */
  public ModelRuns(LstmModel model, IrfMode mode) {
    if (model == null || mode == null) {
      throw new InvalidInputException("model runs need a model and a mode");
    }
    this.model = model;
    this.mode = mode;
  }

  public LstmModel model() {
    return model;
  }

  public IrfMode mode() {
    return mode;
  }

  /**
   * The response at the last step of every row, each row run from the zero state: {@code [B][R]}
   * for inputs {@code [B][T][I]}, at most {@code maxRows} rows per engine call. This is how a
   * many-to-one forecaster is applied to windows.
   */
  public double[][] lastResponses(double[][][] inputs, int maxRows) {
    ShockedRuns.checkMaxRows(maxRows);
    double[][] out = new double[inputs.length][];
    for (int from = 0; from < inputs.length; from += maxRows) {
      int to = Math.min(inputs.length, from + maxRows);
      double[][][] chunk = Arrays.copyOfRange(inputs, from, to);
      double[][][] y =
          mode == IrfMode.SEQUENCE
              ? model.forward(chunk).responses()
              : step(chunk, null, Integer.MAX_VALUE).responses();
      for (int b = 0; b < y.length; b++) {
        out[from + b] = y[b][y[b].length - 1];
      }
    }
    return out;
  }

  /**
   * Every row's trajectories with the top layer's cell states, from {@code state} (null for zeros).
   * In step mode the cells are read back only from step {@code firstCellStep} on (null before it),
   * since reading them costs a state copy per step.
   */
  Trajectories trajectories(double[][][] inputs, LstmState state, int firstCellStep) {
    if (mode == IrfMode.STEP) {
      return step(inputs, state, firstCellStep);
    }
    ForwardResult r = model.forward(inputs, state, CELL_TRACE);
    double[][][] cells =
        r.cellStates()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "backend '"
                            + model.backendName()
                            + "' returned no cell states although they were asked for"));
    return new Trajectories(r.responses(), cells);
  }

  /** Every row's trajectories from a session stepped once per time step. */
  private Trajectories step(double[][][] inputs, LstmState state, int firstCellStep) {
    int rows = inputs.length;
    int steps = inputs[0].length;
    int top = model.spec().numLayers() - 1;
    // A GRU's memory is its hidden state; an LSTM's is its cell state (Trace.CELL_STATES).
    boolean memoryIsHidden = !model.spec().layerKind(top).cell().hasCellState();
    double[][][] y = new double[rows][steps][];
    double[][][] c = new double[rows][steps][];
    double[][] x = new double[rows][];
    try (LstmSession session = model.openSession(rows)) {
      if (state != null) {
        session.setState(state);
      }
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < rows; b++) {
          x[b] = inputs[b][t];
        }
        StepResult r = session.step(x);
        double[][] responses = r.responses();
        LstmState now = t >= firstCellStep ? session.state() : null;
        double[][] cells = now == null ? null : (memoryIsHidden ? now.h() : now.c())[top];
        for (int b = 0; b < rows; b++) {
          y[b][t] = responses[b];
          c[b][t] = cells == null ? null : cells[b];
        }
      }
    }
    return new Trajectories(y, c);
  }
}
