package io.lstmirf.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.memory.MemoryCheck;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the base class does around every engine: pieces of a large batch, and the lock. */
class AbstractLstmModelTest {
  private static final LstmSpec SPEC = LstmSpec.withHead(1, 2, 2, 1);
  private static final LstmWeights WEIGHTS = Initializer.xavier(SPEC, 1.0, 5);

  /** 1000 bytes per element: one sequence of 5 steps through 2 layers of 2 units is 20,000. */
  private static final EngineFootprint HEAVY = new EngineFootprint(1000, 0, Long.MAX_VALUE);

  private static double[][][] inputs(int batch, int steps) {
    double[][][] x = new double[batch][steps][1];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        x[b][t][0] = 100 * b + t;
      }
    }
    return x;
  }

  @Test
  void aBatchLargerThanOneCallRunsInPiecesWithTheSameResult() {
    double[][][] x = inputs(5, 5);
    double[][][] h0 = new double[2][5][2];
    for (int b = 0; b < 5; b++) {
      h0[1][b][0] = b * 0.5;
      h0[1][b][1] = -b;
    }
    LstmState state = new LstmState(h0, h0);
    ToyModel whole = new ToyModel(WEIGHTS, new EngineFootprint(0, 0, Long.MAX_VALUE));
    ForwardResult expected = whole.forward(x, state, Set.of(Trace.CELL_STATES));
    assertEquals(List.of(5), whole.callBatches);
    System.setProperty(MemoryCheck.CALL_BUDGET_PROPERTY, "50000"); // two sequences per call
    try {
      ToyModel pieces = new ToyModel(WEIGHTS, HEAVY);
      ForwardResult r = pieces.forward(x, state, Set.of(Trace.CELL_STATES));
      assertEquals(List.of(2, 2, 1), pieces.callBatches, "three engine calls");
      assertArrayEquals(expected.hidden(), r.hidden());
      assertArrayEquals(expected.output().orElseThrow(), r.output().orElseThrow());
      assertArrayEquals(expected.cellStates().orElseThrow(), r.cellStates().orElseThrow());
      assertEquals(expected.finalState(), r.finalState());
    } finally {
      System.clearProperty(MemoryCheck.CALL_BUDGET_PROPERTY);
    }
  }

  @Test
  void setForgetBiasWaitsForAForwardInFlightSoItSeesOneBias() throws Exception {
    ToyModel model = new ToyModel(WEIGHTS.withForgetBias(1.0), HEAVY);
    model.readFirstLayer = new CountDownLatch(1);
    model.pauseMillis = 300;
    CompletableFuture<ForwardResult> forward =
        CompletableFuture.supplyAsync(() -> model.forward(inputs(1, 1)));
    assertTrue(model.readFirstLayer.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> change = CompletableFuture.runAsync(() -> model.setForgetBias(3.0));
    TimeUnit.MILLISECONDS.sleep(100);
    assertFalse(change.isDone(), "the change waits while the forward is between its reads");
    // both layers read with b_f = 1: 0 + 0 + 1 + 1; a change between them would give 4
    assertEquals(2.0, forward.get(10, TimeUnit.SECONDS).hidden()[0][0][0]);
    change.get(10, TimeUnit.SECONDS);
    model.readFirstLayer = null;
    assertEquals(6.0, model.forward(inputs(1, 1)).hidden()[0][0][0], "both layers changed");
  }

  @Test
  void closeWaitsForACallInFlightAndLaterCallsAreRefused() throws Exception {
    ToyModel model = new ToyModel(WEIGHTS, HEAVY);
    model.readFirstLayer = new CountDownLatch(1);
    model.pauseMillis = 200;
    CompletableFuture<ForwardResult> forward =
        CompletableFuture.supplyAsync(() -> model.forward(inputs(1, 3)));
    assertTrue(model.readFirstLayer.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> close = CompletableFuture.runAsync(model::close);
    TimeUnit.MILLISECONDS.sleep(50);
    assertFalse(close.isDone(), "close waits: the engine's memory is in use");
    assertEquals(3, forward.get(10, TimeUnit.SECONDS).hidden()[0].length);
    close.get(10, TimeUnit.SECONDS);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> model.forward(inputs(1, 1)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void aNonFiniteInputIsRejectedWithItsPath() {
    ToyModel model = new ToyModel(WEIGHTS, HEAVY);
    double[][][] x = inputs(2, 3);
    x[1][2][0] = Double.NaN;
    Messages.assertRejected(() -> model.forward(x), "inputs[1][2][0] is NaN");
  }
}
