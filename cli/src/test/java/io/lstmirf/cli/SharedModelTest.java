package io.lstmirf.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.init.Initializer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A model shared between threads, on every backend found: a forward pass while another thread
 * changes the forget bias gives the result of one bias or the other, never a mixture (before the
 * lock, results matched neither, off by up to 1.25).
 */
class SharedModelTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(1, 8, 2, 1);
  private static final double LOW = 0.0;
  private static final double HIGH = 4.0;

  @Test
  void forwardDuringSetForgetBiasMatchesOneOfTheBiases() throws Exception {
    LstmWeights weights = Initializer.xavier(SPEC, LOW, 11);
    double[][][] x = new double[3][60][1];
    for (int t = 0; t < 60; t++) {
      x[0][t][0] = Math.sin(t);
      x[1][t][0] = t % 7 == 0 ? 1 : 0;
      x[2][t][0] = -0.5;
    }
    for (LstmBackend backend : Backends.discover().available()) {
      try (LstmModel model = backend.create(weights)) {
        double[][][] low = model.forward(x).output().orElseThrow();
        model.setForgetBias(HIGH);
        double[][][] high = model.forward(x).output().orElseThrow();
        double apart = maxDiff(low, high);
        assertTrue(apart > 0.01, backend.name() + ": the biases give different outputs");
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> toggler =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    model.setForgetBias(i % 2 == 0 ? LOW : HIGH);
                  }
                });
        AtomicInteger mixed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
        int runs = 0;
        while (System.nanoTime() < end || runs < 20) {
          double[][][] y = model.forward(x).output().orElseThrow();
          if (Math.min(maxDiff(y, low), maxDiff(y, high)) > 1e-6 * (1 + apart)) {
            mixed.incrementAndGet();
          }
          runs++;
        }
        stop.set(true);
        toggler.get(30, TimeUnit.SECONDS);
        assertTrue(
            mixed.get() == 0,
            backend.name() + ": " + mixed + " of " + runs + " forward passes matched neither bias");
      }
    }
  }

  private static double maxDiff(double[][][] a, double[][][] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        for (int k = 0; k < a[i][j].length; k++) {
          m = Math.max(m, Math.abs(a[i][j][k] - b[i][j][k]));
        }
      }
    }
    return m;
  }
}
