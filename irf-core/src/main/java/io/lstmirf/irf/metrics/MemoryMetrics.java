package io.lstmirf.irf.metrics;

import io.lstmirf.api.InvalidInputException;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How long one response series {@code r[0..n-1]} remembers its shock. The first three metrics are
 * the original analysis's definitions, kept bit for bit where they were well defined and made
 * explicit where numpy was silent; the rest are additions. Each is a pure function of the series.
 *
 * <p>Conventions shared by all methods: {@code n >= 1}, every value finite; the peak is the first
 * lag of largest {@code |r|} (numpy's {@code argmax} picks the first of equal values too).
 */
public final class MemoryMetrics {
  /** The number of final lags {@link #contributionRatio} measures, as in the original code. */
  public static final int TAIL_LAGS = 20;

  /** The share of cumulative squared response {@link #lag90} waits for. */
  public static final double ENERGY_SHARE = 0.9;

  private MemoryMetrics() {}

  /**
   * The original half-life: the first {@code j} with {@code |r[j]| < |r[0]| / 2}, with a strict
   * inequality. Empty when no lag qualifies, where numpy's {@code np.argmax(np.abs(r) <
   * np.abs(r[0]) / 2)} silently returned 0; in particular empty when {@code r[0] = 0}, since no
   * {@code |r[j]|} is below 0.
   */
  public static OptionalInt halfLife(double[] r) {
    requireSeries(r);
    return firstBelowHalf(r, 0);
  }

  /**
   * The half-life measured from the peak {@code p}: {@code j - p} for the first {@code j > p} with
   * {@code |r[j]| < |r[p]| / 2}. Equals {@link #halfLife} when the peak is at lag 0, and stays
   * meaningful when {@code r[0]} is tiny (a response that builds up before it decays). Empty when
   * the series never falls below half its peak, or is all zeros.
   */
  public static OptionalInt halfLifeFromPeak(double[] r) {
    int p = peakLag(r);
    OptionalInt j = firstBelowHalf(r, p);
    return j.isPresent() ? OptionalInt.of(j.getAsInt() - p) : j;
  }

  private static OptionalInt firstBelowHalf(double[] r, int from) {
    double half = Math.abs(r[from]) / 2;
    for (int j = from + 1; j < r.length; j++) {
      if (Math.abs(r[j]) < half) {
        return OptionalInt.of(j);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The original contribution ratio {@code sum(r[n-20..n-1]^2) / sum(r^2)}: the share of the
   * response's energy in its last {@value #TAIL_LAGS} lags; high means the shock is still felt at
   * the horizon. 0 when the series is all zeros. For {@code n <= 20} the tail is the whole series
   * (numpy's {@code r[-20:]}), so the ratio is 1.
   */
  public static double contributionRatio(double[] r) {
    requireSeries(r);
    double total = sumOfSquares(r, 0);
    if (total == 0) {
      return 0;
    }
    return sumOfSquares(r, Math.max(0, r.length - TAIL_LAGS)) / total;
  }

  /**
   * The original oscillation frequency: the number of sign changes divided by {@code n}, counted as
   * {@code np.sum(np.diff(np.sign(r)) != 0) / n} counts them. Signs are -1, 0 or +1, so a step onto
   * or off an exact zero counts as a change: {@code +, 0, -} makes two changes, {@code +, -} one,
   * and a run of zeros none.
   */
  public static double oscillationFrequency(double[] r) {
    requireSeries(r);
    int changes = 0;
    for (int j = 1; j < r.length; j++) {
      // signum gives -1, +-0 or +1; -0.0 == 0.0, matching np.sign(-0.0) == 0
      if (Math.signum(r[j]) != Math.signum(r[j - 1])) {
        changes++;
      }
    }
    return (double) changes / r.length;
  }

  /** The lag of the largest {@code |r|}, the first one if several are equal; 0 for zeros. */
  public static int peakLag(double[] r) {
    requireSeries(r);
    int p = 0;
    for (int j = 1; j < r.length; j++) {
      if (Math.abs(r[j]) > Math.abs(r[p])) {
        p = j;
      }
    }
    return p;
  }

  /** The signed response at the {@link #peakLag peak}. */
  public static double peak(double[] r) {
    return r[peakLag(r)];
  }

  /** {@code sum |r[j]|}: the total displacement the shock causes over the horizon. */
  public static double persistence(double[] r) {
    requireSeries(r);
    double s = 0;
    for (double v : r) {
      s += Math.abs(v);
    }
    return s;
  }

  /**
   * The decay rate {@code lambda} of an exponential {@code |r[j]| ~ A exp(-lambda j)} fitted from
   * the peak on: weighted least squares of {@code ln|r[j]|} on {@code j} over the lags {@code j >=
   * peak} with {@code r[j] != 0}, each weighted by {@code r[j]^2} (the same fit as {@code
   * np.polyfit(j, np.log(np.abs(r)), 1, w=np.abs(r))}). The weights make the fit follow the bulk of
   * the response rather than the tail, where logarithms of rounding-level values would flatten it.
   * A pure geometric decay {@code r[j] = A rho^j} gives exactly {@code -ln rho}; a constant series
   * gives 0. For an oscillating series it fits the envelope only roughly (biased upwards), since
   * {@code ln|cos|} dips at every crossing. Empty when fewer than two lags from the peak on are
   * non-zero, e.g. for a series still growing at the horizon, which peaks last.
   */
  public static OptionalDouble decayRate(double[] r) {
    int p = peakLag(r);
    double scale = Math.abs(r[p]);
    if (scale == 0) {
      return OptionalDouble.empty();
    }
    double sw = 0;
    double swx = 0;
    double swy = 0;
    int used = 0;
    for (int j = p; j < r.length; j++) {
      if (r[j] != 0) {
        double w = square(r[j] / scale); // scaled so tiny responses do not underflow to 0
        sw += w;
        swx += w * j;
        swy += w * Math.log(Math.abs(r[j]));
        used++;
      }
    }
    if (used < 2) {
      return OptionalDouble.empty();
    }
    double mx = swx / sw;
    double my = swy / sw;
    double sxx = 0;
    double sxy = 0;
    for (int j = p; j < r.length; j++) {
      if (r[j] != 0) {
        double w = square(r[j] / scale);
        sxx += w * square(j - mx);
        sxy += w * (j - mx) * (Math.log(Math.abs(r[j])) - my);
      }
    }
    return sxx == 0 ? OptionalDouble.empty() : OptionalDouble.of(-sxy / sxx);
  }

  /**
   * The first lag {@code j} by which {@value #ENERGY_SHARE} of the cumulative squared response has
   * arrived: {@code sum(r[0..j]^2) >= 0.9 sum(r^2)}. Small means the response is front-loaded.
   * Empty for an all-zero series.
   */
  public static OptionalInt lag90(double[] r) {
    requireSeries(r);
    double total = sumOfSquares(r, 0);
    if (total == 0) {
      return OptionalInt.empty();
    }
    double target = ENERGY_SHARE * total;
    double cumulative = 0;
    for (int j = 0; j < r.length; j++) {
      cumulative += r[j] * r[j];
      if (cumulative >= target) {
        return OptionalInt.of(j);
      }
    }
    return OptionalInt.of(r.length - 1); // unreachable: the full sum is the total
  }

  private static double sumOfSquares(double[] r, int from) {
    double s = 0;
    for (int j = from; j < r.length; j++) {
      s += r[j] * r[j];
    }
    return s;
  }

  private static double square(double x) {
    return x * x;
  }

  /** Throws unless {@code r} has at least one value and every value is finite. */
  static void requireSeries(double[] r) {
    if (r == null || r.length == 0) {
      throw new InvalidInputException("a response series needs at least one lag (horizon >= 1)");
    }
    for (int j = 0; j < r.length; j++) {
      if (!Double.isFinite(r[j])) {
        throw new InvalidInputException(
            "response["
                + j
                + "] is "
                + r[j]
                + "; metrics need finite responses (did the model overflow?)");
      }
    }
  }
}
