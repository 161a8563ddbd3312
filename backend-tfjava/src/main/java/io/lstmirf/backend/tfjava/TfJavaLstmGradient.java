package io.lstmirf.backend.tfjava;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;

/**
 * The gradient of TensorFlow's fused {@code BlockLSTMV2} op for graph autograd.
 *
 * <p>TensorFlow defines this gradient only in Python ({@code _BlockLSTMV2Grad}); the C++ registry
 * that TensorFlow Java's {@code Graph.addGradients} uses has none. This registers the same rule:
 * back-propagation through time by the engine's own {@code BlockLSTMGradV2} kernel, fed the forward
 * op's saved activations and the gradients of its {@code cs} and {@code h} outputs (the gate
 * outputs are activations the kernel re-derives, so their gradients are not inputs).
 *
 * <p>The registration is process-wide; if a gradient for {@code BlockLSTMV2} is already registered
 * (a future TensorFlow Java may ship one), that one is kept.
 */
final class TfJavaLstmGradient {
  // BlockLSTMV2 inputs and outputs, in op-definition order.
  private static final int SEQ_LEN_MAX = 0;
  private static final int INPUTS = 9;
  private static final int OUTPUTS = 7;
  private static final int CS_OUTPUT = 1;
  private static final int H_OUTPUT = 6;

  private static boolean registered;

  private TfJavaLstmGradient() {}

  /** Registers the gradient once per JVM. */
  static synchronized void register() {
    if (!registered) {
      TensorFlow.registerCustomGradient(BlockLSTM.OP_NAME, TfJavaLstmGradient::gradients);
      registered = true;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the op's inputs share one dtype T, unknown here
  private static List<Operand<?>> gradients(Ops tf, GraphOperation op, List<Output<?>> dy) {
    Operand[] in = new Operand[INPUTS];
    for (int k = 0; k < INPUTS; k++) {
      in[k] = op.input(k);
    }
    Operand[] out = new Operand[OUTPUTS];
    for (int k = 0; k < OUTPUTS; k++) {
      out[k] = op.output(k);
    }
    Operand csGrad = dy.get(CS_OUTPUT);
    Operand hGrad = dy.get(H_OUTPUT);
    BlockLSTMGrad g =
        tf.nn.blockLSTMGrad(
            in[0],
            in[1],
            in[2],
            in[3],
            in[4],
            in[5],
            in[6],
            in[7],
            in[8],
            out[0],
            out[1],
            out[2],
            out[3],
            out[4],
            out[5],
            out[6],
            csGrad,
            hGrad,
            op.attributes().getAttrBool("use_peephole"));
    // seq_len_max is an integer count: its "gradient" is zeros, as Python's None is not
    // expressible through the Java adapter (and nothing differentiable ever produces it).
    return List.of(
        tf.zerosLike(in[SEQ_LEN_MAX]),
        g.xGrad(),
        g.csPrevGrad(),
        g.hPrevGrad(),
        g.wGrad(),
        g.wciGrad(),
        g.wcfGrad(),
        g.wcoGrad(),
        g.bGrad());
  }
}
