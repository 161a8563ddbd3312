/**
 * Framework model files to and from the canonical {@link io.lstmirf.api.LstmWeights}. {@link
 * io.lstmirf.interop.ModelFormats} is the entry point: it tells a file's {@link
 * io.lstmirf.interop.ModelFormat} and reads or writes it through the {@link
 * io.lstmirf.interop.ModelFormatProvider} registered for that format (ONNX and Keras here; engine
 * modules add TorchScript, SavedModel and DL4J the same way). A model the canonical LSTM cannot
 * represent is refused with an {@link io.lstmirf.interop.UnsupportedModelException}, never imported
 * approximately.
 */
package io.lstmirf.interop;
