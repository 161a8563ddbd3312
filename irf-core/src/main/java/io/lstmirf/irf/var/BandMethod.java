package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.Locale;

/** How {@link VarBands} are made: from asymptotic standard errors, or by Monte Carlo. */
public enum BandMethod {
  /** {@code value -/+ z(1 - signif/2) stderr}, statsmodels' {@code stderr_type="asym"}. */
  ASYMPTOTIC,
  /** Quantiles of responses refitted on series simulated from the VAR, {@code "mc"}. */
  MC;

  /** The lower-case name used on the command line and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code asymptotic} or {@code mc}, case-insensitive. */
  public static BandMethod parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (BandMethod m : values()) {
      if (m.name().equals(t)) {
        return m;
      }
    }
    throw new InvalidInputException("unknown band method '" + text + "': use asymptotic or mc");
  }
}
