package io.lstmirf.backend.tfjava;

import io.lstmirf.api.LstmBackend;

/** The backend these tests exercise. */
final class TfJavaUnderTest {
  static final LstmBackend TFJAVA = new TfJavaBackend();

  private TfJavaUnderTest() {}
}
