package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The one encoding of non-finite numbers in every JSON this project writes: NaN, Infinity and
 * -Infinity become {@code null} (JSON has no literal for them, and a quoted {@code "Infinity"}
 * beside numbers breaks readers). Every generator {@link JsonFiles#MAPPER} makes is one of these,
 * so trees, streams and objects are all covered; the generator counts what it replaced and
 * remembers where the first one was, for a warning ({@link #nonFinite()}).
 *
 * <p>Values that are absent by definition (a half-life never reached) are written as {@code null}
 * by their writers directly and are not counted.
 */
public final class NonFiniteAsNull extends JsonGeneratorDelegate {
  private long count;
  private String firstPath;
  private double firstValue;

  NonFiniteAsNull(JsonGenerator delegate) {
    // false: tree and object writes come back through this generator's writeNumber
    super(delegate, false);
  }

  /** What a generator replaced so far: empty if nothing, or if it is not one of these. */
  public static Optional<Replaced> replaced(JsonGenerator generator) {
    return generator instanceof NonFiniteAsNull g ? g.nonFinite() : Optional.empty();
  }

  /** What this generator replaced so far; empty if every number was finite. */
  public Optional<Replaced> nonFinite() {
    return count == 0 ? Optional.empty() : Optional.of(new Replaced(count, firstPath, firstValue));
  }

  /**
   * Non-finite values written as null.
   *
   * @param count how many
   * @param firstPath where the first was, as {@code output[0][5][0]} or {@code loss}
   * @param firstValue the first one (NaN or an infinity)
   */
  public record Replaced(long count, String firstPath, double firstValue) {
    /** One line for stderr. */
    public String warning() {
      return count
          + (count == 1 ? " value was" : " values were")
          + " not a finite number and "
          + (count == 1 ? "is" : "are")
          + " written as null; the first is "
          + firstPath
          + " ("
          + firstValue
          + ")";
    }
  }

  @Override
  public void writeNumber(double v) throws IOException {
    if (Double.isFinite(v)) {
      delegate.writeNumber(v);
    } else {
      replace(v);
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    if (Float.isFinite(v)) {
      delegate.writeNumber(v);
    } else {
      replace(v);
    }
  }

  @Override
  public void writeArray(double[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  private void replace(double v) throws IOException {
    delegate.writeNull();
    if (count++ == 0) {
      firstValue = v;
      firstPath = path(delegate.getOutputContext());
    }
  }

  /** {@code a.b[2][0]}: the context of the value just written, innermost last. */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(
            (c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
      }
    }
    String p = String.join("", parts);
    return p.isEmpty() ? "the document" : p;
  }

  /** The factory behind {@link JsonFiles#MAPPER}: every generator it makes is one of these. */
  static final class Factory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    Factory() {}

    private Factory(Factory src, ObjectCodec codec) {
      super(src, codec);
    }

    @Override
    public JsonFactory copy() {
      return new Factory(this, null);
    }

    @Override
    protected JsonGenerator _createGenerator(Writer out, IOContext ctxt) throws IOException {
      return new NonFiniteAsNull(super._createGenerator(out, ctxt));
    }

    @Override
    protected JsonGenerator _createUTF8Generator(OutputStream out, IOContext ctxt)
        throws IOException {
      return new NonFiniteAsNull(super._createUTF8Generator(out, ctxt));
    }
  }
}
