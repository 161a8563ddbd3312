package io.lstmirf.interop.onnx;

import io.lstmirf.api.Precision;
import java.util.Objects;

/**
 * How {@link OnnxWriter} lays out the graph it writes.
 *
 * @param batchFirst the input is {@code [B,T,I]} and the output {@code [B,T,O]}, as lstm-irf's own
 *     arrays (a Transpose on each side of the time-major LSTM nodes); else {@code [T,B,I]}
 * @param stateInputs the graph takes the initial state as inputs {@code h_0}, {@code c_0} {@code
 *     [L,B,H]}; else every layer starts from zeros
 * @param precision FLOAT32 (what ONNX Runtime and most tools run; weights rounded to float) or
 *     FLOAT64 (every weight kept exactly: a JSON to ONNX to JSON round trip is exact; valid ONNX,
 *     but ONNX Runtime 1.22 refuses it: "LSTM operator does not support double yet")
 */
public record OnnxExportOptions(boolean batchFirst, boolean stateInputs, Precision precision) {

  /** Batch-first, zero initial state, float32. */
  public static final OnnxExportOptions DEFAULT =
      new OnnxExportOptions(true, false, Precision.FLOAT32);

  public OnnxExportOptions {
    Objects.requireNonNull(precision, "precision");
  }

  public OnnxExportOptions withBatchFirst(boolean value) {
    return new OnnxExportOptions(value, stateInputs, precision);
  }

  public OnnxExportOptions withStateInputs(boolean value) {
    return new OnnxExportOptions(batchFirst, value, precision);
  }

  public OnnxExportOptions withPrecision(Precision value) {
    return new OnnxExportOptions(batchFirst, stateInputs, value);
  }
}
