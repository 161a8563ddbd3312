/**
 * ONNX: {@link io.lstmirf.interop.onnx.OnnxReader} follows a graph's data from its sequence input
 * through LSTM nodes and exporters' glue to a linear head; {@link
 * io.lstmirf.interop.onnx.OnnxWriter} writes one LSTM node per layer (opset 14) that ONNX Runtime
 * runs. The protobuf classes ({@code io.lstmirf.interop.onnx.proto}) are generated from onnx.proto
 * at build time.
 */
package io.lstmirf.interop.onnx;
