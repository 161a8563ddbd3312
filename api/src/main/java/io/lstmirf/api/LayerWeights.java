package io.lstmirf.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;

/**
 * The canonical weights of one layer. Immutable. With {@code G} gate blocks of {@code H} rows
 * ({@link CellKind#gates()}: 4 for an LSTM, 3 for a GRU), one direction holds:
 *
 * <ul>
 *   <li>{@code W_ih [G*H x in]}, {@code W_hh [G*H x H]} and one bias {@code b [G*H]}, in gate row
 *       blocks i, f, g, o ({@link Gate}) or r, z, n ({@link GruGate});
 *   <li>a GRU's recurrent bias {@code b_hn [H]} of the n gate, inside {@code r * (W_hn h + b_hn)}
 *       ({@link #recurrentBias()}); the bias {@code b} holds PyTorch's {@code b_ih} for n and the
 *       sums {@code b_ih + b_hh} for r and z, whose split does not matter;
 *   <li>an LSTM's optional peepholes {@code p [3H]} in the order i, f, o ({@link #peephole()}),
 *       with ONNX's semantics: {@code i = sigmoid(... + p_i * c_{t-1})}, {@code f = sigmoid(... +
 *       p_f * c_{t-1})}, {@code o = sigmoid(... + p_o * c_t)}.
 * </ul>
 *
 * A bidirectional layer holds the forward direction's tensors itself and the backward direction's
 * in {@link #backward()}, a forward layer of the same cell and shapes. The canonical LSTM (the
 * three-argument constructor) is exactly the layer of irf-method.md.
 */
public final class LayerWeights {
  private final CellKind cell;
  private final Matrix weightIh;
  private final Matrix weightHh;
  private final double[] bias;
  private final double[] recurrentBias;
  private final double[] peephole;
  private final LayerWeights backward;

  /**
   * A canonical LSTM layer.
   *
   * @throws InvalidInputException naming the field and the expected shape if the shapes disagree
   */
  public LayerWeights(Matrix weightIh, Matrix weightHh, double[] bias) {
    this(CellKind.LSTM, weightIh, weightHh, bias, null, null, null);
  }

  private LayerWeights(
      CellKind cell,
      Matrix weightIh,
      Matrix weightHh,
      double[] bias,
      double[] recurrentBias,
      double[] peephole,
      LayerWeights backward) {
    LayerChecks.shapes(cell, weightIh, weightHh, bias, recurrentBias, peephole);
    this.cell = cell;
    this.weightIh = weightIh;
    this.weightHh = weightHh;
    this.bias = bias.clone();
    this.recurrentBias = recurrentBias == null ? null : recurrentBias.clone();
    this.peephole = peephole == null ? null : peephole.clone();
    this.backward = backward;
  }

  /** Builds a canonical LSTM layer from nested arrays, as they appear in the JSON model format. */
  public static LayerWeights of(double[][] weightIh, double[][] weightHh, double[] bias) {
    return new LayerWeights(
        Matrix.of("weightIh", weightIh),
        Matrix.of("weightHh", weightHh),
        Objects.requireNonNull(bias, "bias"));
  }

  /** A forward LSTM layer, with peepholes {@code [3H]} (i, f, o) or without ({@code null}). */
  public static LayerWeights lstm(
      Matrix weightIh, Matrix weightHh, double[] bias, double[] peephole) {
    return new LayerWeights(CellKind.LSTM, weightIh, weightHh, bias, null, peephole, null);
  }

  /** A forward GRU layer: gate rows r, z, n, bias {@code [3H]}, recurrent bias {@code b_hn [H]}. */
  public static LayerWeights gru(
      Matrix weightIh, Matrix weightHh, double[] bias, double[] recurrentBias) {
    return new LayerWeights(CellKind.GRU, weightIh, weightHh, bias, recurrentBias, null, null);
  }

  /**
   * The bidirectional layer whose forward direction is this one and whose backward direction is
   * {@code backwardDirection}, a forward layer of the same kind and shapes.
   */
  public LayerWeights bidirectional(LayerWeights backwardDirection) {
    if (backward != null || backwardDirection.backward != null) {
      throw new InvalidInputException("a bidirectional layer is built from two forward layers");
    }
    if (!backwardDirection.kind().equals(kind())
        || backwardDirection.inputSize() != inputSize()
        || backwardDirection.hiddenSize() != hiddenSize()) {
      throw new InvalidInputException(
          "backward direction is "
              + backwardDirection
              + "; it must match the forward direction, "
              + this);
    }
    return new LayerWeights(
        cell, weightIh, weightHh, bias, recurrentBias, peephole, backwardDirection);
  }

  /**
   * A layer of {@code kind} from its tensors in the order of {@link #tensors()}: {@code
   * next.apply(n)} returns the next tensor, of {@code n} values, row-major.
   */
  public static LayerWeights fromTensors(
      LayerKind kind, int inputSize, int hiddenSize, IntFunction<double[]> next) {
    LayerWeights forward = direction(kind, inputSize, hiddenSize, next);
    return kind.directions() == 1
        ? forward
        : forward.bidirectional(direction(kind, inputSize, hiddenSize, next));
  }

  private static LayerWeights direction(LayerKind kind, int in, int h, IntFunction<double[]> next) {
    int rows = kind.cell().gates() * h;
    Matrix wIh = Matrix.ofRowMajor(rows, in, next.apply(rows * in));
    Matrix wHh = Matrix.ofRowMajor(rows, h, next.apply(rows * h));
    double[] b = next.apply(rows);
    return kind.cell() == CellKind.GRU
        ? gru(wIh, wHh, b, next.apply(h))
        : lstm(wIh, wHh, b, kind.peepholes() ? next.apply(3 * h) : null);
  }

  /**
   * Every tensor, row-major copies, by name, in the canonical order: {@code weightIh}, {@code
   * weightHh}, {@code bias}, then {@code recurrentBias} (GRU) or {@code peephole} (LSTM with
   * peepholes); then the same for the backward direction, named {@code backward.weightIh}, and so
   * on.
   */
  public Map<String, double[]> tensors() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (LayerWeights d = this; d != null; d = d == this ? backward : null) {
      String prefix = d == this ? "" : "backward.";
      out.put(prefix + "weightIh", d.weightIh.toRowMajor());
      out.put(prefix + "weightHh", d.weightHh.toRowMajor());
      out.put(prefix + "bias", d.bias.clone());
      if (d.recurrentBias != null) {
        out.put(prefix + "recurrentBias", d.recurrentBias.clone());
      }
      if (d.peephole != null) {
        out.put(prefix + "peephole", d.peephole.clone());
      }
    }
    return out;
  }

  /** The layer's cell, peepholes and direction. */
  public LayerKind kind() {
    return new LayerKind(
        cell, peephole != null, backward == null ? Direction.FORWARD : Direction.BIDIRECTIONAL);
  }

  public CellKind cell() {
    return cell;
  }

  public int hiddenSize() {
    return weightHh.cols();
  }

  public int inputSize() {
    return weightIh.cols();
  }

  /** Values the layer outputs per step: {@code directions * H}. */
  public int outputSize() {
    return kind().directions() * hiddenSize();
  }

  /** {@code W_ih}, {@code [G*H x in]}, of the forward direction. */
  public Matrix weightIh() {
    return weightIh;
  }

  /** {@code W_hh}, {@code [G*H x H]}, of the forward direction. */
  public Matrix weightHh() {
    return weightHh;
  }

  /** A copy of the forward direction's bias {@code [G*H]}. */
  public double[] bias() {
    return bias.clone();
  }

  /** A GRU's recurrent bias {@code b_hn [H]} (forward direction); empty for an LSTM. */
  public Optional<double[]> recurrentBias() {
    return Optional.ofNullable(recurrentBias).map(double[]::clone);
  }

  /** An LSTM's peepholes {@code [3H]}, i, f, o (forward direction); empty without them. */
  public Optional<double[]> peephole() {
    return Optional.ofNullable(peephole).map(double[]::clone);
  }

  /** The backward direction of a bidirectional layer, as a forward layer; empty otherwise. */
  public Optional<LayerWeights> backward() {
    return Optional.ofNullable(backward);
  }

  /** The forward direction alone (this layer without its backward direction). */
  public LayerWeights forwardDirection() {
    return backward == null
        ? this
        : new LayerWeights(cell, weightIh, weightHh, bias, recurrentBias, peephole, null);
  }

  /** Direction {@code d} (0 forward, 1 backward) as a forward layer. */
  public LayerWeights direction(int d) {
    if (d == 0) {
      return forwardDirection();
    }
    if (d == 1 && backward != null) {
      return backward;
    }
    throw new InvalidInputException(
        "direction " + d + " does not exist: the layer has " + kind().directions());
  }

  /** A copy of one LSTM gate's bias block {@code [H]} (forward direction). */
  public double[] gateBias(Gate gate) {
    requireCell(CellKind.LSTM, gate.name().toLowerCase(Locale.ROOT) + " gate");
    return block(bias, gate.offset(hiddenSize()));
  }

  /** A copy of one GRU gate's bias block {@code [H]} (forward direction). */
  public double[] gateBias(GruGate gate) {
    requireCell(CellKind.GRU, gate.name().toLowerCase(Locale.ROOT) + " gate");
    return block(bias, gate.offset(hiddenSize()));
  }

  /**
   * A copy of the memory gate's bias ({@link CellKind}): the forget gate's {@code b[H..2H-1]} of an
   * LSTM, the update gate's {@code b_z} of a GRU; {@code [2H]}, forward then backward, for a
   * bidirectional layer.
   */
  public double[] memoryGateBias() {
    int h = hiddenSize();
    double[] out = new double[outputSize()];
    System.arraycopy(bias, h, out, 0, h);
    if (backward != null) {
      System.arraycopy(backward.bias, h, out, h, h);
    }
    return out;
  }

  /** This layer with the memory gate's bias ({@code [directions * H]}) replaced. */
  public LayerWeights withMemoryGateBias(double[] memoryBias) {
    int h = hiddenSize();
    if (memoryBias == null || memoryBias.length != outputSize()) {
      throw new InvalidInputException(
          cell.memoryBiasName()
              + " has length "
              + (memoryBias == null ? "null" : memoryBias.length)
              + "; expected "
              + outputSize()
              + (backward == null ? " (H)" : " (2H: forward then backward)"));
    }
    LayerWeights forward = withBlock(h, Arrays.copyOfRange(memoryBias, 0, h), null);
    return backward == null
        ? forward
        : forward.withBlock(
            h, null, backward.withBlock(h, Arrays.copyOfRange(memoryBias, h, 2 * h), null));
  }

  /** A copy of an LSTM layer's forget-gate bias: {@link #memoryGateBias()} of an LSTM. */
  public double[] forgetBias() {
    requireCell(CellKind.LSTM, "forget gate");
    return memoryGateBias();
  }

  /** This LSTM layer with the forget-gate bias replaced; the other gates are unchanged. */
  public LayerWeights withForgetBias(double[] forgetBias) {
    requireCell(CellKind.LSTM, "forget gate");
    return withMemoryGateBias(forgetBias);
  }

  /** This LSTM layer with one gate's bias block of the forward direction replaced. */
  public LayerWeights withGateBias(Gate gate, double[] gateBias) {
    requireCell(CellKind.LSTM, gate.name().toLowerCase(Locale.ROOT) + " gate");
    int h = hiddenSize();
    if (gateBias == null || gateBias.length != h) {
      throw new InvalidInputException(
          gate.name().toLowerCase(Locale.ROOT)
              + "-gate bias has length "
              + (gateBias == null ? "null" : gateBias.length)
              + "; expected "
              + h
              + " (H)");
    }
    return withBlock(gate.offset(h), gateBias, backward);
  }

  /** This layer with the same architecture and every entry {@code f(entry)}. */
  public LayerWeights map(DoubleUnaryOperator f) {
    LayerWeights fwd =
        new LayerWeights(
            cell,
            weightIh.map(f),
            weightHh.map(f),
            apply(bias, f),
            apply(recurrentBias, f),
            apply(peephole, f),
            null);
    return backward == null ? fwd : fwd.bidirectional(backward.map(f));
  }

  /** Where the first non-finite value is ({@code weightIh[r][c]}, ...), or null. */
  String firstNonFinite() {
    return firstNotHeldIn(Precision.FLOAT64);
  }

  /**
   * Where the first value {@code precision} cannot hold is, tensor by tensor ({@code
   * "weightIh[r][c]"}, {@code "backward.bias[k]"}, ...), or null.
   */
  String firstNotHeldIn(Precision precision) {
    return LayerChecks.firstNotHeldIn(tensors(), inputSize(), hiddenSize(), precision);
  }

  /** The value at a path {@link #firstNotHeldIn} returned. */
  double valueAt(String path) {
    return LayerChecks.valueAt(tensors(), path, inputSize(), hiddenSize());
  }

  static int[] indices(String path) {
    return java.util.regex.Pattern.compile("\\[(\\d+)\\]")
        .matcher(path)
        .results()
        .mapToInt(m -> Integer.parseInt(m.group(1)))
        .toArray();
  }

  /** Largest absolute difference to a layer of the same kind and shape. */
  public double maxAbsDifference(LayerWeights other) {
    if (!other.kind().equals(kind())) {
      throw new InvalidInputException("layer kinds differ: " + kind() + " vs " + other.kind());
    }
    return LayerChecks.maxAbsDifference(tensors(), other.tensors());
  }

  private LayerWeights withBlock(int offset, double[] block, LayerWeights newBackward) {
    double[] b = bias.clone();
    if (block != null) {
      System.arraycopy(block, 0, b, offset, block.length);
    }
    return new LayerWeights(
        cell,
        weightIh,
        weightHh,
        b,
        recurrentBias,
        peephole,
        newBackward == null ? backward : newBackward);
  }

  private void requireCell(CellKind expected, String what) {
    if (cell != expected) {
      throw new InvalidInputException(
          "a "
              + cell.id()
              + " layer has no "
              + what
              + "; "
              + (cell == CellKind.GRU
                  ? "its memory gate is the update gate z (memoryGateBias)"
                  : "it is an LSTM layer"));
    }
  }

  private double[] block(double[] v, int offset) {
    return Arrays.copyOfRange(v, offset, offset + hiddenSize());
  }

  private static double[] apply(double[] v, DoubleUnaryOperator f) {
    return v == null ? null : Arrays.stream(v).map(f).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerWeights l
        && l.cell == cell
        && l.weightIh.equals(weightIh)
        && l.weightHh.equals(weightHh)
        && Arrays.equals(l.bias, bias)
        && Arrays.equals(l.recurrentBias, recurrentBias)
        && Arrays.equals(l.peephole, peephole)
        && Objects.equals(l.backward, backward);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        cell,
        weightIh,
        weightHh,
        Arrays.hashCode(bias),
        Arrays.hashCode(recurrentBias),
        Arrays.hashCode(peephole),
        backward);
  }

  @Override
  public String toString() {
    return "LayerWeights[" + kind() + ", in=" + inputSize() + ", H=" + hiddenSize() + "]";
  }
}
