package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.Objects;

/**
 * Confidence bands of a VAR's responses at significance level {@code signif} (a {@code 1 - signif}
 * band), in statsmodels' two ways: {@link BandMethod#ASYMPTOTIC} from the asymptotic standard
 * errors ({@link #asymptotic}), {@link BandMethod#MC} by simulation ({@link VarMonteCarlo}). Every
 * band is {@code [N+1][K][K]} indexed {@code [step][response][impulse]}. Immutable.
 *
 * @param method how the bands were made
 * @param signif the significance level, in (0, 1)
 * @param replications the Monte Carlo replications, 0 for asymptotic bands
 * @param irf around statsmodels' {@code IRAnalysis.irfs}
 * @param orthIrf around {@code orth_irfs}
 * @param cumEffects around {@code cum_effects}
 * @param orthCumEffects around {@code orth_cum_effects}
 */
public record VarBands(
    BandMethod method,
    double signif,
    int replications,
    ResponseBand irf,
    ResponseBand orthIrf,
    ResponseBand cumEffects,
    ResponseBand orthCumEffects) {

  public VarBands {
    Objects.requireNonNull(method, "method");
    requireSignif(signif);
    Objects.requireNonNull(irf, "irf");
    Objects.requireNonNull(orthIrf, "orthIrf");
    Objects.requireNonNull(cumEffects, "cumEffects");
    Objects.requireNonNull(orthCumEffects, "orthCumEffects");
  }

  /**
   * Asymptotic bands {@code value -/+ z stderr} with {@code z = Phi^-1(1 - signif/2)} (1.96 for
   * 0.05), exactly what statsmodels' {@code irf.plot(stderr_type="asym", signif=signif)} and {@code
   * plot_cum_effects} draw (its {@code norm_signif_level}).
   */
  public static VarBands asymptotic(VarIrfAnalysis analysis, double signif) {
    double z = criticalValue(signif);
    return new VarBands(
        BandMethod.ASYMPTOTIC,
        signif,
        0,
        analysis.irf().band(z),
        analysis.orthIrf().band(z),
        analysis.cumEffects().band(z),
        analysis.orthCumEffects().band(z));
  }

  /** {@code Phi^-1(1 - signif/2)}, scipy's {@code norm.ppf(1 - signif / 2)}. */
  public static double criticalValue(double signif) {
    requireSignif(signif);
    return NormalQuantile.of(1 - signif / 2);
  }

  static void requireSignif(double signif) {
    if (!(signif > 0 && signif < 1)) {
      throw new InvalidInputException(
          "the significance level must be between 0 and 1"
              + " (0.05 for a 95% band), got "
              + signif);
    }
  }
}
