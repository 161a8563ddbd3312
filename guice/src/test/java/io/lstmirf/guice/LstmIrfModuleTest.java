package io.lstmirf.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.IrfAnalysis;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** An application gets the registry, the default backend and the analysis injected. */
class LstmIrfModuleTest {

  /** What an application class looks like. */
  static final class MemoryReport {
    private final LstmBackend backend;
    private final IrfAnalysis analysis;

    @Inject
    MemoryReport(LstmBackend backend, IrfAnalysis analysis) {
      this.backend = backend;
      this.analysis = analysis;
    }

    ImpulseResponse responseOfAUnitImpulse() {
      LstmSpec spec = LstmSpec.withHead(1, 8, 1, 1);
      try (LstmModel model = backend.create(Initializer.xavier(spec, 1.0, 42))) {
        return analysis
            .impulseResponses(model)
            .compute(Baseline.zeros(), new Shock(5, 0, 1.0), 20, IrfMode.SEQUENCE);
      }
    }
  }

  @Test
  void anApplicationGetsTheBackendAndTheAnalysisInjected() {
    Injector injector = Guice.createInjector(new LstmIrfModule());
    MemoryReport report = injector.getInstance(MemoryReport.class);
    ImpulseResponse r = report.responseOfAUnitImpulse();
    assertEquals(20, r.response().length);
    assertTrue(r.response()[0][0] != 0, "a shock at t0 moves the output at t0");
    assertEquals(
        "reference",
        injector.getInstance(LstmBackend.class).name(),
        "with no setting, the default backend is the reference");
    assertSame(
        injector.getInstance(Backends.class),
        injector.getInstance(Backends.class),
        "one registry per injector");
  }

  @Test
  void theBackendCanBeNamedAndAWrongNameFailsWithTheKnownOnes() {
    Injector named = Guice.createInjector(LstmIrfModule.withBackend("REFERENCE"));
    assertEquals("reference", named.getInstance(LstmBackend.class).name());
    ProvisionException e =
        assertThrows(
            ProvisionException.class,
            () ->
                Guice.createInjector(LstmIrfModule.withBackend("pytorch"))
                    .getInstance(LstmBackend.class));
    assertTrue(
        e.getMessage().contains("unknown backend 'pytorch'; known backends: reference"),
        e.getMessage());
  }
}
