/**
 * The {@code reference} backend: the canonical LSTM in plain float64 Java, the oracle every engine
 * backend is tested and self-checked against.
 *
 * <p>Roles, as in every backend: {@link io.lstmirf.backend.reference.ReferenceBackend} (the
 * provider), {@code ReferenceEngine} (what it loads: nothing), {@code ReferenceModel}, {@code
 * ReferenceSession}, {@code ReferenceTrainer}, {@code ReferenceParameters} (the weights as flat
 * row-major arrays); the arithmetic in {@code ReferenceCell} (one cell step), {@code
 * ReferenceRunner} (layers over a batch) and {@code ReferenceBptt} (hand-written backpropagation
 * through time, checked against finite differences).
 */
package io.lstmirf.backend.reference;
