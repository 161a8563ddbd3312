package io.lstmirf.backend.dl4j;

import io.lstmirf.backend.dl4j.Dl4jLstmOps.BoundOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The canonical GRU (PyTorch's; Keras {@code reset_after=True}; ONNX {@code
 * linear_before_reset=1}), composed from libnd4j ops bound once to their arrays, as the LSTM ops
 * are ({@link Dl4jLstmOps.BoundOp}). libnd4j's own {@code gruCell}/{@code gru} apply the reset gate
 * before the recurrent product ({@code (r * h) W_hn}, Cho et al.) and have no {@code b_hn}: a
 * different cell, not used. Gate blocks r, z, n ({@link Dl4jParameters}):
 *
 * <pre>
 *   gx = x Wx + b                 gh = (h * m_rec) Wr
 *   [r, z] = sigmoid(gx_rz + gh_rz)
 *   hn = gh_n + b_hn              n = tanh(gx_n + r * hn)
 *   h' = z * (h - n) + n          (= (1 - z) n + z h)
 * </pre>
 *
 * Backward, with {@code dh} the gradient reaching {@code h'} (from outside plus the carry from the
 * next step): {@code dn = dh - dh z}; {@code dgx_n = tanh'(.) dn}; {@code dgh_n = dgx_n * r} (also
 * {@code b_hn}'s); {@code [dr, dz] = [dgx_n * hn, dh * (h - n)]}; {@code dgx_rz = dgh_rz =
 * sigmoid'(.) [dr, dz]}; the weights take {@code x^T dgx} and {@code (h m)^T dgh}, the input {@code
 * dgx Wx^T} and the carry {@code (dgh Wr^T) * m_rec + dh z}. The derivatives are libnd4j's {@code
 * sigmoid_bp} and {@code tanh_bp}.
 */
final class Dl4jGruOps {
  /** The custom ops run here. */
  static final List<String> NAMES =
      List.of("matmul", "sigmoid", "tanh", "sigmoid_bp", "tanh_bp", "add", "subtract", "multiply");

  private Dl4jGruOps() {}

  /**
   * One step's values, each {@code [B, n]}: what the forward ops write and the backward ops read.
   *
   * @param gx {@code [B, 3W]} the input side's pre-activations
   * @param gh {@code [B, 3W]} the recurrent side's, without {@code b_hn}
   * @param rzPre {@code [B, 2W]} r's and z's pre-activations
   * @param rz {@code [B, 2W]} r, z
   * @param hn {@code [B, W]} {@code gh_n + b_hn}
   * @param nPre {@code [B, W]} n's pre-activation
   * @param n {@code [B, W]}
   * @param hMinusN {@code [B, W]} {@code h - n}
   */
  record Step(
      INDArray gx,
      INDArray gh,
      INDArray rzPre,
      INDArray rz,
      INDArray hn,
      INDArray nPre,
      INDArray n,
      INDArray hMinusN) {

    /** New column-major arrays for one step of {@code batch} rows and {@code width} units. */
    static Step create(DataType type, long batch, long width) {
      INDArray[] a = columnMajor(type, batch, width, 3, 3, 2, 2, 1, 1, 1, 1);
      return new Step(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }

    /** The update gate z, {@code [B, W]}. */
    INDArray z() {
      long w = hn.size(1);
      return block(rz, 1, w);
    }

    /** Closes arrays this record owns (made by {@link #create}). */
    void close() {
      for (INDArray a : new INDArray[] {gx, gh, rzPre, rz, hn, nPre, n, hMinusN}) {
        a.close();
      }
    }
  }

  /**
   * Scratch arrays the backward ops of every step share (they run one step at a time), {@code [B,
   * n]} column-major, and a row of ones that sums {@code b_hn}'s gradient over the batch.
   */
  record Scratch(
      INDArray dh,
      INDArray direct,
      INDArray dn,
      INDArray dgx,
      INDArray dgh,
      INDArray drz,
      INDArray ones) {
    static Scratch create(DataType type, long batch, long width) {
      INDArray[] a = columnMajor(type, batch, width, 1, 1, 1, 3, 3, 2);
      return new Scratch(a[0], a[1], a[2], a[3], a[4], a[5], Nd4j.ones(type, 1, batch));
    }

    void close() {
      for (INDArray a : new INDArray[] {dh, direct, dn, dgx, dgh, drz, ones}) {
        a.close();
      }
    }
  }

  /**
   * Binds one forward step. {@code x [B, in]} is read with {@code w.inputWeights()} and {@code
   * w.bias()}, or, if {@code biasInput}, {@code x [B, in + 1]} ends with a column of ones and is
   * read with {@code w.inputWeightsWithBias()}. {@code h} is the previous state, {@code hm} it with
   * the recurrent mask applied (or {@code h} itself); {@code hOut} receives the new state.
   */
  static List<BoundOp> forward(
      INDArray x,
      boolean biasInput,
      Dl4jParameters.Layer w,
      INDArray h,
      INDArray hm,
      INDArray hOut,
      Step s) {
    long width = h.size(1);
    List<BoundOp> ops = new ArrayList<>(11);
    ops.add(
        biasInput
            ? matmul(x, w.inputWeightsWithBias(), s.gx(), false, false, false)
            : Dl4jLstmOps.dense(x, w.inputWeights(), w.bias(), s.gx()));
    ops.add(matmul(hm, w.recurrentWeights(), s.gh(), false, false, false));
    ops.add(Dl4jLstmOps.add(block2(s.gx(), width), block2(s.gh(), width), s.rzPre()));
    ops.add(unary("sigmoid", s.rzPre(), s.rz()));
    ops.add(Dl4jLstmOps.add(block(s.gh(), 2, width), w.recurrentBias(), s.hn()));
    ops.add(Dl4jLstmOps.multiply(block(s.rz(), 0, width), s.hn(), s.nPre()));
    ops.add(Dl4jLstmOps.add(s.nPre(), block(s.gx(), 2, width), s.nPre()));
    ops.add(unary("tanh", s.nPre(), s.n()));
    ops.add(binary("subtract", h, s.n(), s.hMinusN()));
    ops.add(Dl4jLstmOps.multiply(s.z(), s.hMinusN(), hOut));
    ops.add(Dl4jLstmOps.add(hOut, s.n(), hOut));
    return ops;
  }

  /**
   * Binds the backward of one {@link #forward} step (with {@code biasInput}). {@code carry [B, W]}
   * holds on entry the gradient reaching the step's new state through the recurrence and on exit
   * the one reaching its previous state; {@code dhOut} is the gradient from outside (the layer
   * above, a head). The weight gradients {@code dw} are added to; {@code dx [B, in + 1]} is
   * overwritten (its last column means nothing). {@code recurrentMask [B, W]} is null without
   * recurrent dropout.
   */
  static List<BoundOp> backward(
      INDArray x,
      Dl4jParameters.Layer w,
      INDArray hm,
      Step s,
      INDArray dhOut,
      INDArray carry,
      INDArray recurrentMask,
      INDArray dx,
      Dl4jParameters.Layer dw,
      Scratch g) {
    long width = carry.size(1);
    List<BoundOp> ops = new ArrayList<>(16);
    ops.add(Dl4jLstmOps.add(dhOut, carry, g.dh()));
    ops.add(Dl4jLstmOps.multiply(g.dh(), s.z(), g.direct()));
    ops.add(binary("subtract", g.dh(), g.direct(), g.dn()));
    INDArray dgxN = block(g.dgx(), 2, width);
    ops.add(binary("tanh_bp", s.nPre(), g.dn(), dgxN));
    INDArray dghN = block(g.dgh(), 2, width);
    ops.add(Dl4jLstmOps.multiply(dgxN, block(s.rz(), 0, width), dghN));
    ops.add(Dl4jLstmOps.multiply(dgxN, s.hn(), block(g.drz(), 0, width)));
    ops.add(Dl4jLstmOps.multiply(g.dh(), s.hMinusN(), block(g.drz(), 1, width)));
    ops.add(binary("sigmoid_bp", s.rzPre(), g.drz(), block2(g.dgx(), width)));
    ops.add(binary("sigmoid_bp", s.rzPre(), g.drz(), block2(g.dgh(), width)));
    ops.add(matmul(x, g.dgx(), dw.inputWeightsWithBias(), true, false, true));
    ops.add(matmul(hm, g.dgh(), dw.recurrentWeights(), true, false, true));
    ops.add(matmul(g.ones(), dghN, dw.recurrentBias().reshape(1, width), false, false, true));
    ops.add(matmul(g.dgx(), w.inputWeightsWithBias(), dx, false, true, false));
    ops.add(matmul(g.dgh(), w.recurrentWeights(), carry, false, true, false));
    if (recurrentMask != null) {
      ops.add(Dl4jLstmOps.multiply(carry, recurrentMask, carry));
    }
    ops.add(Dl4jLstmOps.add(carry, g.direct(), carry));
    return ops;
  }

  /** New column-major {@code [batch, blocks[i] width]} arrays. */
  private static INDArray[] columnMajor(DataType type, long batch, long width, int... blocks) {
    INDArray[] a = new INDArray[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      a[i] = Nd4j.create(type, new long[] {batch, blocks[i] * width}, 'f');
    }
    return a;
  }

  /** Columns {@code [k W, (k + 1) W)} of {@code a [B, n W]}: a contiguous block of an 'f' array. */
  static INDArray block(INDArray a, int k, long width) {
    return a.get(
        org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(k * width, (k + 1) * width));
  }

  /** The first two blocks (r and z) of {@code a [B, n W]}. */
  private static INDArray block2(INDArray a, long width) {
    return a.get(
        org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2 * width));
  }

  /**
   * Binds {@code matmul}: {@code z = op(x) op(y)}, or with {@code accumulate} {@code z += op(x)
   * op(y)} (libnd4j's alpha 1, beta 1).
   */
  private static BoundOp matmul(
      INDArray x, INDArray y, INDArray z, boolean transX, boolean transY, boolean accumulate) {
    BoundOp op = Dl4jLstmOps.bound("matmul", new INDArray[] {x, y}, new INDArray[] {z});
    op.iArguments(transX ? 1 : 0, transY ? 1 : 0, 0);
    op.tArguments(1.0, accumulate ? 1.0 : 0.0);
    return op;
  }

  private static BoundOp unary(String name, INDArray x, INDArray y) {
    return Dl4jLstmOps.bound(name, new INDArray[] {x}, new INDArray[] {y});
  }

  private static BoundOp binary(String name, INDArray x, INDArray y, INDArray z) {
    return Dl4jLstmOps.bound(name, new INDArray[] {x, y}, new INDArray[] {z});
  }
}
