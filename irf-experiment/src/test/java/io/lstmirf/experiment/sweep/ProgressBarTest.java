package io.lstmirf.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.train.EpochReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  static TrialResult finishedIn(TrialKey key, double seconds) {
    TrialResult s = TrialJsonTest.sample();
    return new TrialResult(
        key,
        s.precision(),
        new TrainingRecord(s.training().epochs(), List.of(), seconds, seconds),
        s.irf(),
        s.girf(),
        s.gates(),
        0);
  }

  @Test
  void theEtaWeighsEachRemainingTrialByItsBackendsPace() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), 1, now::get);
    BiasSetting b = new BiasSetting.Fixed(1.0);
    TrialKey ref1 = new TrialKey("reference", b, 42);
    TrialKey djl1 = new TrialKey("djl", b, 42);
    TrialKey ref2 = new TrialKey("reference", b, 43);
    TrialKey djl2 = new TrialKey("djl", b, 43);
    TrialKey tf2 = new TrialKey("tfjava", b, 43);
    bar.started(3, List.of(ref1, djl1, ref2, djl2, tf2));
    assertEquals("?", bar.eta());
    now.addAndGet(100_000_000_000L);
    bar.finished(finishedIn(ref1, 100));
    bar.finished(finishedIn(djl1, 20));
    // reference 100 s, djl 20 s, tfjava unseen: the mean of all, 60 s
    assertEquals("3m00s", bar.eta());
    String out = text.toString();
    assertTrue(
        out.startsWith(
            "sweep: 5 trial(s) to run (3 already recorded, skipped), 1 at a" + " time\n"),
        out);
    assertTrue(
        out.contains(
            "sweep [########............]   2/5  40%  elapsed 1m40s  ETA"
                + " 3m00s  done: djl b=1.0 seed=42 (20.0 s, val 0.020000)"),
        out);
  }

  @Test
  void beforeAnyTrialFinishesTheEtaFollowsTheRunningTrialsPace() {
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), 1, now::get);
    TrialKey k1 = new TrialKey("reference", new BiasSetting.Fixed(0.0), 42);
    TrialKey k2 = new TrialKey("reference", new BiasSetting.Fixed(1.0), 42);
    TrialKey k3 = new TrialKey("djl", new BiasSetting.Fixed(0.0), 42);
    bar.started(0, List.of(k1, k2, k3));
    bar.trialStarted(k1);
    assertEquals("?", bar.eta());
    now.addAndGet(20_000_000_000L);
    bar.epoch(k1, new EpochReport(10, 50, 0.1, 0.2, 2));
    // 10 of 50 epochs in 20 s: 100 s a trial; 80 s left of this one, 100 s for the next, and
    // the unseen backend's trial is guessed at the same pace
    assertEquals("4m40s", bar.eta());
  }

  @Test
  void epochLinesAreRateLimited() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), 2, now::get);
    TrialKey k = new TrialKey("reference", new BiasSetting.Fixed(1.0), 42);
    bar.started(0, List.of(k));
    for (int e = 1; e <= 50; e++) {
      now.addAndGet(1_000_000_000L); // one epoch a second: a line every 10 s
      bar.epoch(k, new EpochReport(e, 50, 0.1, 0.2, 1));
    }
    assertEquals(5, text.toString().lines().filter(l -> l.contains("training:")).count());
    assertTrue(text.toString().contains("training: reference b=1.0 seed=42 epoch 10/50"));
  }

  @Test
  void durations() {
    assertEquals("45s", ProgressBar.duration(44.6));
    assertEquals("4m03s", ProgressBar.duration(243));
    assertEquals("2h05m", ProgressBar.duration(7500));
  }
}
