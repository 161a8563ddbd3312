package io.lstmirf.irf;

import io.lstmirf.api.InvalidInputException;

/**
 * One baseline history of a {@link GeneralizedImpulseResponses generalized IRF}: the {@code t0 + N}
 * consecutive steps of data series {@code series} starting at {@code start}. Its first {@code t0}
 * steps (the window before the shock) carry the model from the zero state to the state the data put
 * it in; the shock lands on step {@code start + t0}; the last {@code N} steps are the data's actual
 * continuation, fed to the baseline and shocked runs alike.
 *
 * @param series index of the data series
 * @param start first step of the history in that series
 */
public record History(int series, int start) {

  public History {
    if (series < 0 || start < 0) {
      throw new InvalidInputException(
          "a history's series and start must be >= 0, got series " + series + ", start " + start);
    }
  }
}
