package io.lstmirf.irf;

import io.lstmirf.api.FlatArrays;
import io.lstmirf.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Element-wise mean and quantiles ({@link Quantiles}, numpy's default) across samples of the same
 * shape: the responses of many histories, or of many histories of many models. Samples are given
 * flat, {@code [M][D]}, or as response matrices {@code [M][N][C]}.
 */
public final class SampleStatistics {
  private SampleStatistics() {}

  /** The element-wise mean of samples {@code [M][D]}, {@code [D]}. */
  public static double[] mean(double[][] samples) {
    int d = dimension(samples);
    double[] out = new double[d];
    for (double[] s : samples) {
      for (int i = 0; i < d; i++) {
        out[i] += s[i];
      }
    }
    for (int i = 0; i < d; i++) {
      out[i] /= samples.length;
    }
    return out;
  }

  /** The element-wise quantiles of samples {@code [M][D]} at each level, {@code [levels][D]}. */
  public static double[][] quantiles(double[][] samples, List<Double> levels) {
    int d = dimension(samples);
    double[][] q = new double[levels.size()][d];
    double[] values = new double[samples.length];
    for (int i = 0; i < d; i++) {
      for (int m = 0; m < values.length; m++) {
        values[m] = samples[m][i];
      }
      Arrays.sort(values);
      for (int l = 0; l < levels.size(); l++) {
        q[l][i] = Quantiles.ofSorted(values, levels.get(l));
      }
    }
    return q;
  }

  /** The element-wise mean of responses {@code [M][N][C]}, {@code [N][C]}. */
  public static double[][] mean(double[][][] samples) {
    int n = samples[0].length;
    return FlatArrays.unflatten(mean(flat(samples)), n, samples[0][0].length);
  }

  /** The quantiles of responses {@code [M][N][C]}, one {@link QuantileBand} per level. */
  public static List<QuantileBand> quantiles(double[][][] samples, List<Double> levels) {
    double[][] q = quantiles(flat(samples), levels);
    List<QuantileBand> out = new ArrayList<>(levels.size());
    for (int l = 0; l < levels.size(); l++) {
      out.add(
          new QuantileBand(
              levels.get(l), FlatArrays.unflatten(q[l], samples[0].length, samples[0][0].length)));
    }
    return out;
  }

  private static double[][] flat(double[][][] samples) {
    double[][] out = new double[samples.length][];
    for (int m = 0; m < samples.length; m++) {
      out[m] = FlatArrays.flatten(samples[m]);
    }
    return out;
  }

  private static int dimension(double[][] samples) {
    if (samples.length == 0) {
      throw new InvalidInputException("statistics of no samples are undefined");
    }
    int d = samples[0].length;
    for (double[] s : samples) {
      if (s.length != d) {
        throw new InvalidInputException("samples of different sizes, " + d + " and " + s.length);
      }
    }
    return d;
  }
}
