package io.lstmirf.cli.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.json.JsonFiles;
import io.lstmirf.api.json.ModelJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that used to end in an OutOfMemoryError, or drove a backend to 20 GiB: each must give
 * the right result in a process whose peak resident memory stays under 4 GiB, on every backend,
 * with the launcher's 2 GiB heap. Minutes, not seconds: {@code mvn -Pstress verify}.
 */
@Tag("stress")
class LargeRequestsStressTest {
  private static final long FOUR_GIB = 4L << 30;

  @TempDir Path dir;

  /** B = 64, T = 20000, I = 1, H = 64: 13 MB in, 1.77 GB of JSON out. */
  @Test
  void theSixtyFourByTwentyThousandForwardOnEveryBackend() throws Exception {
    forwardOnEveryBackend(64, 20000, 64, 6);
  }

  /** 200 MB of input (256 sequences of 40,000 steps) through a small model. */
  @Test
  void aTwoHundredMegabyteInputOnEveryBackend() throws Exception {
    forwardOnEveryBackend(256, 40000, 2, 17);
  }

  private void forwardOnEveryBackend(int batch, int steps, int hidden, int digits)
      throws Exception {
    Path model = dir.resolve("model.json");
    ModelJson.write(Initializer.xavier(LstmSpec.withHead(1, hidden, 1, 1), 1.0, 8), model);
    Path input = writeInput(dir.resolve("input.json"), batch, steps, digits);
    Path reference = null;
    for (LstmBackend b : Backends.discover().available()) {
      Path out = dir.resolve("out-" + b.name() + ".json");
      long t0 = System.nanoTime();
      Forked.Outcome r =
          Forked.run(
              dir,
              List.of(),
              MeasuredMain.class,
              "forward",
              "-b",
              b.name(),
              "-m",
              model.toString(),
              "-i",
              input.toString(),
              "--out",
              out.toString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "forward B=%d T=%d H=%d (%.0f MB in) on %s: exit %d, peak" + " RSS %.2f GiB, %.1f s%n",
          batch,
          steps,
          hidden,
          Files.size(input) / 1e6,
          b.name(),
          r.code(),
          r.peakRss() / (double) (1L << 30),
          seconds);
      assertEquals(0, r.code(), b.name() + ": " + r.err());
      assertTrue(
          r.peakRss() > 0 && r.peakRss() < FOUR_GIB,
          b.name() + " peaked at " + r.peakRss() + " bytes");
      if (reference == null) {
        reference = out;
      } else {
        double diff = maxDifference(reference, out);
        assertTrue(
            diff < 2e-5, b.name() + " differs from " + reference.getFileName() + " by " + diff);
        Files.delete(out);
      }
    }
  }

  static Path writeInput(Path file, int batch, int steps, int digits) throws IOException {
    SplittableRandom random = new SplittableRandom(21);
    String format = "%." + digits + "f";
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("{\"inputs\": [");
      for (int b = 0; b < batch; b++) {
        w.write(b == 0 ? "[" : ",\n[");
        for (int t = 0; t < steps; t++) {
          w.write(t == 0 ? "[" : ",[");
          w.write(String.format(Locale.ROOT, format, random.nextGaussian()));
          w.write(']');
        }
        w.write(']');
      }
      w.write("]}\n");
    }
    return file;
  }

  /** The largest difference between the numbers of two documents of the same structure. */
  static double maxDifference(Path a, Path b) throws IOException {
    try (JsonParser p = JsonFiles.MAPPER.createParser(a.toFile());
        JsonParser q = JsonFiles.MAPPER.createParser(b.toFile())) {
      double max = 0;
      long numbers = 0;
      for (JsonToken s = p.nextToken(); s != null; s = p.nextToken()) {
        JsonToken t = q.nextToken();
        if (s.isNumeric() && t != null && t.isNumeric()) {
          max = Math.max(max, Math.abs(p.getDoubleValue() - q.getDoubleValue()));
          numbers++;
        } else if (s != t) {
          throw new AssertionError("the documents differ in structure at " + p.currentLocation());
        }
      }
      assertTrue(numbers > 0, "compared no numbers");
      return max;
    }
  }
}
