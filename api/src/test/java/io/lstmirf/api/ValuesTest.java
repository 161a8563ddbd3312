package io.lstmirf.api;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small immutable values of the API: states, devices, precisions, flat buffers. */
class ValuesTest {

  @Test
  void statesAreCopiedAndShapeChecked() {
    double[][][] h = {{{1, 2}}, {{3, 4}}};
    double[][][] c = {{{5, 6}}, {{7, 8}}};
    LstmState s = new LstmState(h, c);
    h[0][0][0] = 99;
    s.h()[1][0][1] = 99;
    assertArrayEquals(new double[][][] {{{1, 2}}, {{3, 4}}}, s.h(), "copied in and out");
    assertEquals(2, s.numLayers());
    assertEquals(1, s.batchSize());
    assertEquals(2, s.hiddenSize());
    assertArrayEquals(new double[] {5, 6, 7, 8}, s.cFlat(), 0);
    assertEquals(
        s, LstmState.ofFlat(2, 1, 2, new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}));
    assertEquals(s, LstmState.ofFlat(2, 1, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}));
    assertEquals(LstmState.zeros(LstmSpec.of(1, 2, 2), 1), LstmState.zeros(2, 1, 2));
    assertNotEquals(s, LstmState.zeros(2, 1, 2));
    assertEquals(
        0.5,
        s.maxAbsDifference(
            new LstmState(
                new double[][][] {{{1, 2}}, {{3, 4}}}, new double[][][] {{{5, 6}}, {{7, 8.5}}})),
        0);

    assertRejected(
        () -> new LstmState(null, c), "state h is missing or empty", "[layers][batch][hidden]");
    assertRejected(
        () -> new LstmState(h, new double[][][] {{{5, 6}}}),
        "state h has shape [2][1][2] but c has shape [1][1][2]");
    assertRejected(
        () -> new LstmState(new double[][][] {{{1, 2}}, {{3}}}, c),
        "state h[1][0] has 1 entries; expected 2");
    assertRejected(
        () -> s.requireShape(LstmSpec.of(1, 2, 2), 3),
        "state has shape [2][1][2]",
        "expected [2][3][2] ([layers][batch][hidden])");
    assertThrows(
        IllegalArgumentException.class,
        () -> LstmState.ofFlat(2, 1, 2, new double[3], new double[4]));
  }

  @Test
  void devicesParseAndPrint() {
    assertEquals(Device.CPU, Device.parse(" CPU "));
    assertEquals(Device.gpu(0), Device.parse("gpu"));
    assertEquals(Device.gpu(0), Device.parse("cuda"));
    assertEquals(Device.gpu(2), Device.parse("gpu:2"));
    assertEquals(Device.gpu(1), Device.parse("cuda:1"));
    assertEquals("gpu:3", Device.gpu(3).toString());
    assertEquals("cpu", Device.CPU.toString());
    assertTrue(Device.gpu(0).isGpu());
    assertRejected(() -> Device.parse("tpu"), "unknown device 'tpu'", "cpu, gpu or gpu:N");
    assertRejected(() -> Device.parse("gpu:x"), "unknown device 'gpu:x'");
    assertRejected(() -> Device.gpu(-1), "invalid device index -1");
    assertRejected(() -> new Device(Device.Kind.CPU, 1), "invalid device index 1 for CPU");
  }

  @Test
  void precisionsParseTheirUsualNames() {
    for (String s : new String[] {"float32", "F32", "float", "fp32"}) {
      assertEquals(Precision.FLOAT32, Precision.parse(s));
    }
    for (String s : new String[] {"float64", "f64", "Double", "fp64"}) {
      assertEquals(Precision.FLOAT64, Precision.parse(s));
    }
    assertEquals("float64", Precision.FLOAT64.toString());
    assertRejected(() -> Precision.parse("bf16"), "unknown precision 'bf16'", "float32, float64");
    assertEquals(Precision.FLOAT32, ModelOptions.of(Precision.FLOAT32).precision());
    assertEquals(
        Device.gpu(1), ModelOptions.of(Precision.FLOAT32).withDevice(Device.gpu(1)).device());
  }

  @Test
  void flatArraysRoundTripAndRound() {
    double[][][] x = {{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 0.1}}};
    double[] flat = FlatArrays.flatten(x);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0.1}, flat, 0);
    assertArrayEquals(x, FlatArrays.unflatten(flat, 2, 2, 3));
    float[] f = FlatArrays.flattenToFloat(x);
    assertEquals(0.1f, f[11], 0);
    assertArrayEquals(
        new double[][] {{1, 2}, {3, 4}}, FlatArrays.unflatten(new float[] {1, 2, 3, 4}, 2, 2));
    assertArrayEquals(
        new double[] {1, 2, 3, 4}, FlatArrays.flatten(new double[][] {{1, 2}, {3, 4}}), 0);
    assertArrayEquals(new float[] {1, 2}, FlatArrays.toFloat(new double[] {1, 2}), 0);
    assertArrayEquals(new double[] {0.5}, FlatArrays.toDouble(new float[] {0.5f}), 0);
    double[][][] copy = FlatArrays.copy(x);
    copy[0][0][0] = 99;
    assertEquals(1, x[0][0][0], "deep copy");
    assertEquals(99 - 1, FlatArrays.maxAbsDifference(x, copy), 0);
    assertThrows(IllegalArgumentException.class, () -> FlatArrays.unflatten(flat, 2, 2, 2));
    assertRejected(
        () -> FlatArrays.requireBox("z", new double[2][3], 2, 4), "z[0] has 3 entries; expected 4");
    assertRejected(
        () -> FlatArrays.requireFinite("z", new double[][] {{0, Double.NaN}}), "z[0][1] is NaN");
  }

  @Test
  void threadsSettingIsValidated() {
    String before = System.getProperty(EngineSettings.THREADS_PROPERTY);
    try {
      System.setProperty(EngineSettings.THREADS_PROPERTY, "3");
      assertEquals(3, EngineSettings.threads());
      System.setProperty(EngineSettings.THREADS_PROPERTY, "zero");
      assertRejected(EngineSettings::threads, "lstmirf.threads", "positive integer", "'zero'");
      System.setProperty(EngineSettings.THREADS_PROPERTY, "0");
      assertRejected(EngineSettings::threads, "positive integer");
    } finally {
      if (before == null) {
        System.clearProperty(EngineSettings.THREADS_PROPERTY);
      } else {
        System.setProperty(EngineSettings.THREADS_PROPERTY, before);
      }
    }
    String cache = System.getProperty(EngineSettings.CACHE_DIR_PROPERTY);
    try {
      System.setProperty(EngineSettings.CACHE_DIR_PROPERTY, "rel/natives");
      assertTrue(EngineSettings.cacheDirectory().isAbsolute());
      assertEquals("djl", EngineSettings.cacheDirectory("djl").getFileName().toString());
    } finally {
      if (cache == null) {
        System.clearProperty(EngineSettings.CACHE_DIR_PROPERTY);
      } else {
        System.setProperty(EngineSettings.CACHE_DIR_PROPERTY, cache);
      }
    }
  }
}
