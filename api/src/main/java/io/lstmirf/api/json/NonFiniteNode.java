package io.lstmirf.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;

/**
 * A NaN or infinity in a tree ({@link JsonArrays#toJson}): it is a null node, as JSON has no
 * literal for it, so every reader and every writer sees {@code null}; but it keeps its value, so
 * that a generator of {@link JsonFiles#MAPPER} ({@link NonFiniteAsNull}) counts it and names where
 * it was in its warning.
 */
public final class NonFiniteNode extends ValueNode {
  private static final long serialVersionUID = 1L;
  private final double value;

  NonFiniteNode(double value) {
    this.value = value;
  }

  /** The value that could not be written: NaN or an infinity. */
  public double value() {
    return value;
  }

  @Override
  public JsonToken asToken() {
    return JsonToken.VALUE_NULL;
  }

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.NULL;
  }

  @Override
  public String asText() {
    return "null";
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    if (g instanceof NonFiniteAsNull) {
      g.writeNumber(value); // written as null, and counted
    } else {
      g.writeNull();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonFiniteNode n && Double.compare(n.value, value) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }
}
