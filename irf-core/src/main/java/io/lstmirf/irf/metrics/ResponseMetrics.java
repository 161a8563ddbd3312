package io.lstmirf.irf.metrics;

import io.lstmirf.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Every {@link MemoryMetrics memory metric} of one response channel. An empty value means "not
 * reached" or "undefined" (JSON null), never a silent 0.
 *
 * @param channel the response channel (head output or hidden unit) the series belongs to
 * @param halfLife {@link MemoryMetrics#halfLife}, the original definition
 * @param halfLifeFromPeak {@link MemoryMetrics#halfLifeFromPeak}, in lags after the peak
 * @param contributionRatio {@link MemoryMetrics#contributionRatio}, the original definition
 * @param oscillationFrequency {@link MemoryMetrics#oscillationFrequency}, the original definition
 * @param peak the signed response at the peak
 * @param peakLag the lag of the peak
 * @param persistence {@link MemoryMetrics#persistence}
 * @param decayRate {@link MemoryMetrics#decayRate}, per lag
 * @param lag90 {@link MemoryMetrics#lag90}
 */
public record ResponseMetrics(
    int channel,
    OptionalInt halfLife,
    OptionalInt halfLifeFromPeak,
    double contributionRatio,
    double oscillationFrequency,
    double peak,
    int peakLag,
    double persistence,
    OptionalDouble decayRate,
    OptionalInt lag90) {

  /** The metrics of the series {@code r}, labelled {@code channel}. */
  public static ResponseMetrics of(int channel, double[] r) {
    MemoryMetrics.requireSeries(r);
    return new ResponseMetrics(
        channel,
        MemoryMetrics.halfLife(r),
        MemoryMetrics.halfLifeFromPeak(r),
        MemoryMetrics.contributionRatio(r),
        MemoryMetrics.oscillationFrequency(r),
        MemoryMetrics.peak(r),
        MemoryMetrics.peakLag(r),
        MemoryMetrics.persistence(r),
        MemoryMetrics.decayRate(r),
        MemoryMetrics.lag90(r));
  }

  /** One record per column of a response {@code [N][R]}: channel {@code c} is column c. */
  public static List<ResponseMetrics> ofColumns(double[][] response) {
    if (response == null || response.length == 0 || response[0].length == 0) {
      throw new InvalidInputException("a response needs at least one lag and one channel");
    }
    List<ResponseMetrics> out = new ArrayList<>(response[0].length);
    for (int c = 0; c < response[0].length; c++) {
      out.add(of(c, column(response, c)));
    }
    return out;
  }

  private static double[] column(double[][] response, int c) {
    double[] r = new double[response.length];
    for (int j = 0; j < r.length; j++) {
      r[j] = response[j][c];
    }
    return r;
  }
}
