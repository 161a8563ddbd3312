package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.irf.metrics.ResponseMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A generalized impulse response (Koop, Pesaran and Potter 1996): the response to one shock
 * averaged over many baseline histories drawn from data, {@code GI[j] = mean over histories of
 * (y_shocked[t0 + j] - y_base[t0 + j])}, with quantiles across histories showing how much the
 * response of this nonlinear model depends on where the shock lands. Immutable.
 *
 * @param spec what was measured
 * @param histories the histories averaged over, in the order drawn
 * @param mean the mean response {@code [N][R]}
 * @param bands the response's quantiles across histories, one per {@link GirfSpec#quantiles()}
 * @param cellMean the mean top-layer cell-state response {@code [N][H]}
 * @param cellBands the cell-state response's quantiles across histories
 */
public record GeneralizedImpulseResponse(
    GirfSpec spec,
    List<History> histories,
    double[][] mean,
    List<QuantileBand> bands,
    double[][] cellMean,
    List<QuantileBand> cellBands) {

  public GeneralizedImpulseResponse {
    Objects.requireNonNull(spec, "spec");
    histories = List.copyOf(histories);
    mean = FlatArrays.copy(mean);
    bands = List.copyOf(bands);
    cellMean = FlatArrays.copy(cellMean);
    cellBands = List.copyOf(cellBands);
  }

  @Override
  public double[][] mean() {
    return FlatArrays.copy(mean);
  }

  @Override
  public double[][] cellMean() {
    return FlatArrays.copy(cellMean);
  }

  /** The mean response of channel {@code c}, {@code [N]}. */
  public double[] channel(int c) {
    return ImpulseResponse.column(mean, c, "response channel");
  }

  /** The memory metrics of every channel's mean response. */
  public List<ResponseMetrics> metrics() {
    return ResponseMetrics.ofColumns(mean);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneralizedImpulseResponse g
        && g.spec.equals(spec)
        && g.histories.equals(histories)
        && Arrays.deepEquals(g.mean, mean)
        && g.bands.equals(bands)
        && Arrays.deepEquals(g.cellMean, cellMean)
        && g.cellBands.equals(cellBands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        spec,
        histories,
        Arrays.deepHashCode(mean),
        bands,
        Arrays.deepHashCode(cellMean),
        cellBands);
  }

  @Override
  public String toString() {
    return "GeneralizedImpulseResponse["
        + spec.shock()
        + ", "
        + histories.size()
        + " histories, N="
        + mean.length
        + "]";
  }
}
