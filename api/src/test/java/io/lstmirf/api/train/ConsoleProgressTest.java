package io.lstmirf.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  @Test
  void printsOneKerasStyleLinePerEpoch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress progress =
        new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    progress.onEpoch(new EpochReport(3, 50, 1.234e-3, 1.5671e-3, 0.214), null);
    progress.onEpoch(new EpochReport(4, 50, 2e-4, Double.NaN, 1.0), null);
    assertEquals(
        "Epoch 3/50 - 0.21s - loss: 1.234e-03 - val_loss: 1.567e-03\n"
            + "Epoch 4/50 - 1.00s - loss: 2.000e-04\n",
        bytes.toString(StandardCharsets.UTF_8));
  }
}
