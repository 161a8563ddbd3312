package example;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmSession;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.StepResult;
import io.lstmirf.api.init.Initializer;
import io.lstmirf.irf.Baseline;
import io.lstmirf.irf.ImpulseResponse;
import io.lstmirf.irf.ImpulseResponses;
import io.lstmirf.irf.IrfMode;
import io.lstmirf.irf.Shock;
import io.lstmirf.irf.metrics.ResponseMetrics;

/** The README's library example: one model on every backend found, its impulse response. */
public final class LibraryExample {
  private LibraryExample() {}

  public static void main(String[] args) {
    // README:begin
    LstmSpec spec = LstmSpec.withHead(1, 50, 1, 1);                 // 1 input, 50 units, 1 layer, dense head
    LstmWeights weights = Initializer.xavier(spec, 1.0, 42);         // b_f = 1, other biases 0, seed 42
    for (LstmBackend backend : Backends.discover().available()) {   // reference, djl, tfjava, dl4j
      try (LstmModel model = backend.create(weights)) {             // in the backend's default precision
        ImpulseResponse irf = new ImpulseResponses(model)            // unit impulse at t = 30, 100 lags
            .compute(Baseline.zeros(), new Shock(30, 0, 1.0), 100, IrfMode.SEQUENCE);
        ResponseMetrics m = irf.metrics().get(0);                    // head output 0
        model.setForgetBias(2.0);                                    // change memory on the live model
        try (LstmSession session = model.openSession(1)) {           // or step it, carrying (h, c)
          StepResult y = session.step(new double[][] {{1.0}});
          System.out.printf("%-9s %s  peak %.4f at lag %d, half-life %s; first step at b_f = 2: %.4f%n",
              backend.name(), model.options().precision(), m.peak(), m.peakLag(),
              m.halfLife().isPresent() ? m.halfLife().getAsInt() + " lags" : "not reached",
              y.responses()[0][0]);
        }
      }
    }
    // README:end
  }
}
