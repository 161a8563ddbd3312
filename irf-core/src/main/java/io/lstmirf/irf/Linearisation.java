package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.Precision;
import java.util.List;
import java.util.Objects;

/**
 * The linearised impulse response of a model: the limit of {@code r(s) / s} as the shock size
 * {@code s -> 0}, set beside the response to an actual shock (see {@link LinearisedResponse}).
 *
 * <p>The limit is taken as a central difference {@code (r(+s) - r(-s)) / 2s}, whose error is {@code
 * O(s^2)} instead of the one-sided quotient's {@code O(s)}. The step balances that against
 * cancellation: {@code r(+s) - r(-s)} loses about {@code eps / s} of relative accuracy, so the best
 * step is near {@code eps^(1/3)}, scaled by the size of the input it perturbs: {@code s = eps^(1/3)
 * * max(1, |x_base[t0][k]|)} with {@code eps} the machine epsilon of the precision the model
 * computes in, {@code 2^-23} (float32, {@code s ~ 4.9e-3}) or {@code 2^-52} (float64, {@code s ~
 * 6.1e-6}). A float32 engine cannot resolve the float64 step at all: the shocked input would round
 * back to the baseline.
 */
public final class Linearisation {
  private final ImpulseResponses responses;
  private final LstmModel model;

  /** Linearised responses of {@code model}. */
  public Linearisation(LstmModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.responses = new ImpulseResponses(model);
  }

  /**
   * The linearised response at the baseline, and the response to {@code shock} per unit, from one
   * batch holding the baseline and three shocked rows (+s, -s, the shock).
   *
   * @throws InvalidInputException if the shock size is 0 (there is no per-unit response)
   */
  public LinearisedResponse compute(Baseline baseline, Shock shock, int horizon, IrfMode mode) {
    Objects.requireNonNull(shock, "shock");
    if (shock.size() == 0) {
      throw new InvalidInputException(
          "the shock to compare with the linearisation has size 0;"
              + " give a non-zero size such as 1");
    }
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1 lag, got " + horizon);
    }
    shock.requireFits(model.spec());
    double[][] base =
        Objects.requireNonNull(baseline, "baseline").inputs(shock.time() + horizon, model.spec());
    double step = smallShock(model.options().precision(), base[shock.time()][shock.channel()]);
    List<ImpulseResponse> r =
        responses.computeAll(
            baseline, List.of(shock.withSize(step), shock.withSize(-step), shock), horizon, mode);
    return new LinearisedResponse(
        shock,
        step,
        centralDifference(r.get(0).response(), r.get(1).response(), step),
        scaled(r.get(2).response(), 1 / shock.size()),
        centralDifference(r.get(0).cellResponse(), r.get(1).cellResponse(), step),
        scaled(r.get(2).cellResponse(), 1 / shock.size()));
  }

  /**
   * The central-difference step for a model computing in {@code precision}, perturbing an input of
   * value {@code input}: {@code eps^(1/3) max(1, |input|)}.
   */
  public static double smallShock(Precision precision, double input) {
    double eps = precision == Precision.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    return Math.cbrt(eps) * Math.max(1, Math.abs(input));
  }

  private static double[][] centralDifference(double[][] plus, double[][] minus, double step) {
    double[][] d = new double[plus.length][plus[0].length];
    for (int j = 0; j < plus.length; j++) {
      for (int c = 0; c < plus[j].length; c++) {
        d[j][c] = (plus[j][c] - minus[j][c]) / (2 * step);
      }
    }
    return d;
  }

  private static double[][] scaled(double[][] a, double factor) {
    for (double[] row : a) {
      for (int c = 0; c < row.length; c++) {
        row[c] *= factor;
      }
    }
    return a;
  }
}
