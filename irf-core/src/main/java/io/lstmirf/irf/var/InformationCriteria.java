package io.lstmirf.irf.var;

/**
 * Information criteria of a fitted VAR(p) with a constant, as statsmodels defines them (Lütkepohl
 * 2005, pp. 146-150). With {@code T} the observations used, {@code K} variables, {@code ld = ln det
 * Sigma_mle} ({@code Sigma_mle = SSR / T}) and {@code m = p K^2 + K} free parameters:
 *
 * <pre>
 * aic  = ld + 2 m / T
 * bic  = ld + ln(T) m / T
 * hqic = ld + 2 ln(ln T) m / T
 * fpe  = ((T + Kp + 1) / (T - Kp - 1))^K exp(ld)
 * </pre>
 *
 * @param aic Akaike
 * @param bic Bayesian (Schwarz)
 * @param hqic Hannan-Quinn
 * @param fpe final prediction error
 */
public record InformationCriteria(double aic, double bic, double hqic, double fpe) {

  /** The value of one criterion. */
  public double get(InformationCriterion criterion) {
    switch (criterion) {
      case AIC:
        return aic;
      case BIC:
        return bic;
      case HQIC:
        return hqic;
      case FPE:
        return fpe;
      default:
        throw new IllegalArgumentException(String.valueOf(criterion));
    }
  }
}
