package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import java.util.List;
import java.util.Objects;

/**
 * Conditional impulse responses of one model: the response to a shock given one baseline history.
 * Works through the {@link LstmModel} api only, so it runs unchanged on every backend.
 *
 * <pre>{@code
 * ImpulseResponse r = new ImpulseResponses(model)
 *     .compute(Baseline.zeros(), new Shock(30, 0, 1.0), 100, IrfMode.SEQUENCE);
 * }</pre>
 *
 * <p>In {@link IrfMode#SEQUENCE sequence} mode the baseline and every shocked copy of it are rows
 * of one batched forward call (split only beyond {@link #maxRows()} rows); in {@link IrfMode#STEP
 * step} mode the same rows are fed to one stateful session a step at a time. Both start from the
 * baseline's initial state and run {@code max(t0) + N} steps.
 */
public final class ImpulseResponses {
  /** Rows per forward call unless told otherwise: bounds memory, not results. */
  public static final int DEFAULT_MAX_ROWS = 512;

  private final LstmModel model;
  private final int maxRows;

  /** Impulse responses of {@code model}, at most {@value #DEFAULT_MAX_ROWS} rows per call. */
  public ImpulseResponses(LstmModel model) {
    this(model, DEFAULT_MAX_ROWS);
  }

  /**
   * @param maxRows the most batch rows (baselines plus shocked copies) per forward call or session,
   *     at least 2
   */
  public ImpulseResponses(LstmModel model, int maxRows) {
    this.model = Objects.requireNonNull(model, "model");
    this.maxRows = ShockedRuns.checkMaxRows(maxRows);
  }

  /** The most batch rows per forward call. */
  public int maxRows() {
    return maxRows;
  }

  /** The response to one shock over {@code horizon} lags. */
  public ImpulseResponse compute(Baseline baseline, Shock shock, int horizon, IrfMode mode) {
    return computeAll(baseline, List.of(Objects.requireNonNull(shock, "shock")), horizon, mode)
        .get(0);
  }

  /**
   * The responses to many shocks (any times, channels, sizes and signs) added one at a time to the
   * same baseline, in one batch: the fast path for sweeps. Each result equals what {@link #compute}
   * gives for that shock alone.
   */
  public List<ImpulseResponse> computeAll(
      Baseline baseline, List<Shock> shocks, int horizon, IrfMode mode) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(mode, "mode");
    if (shocks == null || shocks.isEmpty()) {
      throw new InvalidInputException("no shocks given; an impulse response needs at least one");
    }
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1 lag, got " + horizon);
    }
    LstmSpec spec = model.spec();
    int steps = 0;
    for (Shock s : shocks) {
      steps = Math.max(steps, Objects.requireNonNull(s, "shock").time() + horizon);
    }
    double[][][] baselines = {baseline.inputs(steps, spec)};
    return new ShockedRuns(model, mode, maxRows)
        .run(
            baselines,
            baseline.initialState(spec),
            new int[shocks.size()],
            List.copyOf(shocks),
            horizon);
  }
}
