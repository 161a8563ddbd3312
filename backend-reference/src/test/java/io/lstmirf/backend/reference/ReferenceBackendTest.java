package io.lstmirf.backend.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.BackendUnavailableException;
import io.lstmirf.api.Device;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.ModelOptions;
import io.lstmirf.api.Precision;
import io.lstmirf.api.init.Initializer;
import org.junit.jupiter.api.Test;

class ReferenceBackendTest {

  @Test
  void aGpuRequestSaysTheReferenceIsCpuOnlyInsteadOfSuggestingGpuNatives() {
    ModelOptions gpu = new ModelOptions(Precision.FLOAT64, Device.gpu(0));
    BackendUnavailableException e =
        assertThrows(
            BackendUnavailableException.class,
            () ->
                new ReferenceBackend()
                    .create(Initializer.xavier(LstmSpec.of(1, 2, 1), 1.0, 1), gpu));
    assertTrue(e.getMessage().contains("cannot use device gpu:0"), e.getMessage());
    assertTrue(
        e.getMessage().contains("CPU only; for a GPU use djl, tfjava or dl4j"), e.getMessage());
    assertFalse(e.getMessage().contains("-Pgpu"), e.getMessage());
  }
}
