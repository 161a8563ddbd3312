package io.lstmirf.backend.djl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few pickle (protocol 2) opcodes a TorchScript archive's {@code data.pkl} needs to describe
 * modules and their tensors, written the way {@code torch.jit.save} writes them: a module is {@code
 * GLOBAL '__torch__ Cls'}, {@code NEWOBJ} of an empty tuple and a {@code BUILD} from a dict of its
 * attributes; a tensor is {@code torch._utils._rebuild_tensor_v2} of a persistent storage
 * reference. Callers emit opcodes in order, as a pickler would.
 */
final class TorchScriptPickle {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TorchScriptPickle() {
    out.write(0x80); // PROTO
    out.write(2);
  }

  /** {@code GLOBAL module name}. */
  TorchScriptPickle global(String module, String name) {
    out.write('c');
    ascii(module + "\n" + name + "\n");
    return this;
  }

  /**
   * Starts a module object: {@code GLOBAL}, {@code EMPTY_TUPLE NEWOBJ}, {@code EMPTY_DICT MARK}.
   */
  TorchScriptPickle beginObject(String module, String name) {
    global(module, name);
    out.write(')'); // EMPTY_TUPLE
    out.write(0x81); // NEWOBJ
    out.write('}'); // EMPTY_DICT
    return mark();
  }

  /** Ends a module object: {@code SETITEMS BUILD}. */
  TorchScriptPickle endObject() {
    out.write('u'); // SETITEMS
    out.write('b'); // BUILD
    return this;
  }

  TorchScriptPickle mark() {
    out.write('(');
    return this;
  }

  /** {@code TUPLE}: the values since the last mark. */
  TorchScriptPickle tuple() {
    out.write('t');
    return this;
  }

  TorchScriptPickle string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write('X'); // BINUNICODE
    int32(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  TorchScriptPickle bool(boolean v) {
    out.write(v ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
    return this;
  }

  TorchScriptPickle integer(long v) {
    if (v >= 0 && v < 256) {
      out.write('K'); // BININT1
      out.write((int) v);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out.write('J'); // BININT
      int32((int) v);
    } else {
      throw new IllegalArgumentException("tensor dimension too large for this writer: " + v);
    }
    return this;
  }

  /**
   * A tensor of a storage written as {@code data/KEY}: contiguous, row-major, requiring grad (a
   * parameter), as {@code torch.jit.save} pickles one.
   */
  TorchScriptPickle tensor(String key, boolean float64, long[] shape) {
    long numel = 1;
    for (long d : shape) {
      numel *= d;
    }
    global("torch._utils", "_rebuild_tensor_v2").mark();
    mark()
        .string("storage")
        .global("torch", float64 ? "DoubleStorage" : "FloatStorage")
        .string(key)
        .string("cpu")
        .integer(numel)
        .tuple();
    out.write('Q'); // BINPERSID
    integer(0); // storage offset
    mark();
    for (long d : shape) {
      integer(d);
    }
    tuple();
    mark();
    long stride = 1;
    long[] strides = new long[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i];
    }
    for (long s : strides) {
      integer(s);
    }
    tuple().bool(true);
    global("collections", "OrderedDict");
    out.write(')'); // EMPTY_TUPLE
    out.write('R'); // REDUCE: OrderedDict() for backward hooks
    tuple();
    out.write('R'); // REDUCE: _rebuild_tensor_v2(...)
    return this;
  }

  /** The pickle, ended with {@code STOP}. */
  byte[] finish() {
    out.write('.');
    return out.toByteArray();
  }

  private void ascii(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b, 0, b.length);
  }

  private void int32(int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 24) & 0xff);
  }
}
