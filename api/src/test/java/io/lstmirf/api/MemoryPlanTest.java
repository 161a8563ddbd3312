package io.lstmirf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.init.Initializer;
import io.lstmirf.api.memory.ArraySizes;
import io.lstmirf.api.memory.EngineFootprint;
import io.lstmirf.api.memory.InsufficientMemoryException;
import io.lstmirf.api.memory.MemoryCheck;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requests are planned from their shapes and refused, in one line, before they allocate. */
class MemoryPlanTest {
  private static final LstmWeights SMALL = Initializer.xavier(LstmSpec.withHead(1, 2, 1, 1), 1, 1);

  @Test
  void nestedArraysCostTheirHeadersAndReferences() {
    assertEquals(24, ArraySizes.doubles(1));
    assertEquals(528, ArraySizes.doubles(64));
    assertEquals(24, ArraySizes.references(2));
    // double[64][20000][1]: 28 bytes a value, not 8
    long outputs = ArraySizes.doubles(64, 20000, 1);
    assertTrue(outputs > 64L * 20000 * 28 && outputs < 64L * 20000 * 29, "" + outputs);
    LstmSpec spec = LstmSpec.withHead(1, 64, 1, 1);
    long result = ArraySizes.forwardResult(spec, 64, 20000, Set.of());
    assertEquals(
        ArraySizes.doubles(64, 20000, 64) + outputs + 2 * ArraySizes.doubles(1, 64, 64), result);
    assertEquals(
        result + ArraySizes.doubles(64, 20000, 64),
        ArraySizes.forwardResult(spec, 64, 20000, Set.of(Trace.CELL_STATES)));
  }

  @Test
  void aBidirectionalLayerCountsBothDirections() {
    // a bidirectional LSTM under a forward one: outputs 2H wide below, H on top; three state slots
    LstmSpec spec =
        LstmSpec.of(1, 8, 2)
            .withLayerKinds(java.util.List.of(LayerKind.LSTM.bidirectional(), LayerKind.LSTM));
    assertEquals(
        ArraySizes.doubles(4, 100, 8) + 2 * ArraySizes.doubles(3, 4, 8),
        ArraySizes.forwardResult(spec, 4, 100, Set.of()));
    assertEquals(
        ArraySizes.forwardResult(spec, 4, 100, Set.of())
            + ArraySizes.references(2)
            + ArraySizes.doubles(4, 100, 16)
            + ArraySizes.doubles(4, 100, 8),
        ArraySizes.forwardResult(spec, 4, 100, Set.of(Trace.FORGET_GATES)));
    // an engine's memory per element counts each direction's units: 3 slots x 8 units x 100 steps
    ToyModel model =
        new ToyModel(
            spec, Initializer.xavier(spec, 1, 1), new EngineFootprint(1, 0, Long.MAX_VALUE));
    assertEquals(
        2400,
        MemoryCheck.forward(model, 1, 100, Set.of(), true, "x", "y").nativeBytesPerCall(),
        "one row: 100 steps x 8 units x 3 slots, 1 byte each");
  }

  @Test
  void resultsLargerThanTheHeapAreRefusedBeforeTheyAreAllocated() {
    // 64 x 20000 x 100,000 units: 1 TB of results, and the model holds tiny weights
    ToyModel model =
        new ToyModel(LstmSpec.of(1, 100_000, 1), SMALL, new EngineFootprint(0, 0, Long.MAX_VALUE));
    InsufficientMemoryException e =
        assertThrows(
            InsufficientMemoryException.class,
            () -> MemoryCheck.forward(model, 64, 20000, Set.of(), true, "the request", "do less"));
    assertEquals(InsufficientMemoryException.Kind.HEAP, e.kind());
    assertTrue(
        e.getMessage()
            .matches(
                "the request needs about [0-9.]+ GiB of Java heap, but"
                    + " only .* of the .* maximum is free: do less, or raise the maximum heap \\(-Xmx\\)"),
        e.getMessage());
    assertTrue(e.neededBytes() > 1e12, "" + e.neededBytes());
  }

  @Test
  void aSequenceTooLargeForTheMachineOrTheEngineIsRefused() {
    ToyModel huge =
        new ToyModel(LstmSpec.of(1, 64, 1), SMALL, new EngineFootprint(1e15, 0, Long.MAX_VALUE));
    InsufficientMemoryException n =
        assertThrows(
            InsufficientMemoryException.class,
            () -> MemoryCheck.forward(huge, 1, 10, Set.of(), false, "x", "use shorter sequences"));
    assertEquals(InsufficientMemoryException.Kind.NATIVE, n.kind());
    assertTrue(
        n.getMessage().contains("of memory in the toy engine for one sequence alone"),
        n.getMessage());
    ToyModel limited = new ToyModel(LstmSpec.of(1, 64, 1), SMALL, new EngineFootprint(0, 0, 1000));
    InsufficientMemoryException t =
        assertThrows(
            InsufficientMemoryException.class,
            () ->
                MemoryCheck.forward(limited, 1, 10, Set.of(), false, "x", "use shorter sequences"));
    assertEquals(InsufficientMemoryException.Kind.TENSOR, t.kind());
    assertTrue(
        t.getMessage().contains("a tensor of")
            && t.getMessage().contains("10 steps x 64" + " units"),
        t.getMessage());
  }

  @Test
  void aLargeBatchIsPlannedInPiecesOfTheCallBudget() {
    ToyModel model =
        new ToyModel(LstmSpec.of(1, 64, 1), SMALL, new EngineFootprint(30, 4, Integer.MAX_VALUE));
    // 20000 steps x 64 units x 30 bytes = 38.4 MB a sequence: 6 fit 256 MiB
    MemoryCheck.ForwardPlan plan = MemoryCheck.forward(model, 64, 20000, Set.of(), false, "x", "y");
    assertEquals(6, plan.rowsPerCall());
    assertTrue(plan.nativeBytesPerCall() <= 256L << 20);
    assertEquals(
        3,
        MemoryCheck.forward(model, 3, 20000, Set.of(), false, "x", "y").rowsPerCall(),
        "a batch that fits runs in one call");
  }

  @Test
  void whenEachPieceIsWrittenOutItsResultsBoundThePiece() {
    // a pure-Java engine: no native memory, but 11 MB of result arrays a sequence
    ToyModel model =
        new ToyModel(LstmSpec.of(1, 64, 1), SMALL, new EngineFootprint(0, 1, Long.MAX_VALUE));
    MemoryCheck.ForwardPlan streamed =
        MemoryCheck.forward(model, 64, 20000, Set.of(), false, "x", "y");
    assertTrue(
        streamed.rowsPerCall() < 64 && streamed.rowsPerCall() >= 1, "" + streamed.rowsPerCall());
    assertTrue(
        streamed.heapBytes()
            <= (256L << 20) + ArraySizes.forwardResult(model.spec(), 1, 20000, Set.of()),
        "" + streamed.heapBytes());
    MemoryCheck.ForwardPlan kept = MemoryCheck.forward(model, 64, 20000, Set.of(), true, "x", "y");
    assertEquals(64, kept.rowsPerCall(), "results kept anyway: one call");
    assertTrue(kept.heapBytes() > 64 * 20000 * 64 * 8L);
  }
}
