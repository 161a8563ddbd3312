package io.lstmirf.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.LstmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The epoch loop of {@link Training#fit}, on a scripted trainer that computes nothing. */
class TrainingLoopTest {
  private static final TrainerConfig SGD =
      TrainerConfig.of(new Optimizer.Sgd(0.1), LossTarget.LAST_STEP);

  private static TrainingConfig config(
      int epochs, int batch, boolean shuffle, long seed, int patience) {
    return new TrainingConfig(SGD, epochs, batch, shuffle, seed, patience);
  }

  /** Validation losses from a list, one per epoch (the validation set is one batch here). */
  private static ScriptedModel scripted(double... validation) {
    int[] at = {0};
    return new ScriptedModel(() -> validation[Math.min(at[0]++, validation.length - 1)]);
  }

  /** The order each epoch visited the examples in. */
  private static List<List<Integer>> epochOrders(ScriptedModel m, int stepsPerEpoch) {
    List<List<Integer>> out = new ArrayList<>();
    for (int e = 0; e < m.steps.size() / stepsPerEpoch; e++) {
      List<Integer> order = new ArrayList<>();
      for (int s = 0; s < stepsPerEpoch; s++) {
        for (int i : m.steps.get(e * stepsPerEpoch + s)) {
          order.add(i);
        }
      }
      out.add(order);
    }
    return out;
  }

  @Test
  void everyEpochVisitsEveryExampleOnceInSeededBatches() {
    ScriptedModel m = scripted(1);
    Training.fit(
        m, ScriptedModel.numbered(10), null, config(3, 4, true, 42, 0), EpochListener.none());
    assertEquals(9, m.steps.size(), "3 epochs of batches 4, 4, 2");
    assertEquals(List.of(4, 4, 2, 4, 4, 2, 4, 4, 2), m.steps.stream().map(s -> s.length).toList());
    List<List<Integer>> orders = epochOrders(m, 3);
    for (List<Integer> order : orders) {
      assertEquals(IntStream.range(0, 10).boxed().toList(), order.stream().sorted().toList());
    }
    assertNotEquals(orders.get(0), orders.get(1), "reshuffled every epoch");

    ScriptedModel again = scripted(1);
    Training.fit(
        again, ScriptedModel.numbered(10), null, config(3, 4, true, 42, 0), EpochListener.none());
    assertEquals(orders, epochOrders(again, 3), "the same seed gives the same batches");

    ScriptedModel other = scripted(1);
    Training.fit(
        other, ScriptedModel.numbered(10), null, config(3, 4, true, 43, 0), EpochListener.none());
    assertNotEquals(orders, epochOrders(other, 3), "another seed, other batches");
  }

  @Test
  void withoutShufflingTheOrderIsTheDatasetsOwn() {
    ScriptedModel m = scripted(1);
    Training.fit(
        m, ScriptedModel.numbered(5), null, config(2, 2, false, 42, 0), EpochListener.none());
    assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3, 4)), epochOrders(m, 3));
  }

  @Test
  void theTrainLossIsTheBatchSizeWeightedMean() {
    ScriptedModel m = scripted(1);
    TrainingHistory h =
        Training.fit(
            m, ScriptedModel.numbered(5), null, config(1, 2, false, 1, 0), EpochListener.none());
    // batches {0,1}, {2,3}, {4} answer 0.5, 2.5, 4: weighted mean = (1 + 5 + 4) / 5 = 2
    assertEquals(2.0, h.last().trainLoss(), 0);
    assertFalse(h.last().hasValidation());
    assertTrue(Double.isNaN(h.last().validationLoss()));
  }

  @Test
  void earlyStoppingWaitsPatienceEpochsAfterTheBest() {
    ScriptedModel m = scripted(5, 4, 3, 3.5, 3.2, 3.1, 2.0, 1.0);
    TrainingHistory h =
        Training.fit(
            m,
            ScriptedModel.numbered(6),
            ScriptedModel.numbered(2),
            config(8, 8, true, 1, 2),
            EpochListener.none());
    assertEquals(5, h.epochs().size(), "best at epoch 3; epochs 4 and 5 are no better: stop");
    assertTrue(h.stoppedEarly());
    assertEquals(3, h.bestEpoch());
    assertEquals(3.0, h.best().validationLoss(), 0);
    assertTrue(m.trainerClosed);
  }

  @Test
  void patienceZeroNeverStopsAndAnImprovementResetsTheCount() {
    TrainingHistory all =
        Training.fit(
            scripted(5, 6, 7, 8),
            ScriptedModel.numbered(4),
            ScriptedModel.numbered(2),
            config(4, 4, false, 1, 0),
            EpochListener.none());
    assertEquals(4, all.epochs().size());
    assertFalse(all.stoppedEarly());
    assertEquals(1, all.bestEpoch());

    TrainingHistory reset =
        Training.fit(
            scripted(5, 6, 4, 6, 3, 7),
            ScriptedModel.numbered(4),
            ScriptedModel.numbered(2),
            config(6, 4, false, 1, 2),
            EpochListener.none());
    assertEquals(6, reset.epochs().size(), "improvements at 3 and 5 keep it going");
    assertEquals(5, reset.bestEpoch());
    assertFalse(reset.stoppedEarly(), "running out of epochs is not stopping early");
  }

  @Test
  void withoutValidationTheBestEpochIsTheLast() {
    TrainingHistory h =
        Training.fit(
            scripted(1),
            ScriptedModel.numbered(4),
            null,
            config(3, 4, true, 1, 2),
            EpochListener.none());
    assertEquals(3, h.epochs().size());
    assertEquals(3, h.bestEpoch());
    assertFalse(h.stoppedEarly());
  }

  @Test
  void theListenerHearsEveryEpochInOrderWithTheLiveModel() {
    ScriptedModel m = scripted(3, 2, 1);
    List<EpochReport> heard = new ArrayList<>();
    EpochListener record =
        (report, model) -> {
          heard.add(report);
          assertSame(m, model);
          m.events.add("listener " + report.epoch());
        };
    EpochListener adapt = (report, model) -> model.setForgetBias(1.0);
    Training.fit(
        m,
        ScriptedModel.numbered(4),
        ScriptedModel.numbered(1),
        config(3, 2, true, 5, 0),
        record.andThen(adapt));
    assertEquals(List.of(1, 2, 3), heard.stream().map(EpochReport::epoch).toList());
    assertTrue(heard.stream().allMatch(r -> r.epochs() == 3 && r.seconds() >= 0));
    assertEquals(List.of(3.0, 2.0, 1.0), heard.stream().map(EpochReport::validationLoss).toList());
    assertEquals(
        List.of(
            "open",
            "step",
            "step",
            "listener 1",
            "setForgetBias",
            "step",
            "step",
            "listener 2",
            "setForgetBias",
            "step",
            "step",
            "listener 3",
            "setForgetBias",
            "close"),
        m.events,
        "listeners run between epochs, in order");
  }

  @Test
  void theTrainerIsClosedWhenAListenerFails() {
    ScriptedModel m = scripted(1);
    RuntimeException boom = new IllegalStateException("listener failed");
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () ->
                Training.fit(
                    m,
                    ScriptedModel.numbered(2),
                    null,
                    config(3, 2, true, 1, 0),
                    (r, model) -> {
                      throw boom;
                    })));
    assertTrue(m.trainerClosed);
    assertEquals(1, m.steps.size(), "stopped after the first epoch");
  }

  @Test
  void batchedLossIsTheSizeWeightedMean() {
    double[] answers = {1, 4};
    int[] at = {0};
    LstmModel m = new ScriptedModel(() -> answers[at[0]++]);
    try (LstmTrainer t = m.openTrainer(SGD)) {
      // batches of 3 and 1: (3 * 1 + 1 * 4) / 4
      assertEquals(7.0 / 4, Training.batchedLoss(t, ScriptedModel.numbered(4), 3), 0);
    }
    assertEquals(2, at[0], "one loss call per batch");
  }
}
