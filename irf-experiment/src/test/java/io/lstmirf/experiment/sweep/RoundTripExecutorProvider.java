package io.lstmirf.experiment.sweep;

import io.lstmirf.api.Backends;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A test provider for {@code --master roundtrip}: runs each trial in this process, but only from
 * what an executor elsewhere would get (the work and the key as JSON, the backend looked up by name
 * in its own registry) and hands back the result parsed from its JSON line.
 */
public final class RoundTripExecutorProvider implements TrialExecutorProvider {
  static volatile Map<String, String> lastSettings;

  @Override
  public String name() {
    return "roundtrip";
  }

  @Override
  public String masters() {
    return "roundtrip";
  }

  @Override
  public boolean accepts(String master) {
    return master.equals("roundtrip");
  }

  @Override
  public TrialExecutor open(String master, Map<String, String> settings, PrintWriter notes) {
    lastSettings = settings;
    return new TrialExecutor() {
      @Override
      public int parallelism() {
        return 1;
      }

      @Override
      public String describe() {
        return "round trip";
      }

      @Override
      public void run(TrialBatch batch, List<TrialKey> trials, TrialListener listener) {
        String work = batch.work().toJson();
        Backends remote = TinySweeps.registry();
        for (TrialKey key : trials) {
          TrialKey there = TrialJson.readKey(TrialJson.keyLine(key));
          TrialOutcome r =
              TrialWork.fromJson(work)
                  .run(remote.get(there.backend()), there, (report, model) -> {});
          listener.finished(TrialOutcome.fromText(r.toText(), "result"));
        }
      }

      @Override
      public void close() {}
    };
  }
}
