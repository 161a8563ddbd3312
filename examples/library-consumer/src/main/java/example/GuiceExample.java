package example;

import com.google.inject.Guice;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.guice.LstmIrfModule;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.IrfAnalysis;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import jakarta.inject.Inject;

/** The README's Guice example: lstm-irf injected into an application class. */
public final class GuiceExample {
  // README:begin
  /** An application service; Guice gives it the default backend and the analysis. */
  static final class MemoryProbe {
    private final LstmBackend backend;
    private final IrfAnalysis analysis;

    @Inject
    MemoryProbe(LstmBackend backend, IrfAnalysis analysis) {
      this.backend = backend;
      this.analysis = analysis;
    }

    double[] responseOfUnit(int unit) {
      LstmSpec spec = LstmSpec.of(1, 8, 1);                            // no head: responses are h
      try (LstmModel model = backend.create(Initializer.xavier(spec, 1.0, 7))) {
        ImpulseResponse r = analysis.impulseResponses(model)
            .compute(Baseline.zeros(), new Shock(10, 0, 1.0), 50, IrfMode.SEQUENCE);
        return r.channel(unit);
      }
    }
  }

  public static void main(String[] args) {
    MemoryProbe probe = Guice.createInjector(LstmIrfModule.withBackend("djl"))   // or new LstmIrfModule()
        .getInstance(MemoryProbe.class);
    System.out.printf("unit 0 responds %.4f at the shock%n", probe.responseOfUnit(0)[0]);
  }
  // README:end
}
