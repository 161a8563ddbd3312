/**
 * The {@code tfjava} backend: the canonical LSTM on TensorFlow Java 1.1.0 (TensorFlow 2.18).
 *
 * <p>Each model is one TensorFlow graph and one session ({@link
 * io.lstmirf.backend.tfjava.TfJavaGraph}). The weights are converted once, at load time, into
 * resource variables in the layout of TensorFlow's fused {@code BlockLSTMV2} op (canonical gate
 * order, no clipping, no built-in forget bias). Subgraphs are built once, on first use, and only
 * run afterwards:
 *
 * <ul>
 *   <li>sequences: {@code BlockLSTMV2} per layer over the whole sequence (one kernel call per
 *       layer; it also returns the per-step cell states and forget gates the traces need);
 *   <li>sessions: the same op on one time step, each layer's h and c fed back to the next run
 *       without leaving the engine, one {@code TF_SessionRun} per step through the C API ({@link
 *       io.lstmirf.backend.tfjava.TfJavaNativeSession});
 *   <li>gradients: TensorFlow's graph autograd, through the {@code BlockLSTMV2} gradient that this
 *       backend registers ({@link io.lstmirf.backend.tfjava.TfJavaLstmGradient});
 *   <li>training: {@code ResourceApplyAdam} / {@code ResourceApplyGradientDescent} on the model's
 *       own variables, with global-norm clipping in the graph;
 *   <li>the live forget bias: a strided-slice assignment into the bias variable.
 * </ul>
 *
 * <p>float32 only: TensorFlow's LSTM kernels exist for half and float, and graph gradients in
 * TensorFlow Java cannot differentiate a while loop, so a float64 LSTM could not be trained with
 * the engine's own autograd.
 */
package io.lstmirf.backend.tfjava;
