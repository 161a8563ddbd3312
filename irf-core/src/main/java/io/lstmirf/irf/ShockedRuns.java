package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where impulse responses are computed. Every baseline and every shocked copy of a
 * baseline is a row of one batch; a shock's response is its row's output minus its baseline row's
 * output, from the shock time on. Rows never interact, so the batch is split into chunks of at most
 * {@code maxRows} rows (each carrying the baselines its shocks need) only to bound memory.
 */
final class ShockedRuns {
  private final LstmModel model;
  private final ModelRuns runs;
  private final int maxRows;

  ShockedRuns(LstmModel model, IrfMode mode, int maxRows) {
    if (model == null || mode == null) {
      throw new InvalidInputException("an impulse response needs a model and a mode");
    }
    this.model = model;
    this.runs = new ModelRuns(model, mode);
    this.maxRows = checkMaxRows(maxRows);
  }

  /** Returns {@code maxRows} if it can hold a baseline and one shocked row; throws otherwise. */
  static int checkMaxRows(int maxRows) {
    if (maxRows < 2) {
      throw new InvalidInputException(
          "max rows per forward call must be >= 2 (a baseline and"
              + " a shocked row), got "
              + maxRows);
    }
    return maxRows;
  }

  /**
   * The response to each shock, in order.
   *
   * @param baselines {@code [M][T][I]}, every row long enough for the shocks added to it
   * @param initialStates the start state of each baseline, {@code [L][M][H]}
   * @param baselineOf for shock {@code s}, the index of the baseline it is added to
   */
  List<ImpulseResponse> run(
      double[][][] baselines,
      LstmState initialStates,
      int[] baselineOf,
      List<Shock> shocks,
      int horizon) {
    checkPlan(baselines, initialStates, baselineOf, shocks, horizon);
    List<ImpulseResponse> out = new ArrayList<>(shocks.size());
    int from = 0;
    while (from < shocks.size()) {
      Map<Integer, Integer> rowOfBaseline = new LinkedHashMap<>();
      int to = from;
      while (to < shocks.size()) {
        int extra = rowOfBaseline.containsKey(baselineOf[to]) ? 1 : 2;
        if (rowOfBaseline.size() + (to - from) + extra > maxRows) {
          break;
        }
        rowOfBaseline.putIfAbsent(baselineOf[to], rowOfBaseline.size());
        to++;
      }
      out.addAll(
          runChunk(
              baselines,
              initialStates,
              rowOfBaseline,
              baselineOf,
              shocks.subList(from, to),
              from,
              horizon));
      from = to;
    }
    return out;
  }

  private List<ImpulseResponse> runChunk(
      double[][][] baselines,
      LstmState initialStates,
      Map<Integer, Integer> rowOfBaseline,
      int[] baselineOf,
      List<Shock> shocks,
      int offset,
      int horizon) {
    int bases = rowOfBaseline.size();
    int rows = bases + shocks.size();
    int steps = 0;
    for (Shock s : shocks) {
      steps = Math.max(steps, s.time() + horizon);
    }
    double[][][] inputs = new double[rows][][];
    int[] baseRow = new int[rows];
    for (Map.Entry<Integer, Integer> e : rowOfBaseline.entrySet()) {
      inputs[e.getValue()] = prefix(baselines[e.getKey()], steps);
      baseRow[e.getValue()] = e.getKey();
    }
    for (int k = 0; k < shocks.size(); k++) {
      Shock s = shocks.get(k);
      int row = bases + k;
      int base = baselineOf[offset + k];
      inputs[row] = prefix(baselines[base], steps);
      inputs[row][s.time()][s.channel()] += s.size();
      baseRow[row] = base;
    }
    LstmState state = rowStates(initialStates, baseRow);
    int firstShock = Integer.MAX_VALUE;
    for (Shock s : shocks) {
      firstShock = Math.min(firstShock, s.time());
    }
    ModelRuns.Trajectories run = runs.trajectories(inputs, state, firstShock);
    double[][][] y = run.responses();
    double[][][] c = run.cells();
    List<ImpulseResponse> out = new ArrayList<>(shocks.size());
    for (int k = 0; k < shocks.size(); k++) {
      Shock s = shocks.get(k);
      int row = bases + k;
      int base = rowOfBaseline.get(baselineOf[offset + k]);
      out.add(
          new ImpulseResponse(
              s,
              difference(y[row], y[base], s.time(), horizon),
              difference(c[row], c[base], s.time(), horizon)));
    }
    return out;
  }

  private static double[][] difference(double[][] shocked, double[][] base, int t0, int horizon) {
    double[][] d = new double[horizon][shocked[t0].length];
    for (int j = 0; j < horizon; j++) {
      double[] a = shocked[t0 + j];
      double[] b = base[t0 + j];
      for (int k = 0; k < a.length; k++) {
        d[j][k] = a[k] - b[k];
      }
    }
    return d;
  }

  private static double[][] prefix(double[][] baseline, int steps) {
    double[][] out = new double[steps][];
    for (int t = 0; t < steps; t++) {
      out[t] = baseline[t].clone();
    }
    return out;
  }

  /**
   * The start state of each row, taken from its baseline; null (the engines' zero-state fast path)
   * when every one is zero.
   */
  private static LstmState rowStates(LstmState initialStates, int[] baseRow) {
    double[][][] h = initialStates.h();
    double[][][] c = initialStates.c();
    boolean zero = true;
    double[][][] rh = new double[h.length][baseRow.length][];
    double[][][] rc = new double[h.length][baseRow.length][];
    for (int l = 0; l < h.length; l++) {
      for (int row = 0; row < baseRow.length; row++) {
        rh[l][row] = h[l][baseRow[row]].clone();
        rc[l][row] = c[l][baseRow[row]].clone();
        zero &= isZero(rh[l][row]) && isZero(rc[l][row]);
      }
    }
    return zero ? null : new LstmState(rh, rc);
  }

  private static boolean isZero(double[] v) {
    for (double x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private void checkPlan(
      double[][][] baselines,
      LstmState initialStates,
      int[] baselineOf,
      List<Shock> shocks,
      int horizon) {
    LstmSpec spec = model.spec();
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1 lag, got " + horizon);
    }
    if (shocks.isEmpty()) {
      throw new InvalidInputException("no shocks given; an impulse response needs at least one");
    }
    if (baselineOf.length != shocks.size()) {
      throw new IllegalArgumentException(
          shocks.size() + " shocks but " + baselineOf.length + " baseline indices");
    }
    initialStates.requireShape(spec, baselines.length);
    for (int k = 0; k < shocks.size(); k++) {
      Shock s = shocks.get(k).requireFits(spec);
      int needed = s.time() + horizon;
      int have = baselines[baselineOf[k]].length;
      if (have < needed) {
        throw new InvalidInputException(
            "shock at time "
                + s.time()
                + " with horizon "
                + horizon
                + " needs "
                + needed
                + " baseline steps but the baseline has "
                + have);
      }
    }
  }
}
