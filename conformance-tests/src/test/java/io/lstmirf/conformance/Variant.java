package io.lstmirf.conformance;

import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recurrent variant the conformance suite runs on every backend: a named architecture whose
 * layers are not all canonical LSTMs. Small, so that every case is quick, but with stacked layers
 * (a layer reading a bidirectional layer's 2H outputs, a GRU under an LSTM) and heads where they
 * change the shapes a backend must get right.
 *
 * @param name what the case is called in reports
 * @param spec its architecture
 */
record Variant(String name, LstmSpec spec) {
  private static final LayerKind PEEPHOLE = LayerKind.LSTM.withPeepholes();

  /** Every variant. */
  static Stream<Variant> all() {
    return Stream.concat(causal(), bidirectional());
  }

  /** The variants that can be stepped: every layer reads forward. */
  static Stream<Variant> causal() {
    return Stream.of(
        new Variant(
            "lstm+peepholes, 2 layers, head", LstmSpec.withHead(2, 4, 2, 1).withKind(PEEPHOLE)),
        new Variant("gru, 2 layers, head", LstmSpec.withHead(2, 5, 2, 1).withKind(LayerKind.GRU)),
        new Variant("gru, 1 layer, no head", LstmSpec.of(3, 4, 1).withKind(LayerKind.GRU)),
        new Variant(
            "gru under lstm+peepholes, head 2",
            LstmSpec.withHead(3, 4, 2, 2).withLayerKinds(List.of(LayerKind.GRU, PEEPHOLE))));
  }

  /** The variants with a bidirectional layer, which cannot be stepped. */
  static Stream<Variant> bidirectional() {
    return Stream.of(
        new Variant(
            "bidirectional lstm, 2 layers, head",
            LstmSpec.withHead(2, 4, 2, 1).withKind(LayerKind.LSTM.bidirectional())),
        new Variant(
            "bidirectional gru, 2 layers, no head",
            LstmSpec.of(2, 3, 2).withKind(LayerKind.GRU.bidirectional())),
        new Variant(
            "bidirectional lstm+peepholes, head 2",
            LstmSpec.withHead(2, 3, 1, 2).withKind(PEEPHOLE.bidirectional())),
        new Variant(
            "bidirectional gru under lstm, head",
            LstmSpec.withHead(2, 4, 2, 1)
                .withLayerKinds(List.of(LayerKind.GRU.bidirectional(), LayerKind.LSTM))));
  }

  /** A seed of its own for each variant, so that cases draw different numbers. */
  long seed() {
    return 9_000L + Math.floorMod(name.hashCode(), 1_000);
  }

  @Override
  public String toString() {
    return name;
  }
}
