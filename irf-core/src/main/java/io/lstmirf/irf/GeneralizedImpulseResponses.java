package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generalized impulse responses (Koop, Pesaran and Potter 1996) of one model over a data set.
 *
 * <p>A <em>history</em> is a stretch of {@code t0 + N} consecutive steps of real data (see {@link
 * History}): the {@code t0} steps before the shock, run from the zero state, put the model in a
 * state the data can actually produce; the shock is added at step {@code t0}; the following steps
 * are the data's actual continuation, the same for the baseline and the shocked run. The model's
 * inputs are exogenous here (its outputs are not fed back), so conditioning on the realised
 * continuation and averaging over histories integrates over both the state at the shock and the
 * future inputs, which is what the GIRF's expectation does.
 *
 * <p>Histories are drawn uniformly without replacement from every start position of every series
 * with a {@link SplittableRandom} seeded by {@link GirfSpec#seed()}, then sorted; if the data hold
 * no more histories than asked for, all are used and the seed plays no part. Every history and its
 * shocked copy are rows of batched forward calls (or of one session, in step mode).
 */
public final class GeneralizedImpulseResponses {
  private final LstmModel model;
  private final int maxRows;

  /** Generalized IRFs of {@code model}, {@value ImpulseResponses#DEFAULT_MAX_ROWS} rows a call. */
  public GeneralizedImpulseResponses(LstmModel model) {
    this(model, ImpulseResponses.DEFAULT_MAX_ROWS);
  }

  /**
   * @param maxRows the most batch rows (histories plus shocked copies) per forward call
   */
  public GeneralizedImpulseResponses(LstmModel model, int maxRows) {
    this.model = Objects.requireNonNull(model, "model");
    this.maxRows = ShockedRuns.checkMaxRows(maxRows);
  }

  /** The generalized IRF over histories drawn from one data series {@code [T][I]}. */
  public GeneralizedImpulseResponse compute(double[][] data, GirfSpec spec, IrfMode mode) {
    return compute(List.<double[][]>of(Objects.requireNonNull(data, "data")), spec, mode);
  }

  /**
   * The generalized IRF over histories drawn from several data series, each {@code [T_s][I]} (e.g.
   * separate sessions or assets); a history never spans two series.
   */
  public GeneralizedImpulseResponse compute(List<double[][]> series, GirfSpec spec, IrfMode mode) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(mode, "mode");
    LstmSpec modelSpec = model.spec();
    int[] lengths = checkSeries(series, modelSpec);
    spec.shock().requireFits(modelSpec);
    int length = spec.historyLength();
    List<History> histories = drawHistories(lengths, length, spec.histories(), spec.seed());
    int m = histories.size();
    double[][][] baselines = new double[m][][];
    for (int i = 0; i < m; i++) {
      History h = histories.get(i);
      baselines[i] = Arrays.copyOfRange(series.get(h.series()), h.start(), h.start() + length);
    }
    int[] baselineOf = new int[m];
    Arrays.setAll(baselineOf, i -> i);
    List<ImpulseResponse> responses =
        new ShockedRuns(model, mode, maxRows)
            .run(
                baselines,
                LstmState.zeros(modelSpec, m),
                baselineOf,
                Collections.nCopies(m, spec.shock()),
                spec.horizon());
    double[][][] y = new double[m][][];
    double[][][] c = new double[m][][];
    for (int i = 0; i < m; i++) {
      y[i] = responses.get(i).response();
      c[i] = responses.get(i).cellResponse();
    }
    return new GeneralizedImpulseResponse(
        spec,
        histories,
        SampleStatistics.mean(y),
        SampleStatistics.quantiles(y, spec.quantiles()),
        SampleStatistics.mean(c),
        SampleStatistics.quantiles(c, spec.quantiles()));
  }

  /**
   * The histories a GIRF uses: {@code count} distinct start positions drawn uniformly without
   * replacement from all positions where {@code historyLength} steps fit, sorted by series and
   * start; all positions if there are no more than {@code count}.
   *
   * @param seriesLengths the number of steps of each series
   * @throws InvalidInputException if no series is long enough for one history
   */
  public static List<History> drawHistories(
      int[] seriesLengths, int historyLength, int count, long seed) {
    if (count < 1) {
      throw new InvalidInputException("histories must be at least 1, got " + count);
    }
    long total = 0;
    int longest = 0;
    for (int len : seriesLengths) {
      total += Math.max(0, len - historyLength + 1);
      longest = Math.max(longest, len);
    }
    if (total == 0) {
      throw new InvalidInputException(
          "no history fits in the data: each needs shock time + "
              + "horizon = "
              + historyLength
              + " steps but the longest series has "
              + longest
              + "; use more data, an earlier shock or a shorter horizon");
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("the data hold " + total + " histories; split the data");
    }
    int[] positions = new int[(int) total];
    Arrays.setAll(positions, i -> i);
    int chosen = (int) Math.min(count, total);
    if (chosen < total) {
      // partial Fisher-Yates: the first `chosen` entries become a uniform sample
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < chosen; i++) {
        int j = i + random.nextInt(positions.length - i);
        int t = positions[i];
        positions[i] = positions[j];
        positions[j] = t;
      }
      Arrays.sort(positions, 0, chosen);
    }
    List<History> out = new ArrayList<>(chosen);
    for (int i = 0; i < chosen; i++) {
      int p = positions[i];
      int s = 0;
      while (p >= Math.max(0, seriesLengths[s] - historyLength + 1)) {
        p -= Math.max(0, seriesLengths[s] - historyLength + 1);
        s++;
      }
      out.add(new History(s, p));
    }
    return out;
  }

  private static int[] checkSeries(List<double[][]> series, LstmSpec spec) {
    if (series == null || series.isEmpty()) {
      throw new InvalidInputException(
          "no data: a generalized IRF draws histories from at least"
              + " one series [time][inputs]");
    }
    int[] lengths = new int[series.size()];
    for (int s = 0; s < series.size(); s++) {
      double[][] x = series.get(s);
      String name = series.size() == 1 ? "data" : "data series " + s;
      if (x == null || x.length == 0) {
        throw new InvalidInputException(
            name + " is empty; expected [time][" + spec.inputSize() + "]");
      }
      FlatArrays.requireBox(name, x, x.length, spec.inputSize());
      FlatArrays.requireFinite(name, x);
      lengths[s] = x.length;
    }
    return lengths;
  }
}
