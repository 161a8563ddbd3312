package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.util.Locale;

/** A criterion to choose a VAR's lag order by; see {@link InformationCriteria}. */
public enum InformationCriterion {
  AIC,
  BIC,
  HQIC,
  FPE;

  /** The lower-case name used on the command line and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code aic}, {@code bic}, {@code hqic} or {@code fpe}, case-insensitive. */
  public static InformationCriterion parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (InformationCriterion c : values()) {
      if (c.name().equals(t)) {
        return c;
      }
    }
    throw new InvalidInputException(
        "unknown information criterion '" + text + "': use aic, bic, hqic or fpe");
  }
}
