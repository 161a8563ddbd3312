package io.lstmirf.api.init;

import io.lstmirf.api.Gate;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded weight initialisation: the same spec, scheme, bias rule and seed give the same weights
 * on every machine and JVM. Head biases start at 0.
 */
public final class Initializer {
  private Initializer() {}

  /** Draws weights for {@code spec}. */
  public static LstmWeights initialize(LstmSpec spec, WeightScheme scheme, BiasInit biasInit,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = spec.hiddenSize();
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < spec.numLayers(); l++) {
      int in = spec.layerInputSize(l);
      Matrix wIh = draw(random, 4 * h, in, limit(scheme, h, in, 4 * h));
      Matrix wHh = draw(random, 4 * h, h, limit(scheme, h, h, 4 * h));
      layers.add(new LayerWeights(wIh, wHh, biases(biasInit, h, random)));
    }
    HeadWeights head = null;
    if (spec.hasHead()) {
      int o = spec.headSize().getAsInt();
      head = new HeadWeights(draw(random, o, h, limit(scheme, h, h, o)), new double[o]);
    }
    return new LstmWeights(layers, head);
  }

  /** Xavier weights with every forget-gate bias {@code forgetBias} and other biases 0. */
  public static LstmWeights xavier(LstmSpec spec, double forgetBias, long seed) {
    return initialize(spec, WeightScheme.XAVIER, new BiasInit.ForgetBias(forgetBias), seed);
  }

  private static double limit(WeightScheme scheme, int hidden, int fanIn, int fanOut) {
    return scheme == WeightScheme.UNIFORM ? 1.0 / Math.sqrt(hidden)
        : Math.sqrt(6.0 / (fanIn + fanOut));
  }

  private static Matrix draw(SplittableRandom random, int rows, int cols, double limit) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (2 * random.nextDouble() - 1) * limit;
    }
    return Matrix.ofRowMajor(rows, cols, d);
  }

  private static double[] biases(BiasInit init, int h, SplittableRandom random) {
    double[] b = new double[4 * h];
    int f = Gate.FORGET.offset(h);
    int i = Gate.INPUT.offset(h);
    if (init instanceof BiasInit.ForgetBias fb) {
      java.util.Arrays.fill(b, f, f + h, fb.value());
    } else if (init instanceof BiasInit.Chrono chrono) {
      for (int k = 0; k < h; k++) {
        double bf = Math.log(1 + random.nextDouble() * (chrono.maxTimeScale() - 2));
        b[f + k] = bf;
        b[i + k] = -bf;
      }
    }
    return b;
  }
}
