package io.lstmirf.backend.djl;

import io.lstmirf.api.HeadWeights;
import io.lstmirf.api.LstmSpec;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.Precision;
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
 * A TorchScript archive of the canonical model, in the form {@code torch.jit.save} writes: a zip of
 * the modules' TorchScript source ({@code code/__torch__.py}), their attributes pickled in {@code
 * data.pkl}, one raw little-endian storage per parameter ({@code data/N}), and the format version.
 * PyTorch compiles the source when it loads the file; {@link DjlTorchScript} has libtorch load it
 * and save it again, so the file a user gets is PyTorch's own serialisation.
 *
 * <p>The model: {@code LstmIrfModel} with an {@code lstm} submodule holding nn.LSTM's parameter
 * names ({@code weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}}: b_ih the canonical
 * bias, b_hh zero) and, with a head, an {@code fc} submodule of nn.Linear's ({@code weight}, {@code
 * bias}). {@code forward(input [B,T,I], h0=None, c0=None)} returns {@code (output, h_n, c_n)}:
 * output [B,T,O] (the head's) or [B,T,H] (the top layer's h), states [L,B,H]; batch-first, zero
 * initial state when none is given, through {@code torch.lstm} (the op nn.LSTM calls).
 */
final class TorchScriptArchive {
  private static final String ROOT = "lstm_irf/";

  private TorchScriptArchive() {}

  /** The archive's bytes, parameters in {@code precision}. */
  static byte[] of(LstmWeights weights, Precision precision) {
    boolean f64 = precision == Precision.FLOAT64;
    List<byte[]> storages = new ArrayList<>();
    TorchScriptPickle p = new TorchScriptPickle();
    p.beginObject("__torch__", "LstmIrfModel").string("training").bool(false);
    p.string("lstm").beginObject("__torch__", "LstmIrfLstm");
    for (int l = 0; l < weights.numLayers(); l++) {
      PyTorchLayout.Layer layer = PyTorchLayout.fromCanonical(weights.layer(l));
      parameter(
          p,
          storages,
          "weight_ih_l" + l,
          layer.weightIh().toRowMajor(),
          new long[] {layer.weightIh().rows(), layer.weightIh().cols()},
          f64);
      parameter(
          p,
          storages,
          "weight_hh_l" + l,
          layer.weightHh().toRowMajor(),
          new long[] {layer.weightHh().rows(), layer.weightHh().cols()},
          f64);
      parameter(
          p, storages, "bias_ih_l" + l, layer.biasIh(), new long[] {layer.biasIh().length}, f64);
      parameter(
          p, storages, "bias_hh_l" + l, layer.biasHh(), new long[] {layer.biasHh().length}, f64);
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
    int layers = spec.numLayers();
    int hidden = spec.hiddenSize();
    StringBuilder s = new StringBuilder();
    s.append("class LstmIrfModel(Module):\n")
        .append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n")
        .append("  lstm : __torch__.LstmIrfLstm\n");
    if (spec.hasHead()) {
      s.append("  fc : __torch__.LstmIrfLinear\n");
    }
    s.append("  def forward(self: __torch__.LstmIrfModel,\n    input: Tensor,\n")
        .append("    h0: Optional[Tensor]=None,\n    c0: Optional[Tensor]=None)")
        .append(" -> Tuple[Tensor, Tensor, Tensor]:\n")
        .append("    lstm = self.lstm\n")
        .append("    output, h_n, c_n, = (lstm).forward(input, h0, c0, )\n");
    if (spec.hasHead()) {
      s.append("    fc = self.fc\n    return ((fc).forward(output, ), h_n, c_n)\n");
    } else {
      s.append("    return (output, h_n, c_n)\n");
    }
    List<String> names = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (String n : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
        names.add(n + l);
      }
    }
    s.append("class LstmIrfLstm(Module):\n  __parameters__ = [");
    names.forEach(n -> s.append('"').append(n).append("\", "));
    s.append("]\n  __buffers__ = []\n");
    names.forEach(n -> s.append("  ").append(n).append(" : Tensor\n"));
    s.append("  training : bool\n")
        .append("  def forward(self: __torch__.LstmIrfLstm,\n    input: Tensor,\n")
        .append("    h0: Optional[Tensor],\n    c0: Optional[Tensor])")
        .append(" -> Tuple[Tensor, Tensor, Tensor]:\n")
        .append("    batch = torch.size(input, 0)\n");
    for (String state : new String[] {"h", "c"}) {
      s.append("    if torch.__is__(")
          .append(state)
          .append("0, None):\n")
          .append("      ")
          .append(state)
          .append(" = torch.zeros([")
          .append(layers)
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
    s.append("]\n    output, h_n, c_n, = torch.lstm(input, [h, c], weights, True, ")
        .append(layers)
        .append(", 0., False, False, True)\n")
        .append("    return (output, h_n, c_n)\n");
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
