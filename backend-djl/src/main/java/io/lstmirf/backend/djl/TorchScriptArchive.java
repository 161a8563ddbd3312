package io.lstmirf.backend.djl;

import io.lstmirf.api.CellKind;
import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LayerKind;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Matrix;
import io.lstmirf.api.Precision;
import io.lstmirf.interop.UnsupportedModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript archive of a model, in the form {@code torch.jit.save} writes: a zip of the
 * modules' TorchScript source ({@code code/__torch__.py}), their attributes pickled in {@code
 * data.pkl}, one raw little-endian storage per parameter ({@code data/N}), and the format version.
 * PyTorch compiles the source when it loads the file; {@link DjlTorchScript} has libtorch load it
 * and save it again, so the file a user gets is PyTorch's own serialisation.
 *
 * <p>The model: {@code LstmIrfModel} with an {@code lstm} (or {@code gru}) submodule holding
 * nn.LSTM's (nn.GRU's) parameter names ({@code weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
 * bias_hh_l{k}}, then {@code *_l{k}_reverse} for a bidirectional layer; the biases as {@link
 * PyTorchLayout} splits them) and, with a head, an {@code fc} submodule of nn.Linear's ({@code
 * weight}, {@code bias}). {@code forward(input [B,T,I], h0=None, c0=None)} returns {@code (output,
 * h_n, c_n)}: output [B,T,O] (the head's) or [B,T,D*H] (the top layer's outputs), states [L*D,B,H]
 * (c_n zeros for a GRU); batch-first, zero initial state when none is given, through {@code
 * torch.lstm} / {@code torch.gru} (the ops nn.LSTM and nn.GRU call). Every layer must be of one
 * kind and direction, without peepholes, as one PyTorch module holds them.
 */
final class TorchScriptArchive {
  private static final String ROOT = "lstm_irf/";

  private TorchScriptArchive() {}

  /**
   * The archive's bytes, parameters in {@code precision}.
   *
   * @throws UnsupportedModelException for a model one nn.LSTM or nn.GRU cannot hold
   */
  static byte[] of(LstmWeights weights, Precision precision) {
    Recurrent rnn = Recurrent.of(weights.spec());
    boolean f64 = precision == Precision.FLOAT64;
    List<byte[]> storages = new ArrayList<>();
    TorchScriptPickle p = new TorchScriptPickle();
    p.beginObject("__torch__", "LstmIrfModel").string("training").bool(false);
    p.string(rnn.attribute()).beginObject("__torch__", rnn.className());
    for (int l = 0; l < weights.numLayers(); l++) {
      for (int d = 0; d < rnn.directions(); d++) {
        PyTorchLayout.Layer layer = PyTorchLayout.fromCanonical(weights.layer(l).direction(d));
        String suffix = suffix(l, d);
        Matrix wIh = layer.weightIh();
        Matrix wHh = layer.weightHh();
        parameter(
            p,
            storages,
            "weight_ih" + suffix,
            wIh.toRowMajor(),
            new long[] {wIh.rows(), wIh.cols()},
            f64);
        parameter(
            p,
            storages,
            "weight_hh" + suffix,
            wHh.toRowMajor(),
            new long[] {wHh.rows(), wHh.cols()},
            f64);
        parameter(
            p,
            storages,
            "bias_ih" + suffix,
            layer.biasIh(),
            new long[] {layer.biasIh().length},
            f64);
        parameter(
            p,
            storages,
            "bias_hh" + suffix,
            layer.biasHh(),
            new long[] {layer.biasHh().length},
            f64);
      }
    }
    p.string("training").bool(false).endObject();
    Optional<HeadWeights> head = weights.head();
    if (head.isPresent()) {
      HeadWeights h = head.get();
      p.string("fc").beginObject("__torch__", "LstmIrfLinear");
      parameter(
          p,
          storages,
          "weight",
          h.weight().toRowMajor(),
          new long[] {h.weight().rows(), h.weight().cols()},
          f64);
      parameter(p, storages, "bias", h.bias(), new long[] {h.bias().length}, f64);
      p.string("training").bool(false).endObject();
    }
    p.endObject();
    return zip(p.finish(), code(weights.spec()), storages);
  }

  /**
   * The one PyTorch recurrent module that holds every layer: nn.LSTM or nn.GRU, one direction or
   * both. PyTorch's modules stack layers of one kind only and have no peepholes.
   */
  private record Recurrent(CellKind cell, int directions) {
    static Recurrent of(LstmSpec spec) {
      LayerKind first = spec.layerKind(0);
      for (int l = 0; l < spec.numLayers(); l++) {
        LayerKind k = spec.layerKind(l);
        if (k.peepholes()) {
          throw new UnsupportedModelException(
              "layer " + l, "an LSTM with peepholes", "PyTorch's nn.LSTM has no peepholes");
        }
        if (!k.equals(first)) {
          throw new UnsupportedModelException(
              "layer " + l + " (" + k + ")",
              "layers of different kinds (layer 0 is " + first + ")",
              "one PyTorch nn.LSTM or nn.GRU stacks layers of one kind only; export it as ONNX");
        }
      }
      return new Recurrent(first.cell(), first.directions());
    }

    boolean gru() {
      return cell == CellKind.GRU;
    }

    /** The submodule's name in the model: {@code lstm} or {@code gru}. */
    String attribute() {
      return gru() ? "gru" : "lstm";
    }

    String className() {
      return gru() ? "LstmIrfGru" : "LstmIrfLstm";
    }
  }

  /** nn.LSTM's parameter suffix of layer {@code l}, direction {@code d}: {@code _l0_reverse}. */
  private static String suffix(int l, int d) {
    return "_l" + l + (d == 1 ? "_reverse" : "");
  }

  private static void parameter(
      TorchScriptPickle p,
      List<byte[]> storages,
      String name,
      double[] values,
      long[] shape,
      boolean f64) {
    String key = Integer.toString(storages.size());
    p.string(name).tensor(key, f64, shape);
    ByteBuffer b =
        ByteBuffer.allocate(values.length * (f64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (f64) {
        b.putDouble(v);
      } else {
        b.putFloat((float) v);
      }
    }
    storages.add(b.array());
  }

  /** The modules' TorchScript source, in the printed form PyTorch itself writes. */
  static String code(LstmSpec spec) {
    Recurrent rnn = Recurrent.of(spec);
    int layers = spec.numLayers();
    int slots = spec.stateSlots();
    int hidden = spec.hiddenSize();
    String cls = rnn.className();
    StringBuilder s = new StringBuilder();
    s.append("class LstmIrfModel(Module):\n")
        .append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n")
        .append("  ")
        .append(rnn.attribute())
        .append(" : __torch__.")
        .append(cls)
        .append("\n");
    if (spec.hasHead()) {
      s.append("  fc : __torch__.LstmIrfLinear\n");
    }
    s.append("  def forward(self: __torch__.LstmIrfModel,\n    input: Tensor,\n")
        .append("    h0: Optional[Tensor]=None,\n    c0: Optional[Tensor]=None)")
        .append(" -> Tuple[Tensor, Tensor, Tensor]:\n")
        .append("    rnn = self.")
        .append(rnn.attribute())
        .append("\n")
        .append("    output, h_n, c_n, = (rnn).forward(input, h0, c0, )\n");
    if (spec.hasHead()) {
      s.append("    fc = self.fc\n    return ((fc).forward(output, ), h_n, c_n)\n");
    } else {
      s.append("    return (output, h_n, c_n)\n");
    }
    List<String> names = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < rnn.directions(); d++) {
        for (String n : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
          names.add(n + suffix(l, d));
        }
      }
    }
    s.append("class ").append(cls).append("(Module):\n  __parameters__ = [");
    names.forEach(n -> s.append('"').append(n).append("\", "));
    s.append("]\n  __buffers__ = []\n");
    names.forEach(n -> s.append("  ").append(n).append(" : Tensor\n"));
    s.append("  training : bool\n")
        .append("  def forward(self: __torch__.")
        .append(cls)
        .append(",\n    input: Tensor,\n")
        .append("    h0: Optional[Tensor],\n    c0: Optional[Tensor])")
        .append(" -> Tuple[Tensor, Tensor, Tensor]:\n")
        .append("    batch = torch.size(input, 0)\n");
    // a GRU has no cell state: it takes c0 for the shared signature and returns zeros as c_n,
    // lstm-irf's state of a GRU layer
    for (String state : rnn.gru() ? new String[] {"h"} : new String[] {"h", "c"}) {
      s.append("    if torch.__is__(")
          .append(state)
          .append("0, None):\n")
          .append("      ")
          .append(state)
          .append(" = torch.zeros([")
          .append(slots)
          .append(", batch, ")
          .append(hidden)
          .append("], dtype=ops.prim.dtype(input),")
          .append(" layout=None, device=ops.prim.device(input))\n")
          .append("    else:\n      ")
          .append(state)
          .append(" = unchecked_cast(Tensor, ")
          .append(state)
          .append("0)\n");
    }
    s.append("    weights = [");
    names.forEach(n -> s.append("self.").append(n).append(", "));
    // (input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first)
    String arguments =
        ", weights, True, "
            + layers
            + ", 0., False, "
            + (rnn.directions() == 2 ? "True" : "False")
            + ", True)\n";
    if (rnn.gru()) {
      s.append("]\n    output, h_n, = torch.gru(input, h")
          .append(arguments)
          .append("    return (output, h_n, torch.zeros_like(h_n))\n");
    } else {
      s.append("]\n    output, h_n, c_n, = torch.lstm(input, [h, c]")
          .append(arguments)
          .append("    return (output, h_n, c_n)\n");
    }
    if (spec.hasHead()) {
      s.append("class LstmIrfLinear(Module):\n")
          .append("  __parameters__ = [\"weight\", \"bias\", ]\n  __buffers__ = []\n")
          .append("  weight : Tensor\n  bias : Tensor\n  training : bool\n")
          .append("  def forward(self: __torch__.LstmIrfLinear,\n    input: Tensor) -> Tensor:\n")
          .append("    return torch.linear(input, self.weight, self.bias)\n");
    }
    return s.toString();
  }

  /** The archive of pickled {@code data}, source {@code code} and raw {@code storages}. */
  static byte[] zip(byte[] data, String code, List<byte[]> storages) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, "data.pkl", data);
      stored(zip, "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
      for (int i = 0; i < storages.size(); i++) {
        stored(zip, "data/" + i, storages.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** PyTorch's reader takes stored (uncompressed) records, as its own writer makes them. */
  private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(ROOT + name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }
}
