package io.lstmirf.testing;

import io.lstmirf.api.LstmState;

/** Parts of input sequences {@code [B][T][I]} and states {@code [L][B][H]}. */
public final class Slices {
  private Slices() {}

  /** The inputs of every sequence at time step {@code t}, {@code [B][I]}: one session step. */
  public static double[][] step(double[][][] x, int t) {
    double[][] out = new double[x.length][];
    for (int b = 0; b < x.length; b++) {
      out[b] = x[b][t].clone();
    }
    return out;
  }

  /** Time steps {@code [from, to)} of every sequence. */
  public static double[][][] steps(double[][][] x, int from, int to) {
    double[][][] out = new double[x.length][][];
    for (int b = 0; b < x.length; b++) {
      out[b] = new double[to - from][];
      for (int t = from; t < to; t++) {
        out[b][t - from] = x[b][t].clone();
      }
    }
    return out;
  }

  /** Batch rows {@code [from, to)}. */
  public static double[][][] rows(double[][][] x, int from, int to) {
    double[][][] out = new double[to - from][][];
    for (int b = from; b < to; b++) {
      out[b - from] = x[b];
    }
    return out;
  }

  /** Row {@code b} of every layer of a state, as a state of batch 1. */
  public static LstmState row(LstmState state, int b) {
    double[][][] h = state.h();
    double[][][] c = state.c();
    double[][][] hr = new double[h.length][1][];
    double[][][] cr = new double[c.length][1][];
    for (int l = 0; l < h.length; l++) {
      hr[l][0] = h[l][b];
      cr[l][0] = c[l][b];
    }
    return new LstmState(hr, cr);
  }
}
