package io.lstmirf.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The recurrent cell of a layer. Both keep a memory that a sigmoid gate scales at every step, the
 * <em>memory gate</em>: the LSTM's forget gate {@code f} ({@code c' = f c + i g}) and the GRU's
 * update gate {@code z} ({@code h' = (1 - z) n + z h}). A larger bias on it keeps more memory; with
 * everything else fixed the memory decays as {@code gate^k}, so the time constant is {@code -1 / ln
 * gate} for both.
 */
public enum CellKind {
  /**
   * The canonical LSTM of irf-method.md: gate rows i, f, g, o ({@link Gate}), one bias {@code
   * [4H]}, state {@code (h, c)}, optionally with peepholes.
   */
  LSTM("lstm", 4, "forget gate f", "b_f", "forget-gate bias"),
  /**
   * PyTorch's GRU (= Keras {@code reset_after=True} = ONNX {@code linear_before_reset=1}): gate
   * rows r, z, n ({@link GruGate}), a bias {@code [3H]} and the recurrent bias {@code b_hn [H]} of
   * the n gate, state {@code h} only.
   */
  GRU("gru", 3, "update gate z", "b_z", "update-gate bias");

  private final String id;
  private final int gates;
  private final String memoryGate;
  private final String memoryBias;
  private final String memoryBiasName;

  CellKind(String id, int gates, String memoryGate, String memoryBias, String memoryBiasName) {
    this.id = id;
    this.gates = gates;
    this.memoryGate = memoryGate;
    this.memoryBias = memoryBias;
    this.memoryBiasName = memoryBiasName;
  }

  /** {@code lstm} or {@code gru}, as in the JSON model format and on the command line. */
  public String id() {
    return id;
  }

  /** Gate row blocks G of {@code W_ih [G*H x in]}, {@code W_hh [G*H x H]} and the bias. */
  public int gates() {
    return gates;
  }

  /** The gate that keeps memory, for messages and labels: "forget gate f", "update gate z". */
  public String memoryGate() {
    return memoryGate;
  }

  /** The memory gate's bias as written in labels: {@code b_f} or {@code b_z}. */
  public String memoryBias() {
    return memoryBias;
  }

  /** The memory gate's bias in messages: "forget-gate bias", "update-gate bias". */
  public String memoryBiasName() {
    return memoryBiasName;
  }

  /**
   * The row block of the memory gate, the same for both: f is block 1 of i, f, g, o and z is block
   * 1 of r, z, n.
   */
  public int memoryGateBlock() {
    return 1;
  }

  /** Whether the cell has a cell state {@code c} besides {@code h}. */
  public boolean hasCellState() {
    return this == LSTM;
  }

  /** The kind named {@code id} ({@code lstm}, {@code gru}; any case). */
  public static CellKind parse(String id) {
    for (CellKind k : values()) {
      if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new InvalidInputException(
        "unknown cell '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(CellKind::id).collect(Collectors.joining(", ")));
  }
}
