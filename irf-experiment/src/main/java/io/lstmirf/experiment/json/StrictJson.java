package io.lstmirf.experiment.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.lstmirf.api.InvalidInputException;
import io.lstmirf.api.json.JsonFiles;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The experiment's files (sweep.json, trials.jsonl, pytorch-timing.json) bound onto records with
 * Jackson, strictly: a field the record does not have, a missing field, a string where a number
 * belongs or a fraction where a whole number belongs is an error, never a silent default. Errors
 * are one line naming the field by its path ({@code training.epochs[3].trainLoss}).
 *
 * <p>Strict because these files decide what a resumed sweep skips: a field this version does not
 * know may mean something it would ignore, so refusing is the safe answer. {@code null} stands for
 * a value that is not a finite number; records take those as boxed numbers.
 */
public final class StrictJson {
  /** The api's JSON rules (no NaN literals, duplicate keys rejected) and the binding's. */
  public static final ObjectMapper MAPPER = strict(JsonFiles.MAPPER.copy());

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private StrictJson() {}

  private static ObjectMapper strict(ObjectMapper m) {
    m.enable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    // null only where a record says a value may be absent: its boxed numbers
    m.setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
    m.configOverride(Double.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET));
    m.configOverride(Integer.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET));
    m.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    // a number or boolean where text belongs is a mistake too, not text
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return m;
  }

  /** {@code value} as a JSON tree, through its record's binding. */
  public static ObjectNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** {@code value} as one line of JSON. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Binds {@code node} onto {@code type}.
   *
   * @throws InvalidInputException one line naming the field that is unknown, missing or wrong
   */
  public static <T> T read(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** A one-line account of a binding failure, naming the field. */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (!(e instanceof JsonMappingException m)) {
      return "not valid JSON: " + message.lines().findFirst().orElse("");
    }
    String path = path(m);
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + path + "'" + known(u.getKnownPropertyIds());
    }
    if (e instanceof InvalidTypeIdException t) {
      return t.getTypeId() == null
          ? "field '" + join(path, "kind") + "' is missing"
          : "field '" + join(path, "kind") + "' is '" + t.getTypeId() + "', which is unknown";
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof NullPointerException
              ? "a value is null"
              : cause == null ? message : cause.getMessage();
      return path.isEmpty() ? why : "field '" + path + "': " + why;
    }
    if (e instanceof InvalidNullException) {
      return "field '" + path + "' is null";
    }
    if (e instanceof MismatchedInputException mi) {
      if (message.startsWith("Missing creator property")
          || message.startsWith("Missing required creator property")) {
        Matcher q = QUOTED.matcher(message);
        String name = q.find() ? q.group(1) : "";
        return "field '" + (path.endsWith(name) ? path : join(path, name)) + "' is missing";
      }
      return "field '" + path + "' is not " + expected(mi.getTargetType()) + firstLine(message);
    }
    return (path.isEmpty() ? "" : "field '" + path + "': ")
        + message.lines().findFirst().orElse("");
  }

  private static String firstLine(String message) {
    String first = message.lines().findFirst().orElse("");
    return first.startsWith("Cannot") || first.isEmpty() ? "" : " (" + first + ")";
  }

  /** {@code experiment.units}, {@code training.epochs[3].trainLoss}. */
  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    return " (expected "
        + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
        + ")";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of the right type";
    }
    Map<Class<?>, String> names =
        Map.ofEntries(
            Map.entry(int.class, "a whole number"),
            Map.entry(Integer.class, "a whole number"),
            Map.entry(long.class, "a whole number"),
            Map.entry(Long.class, "a whole number"),
            Map.entry(double.class, "a number"),
            Map.entry(Double.class, "a number or null"),
            Map.entry(String.class, "a string"),
            Map.entry(boolean.class, "true or false"),
            Map.entry(Boolean.class, "true or false"),
            Map.entry(char.class, "one character"),
            Map.entry(Character.class, "one character"));
    String name = names.get(type);
    if (name != null) {
      return name;
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
