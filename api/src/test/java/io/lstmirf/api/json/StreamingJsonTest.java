package io.lstmirf.api.json;

import static io.lstmirf.api.Messages.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs are read with the streaming parser into primitive arrays, and non-finite results have one
 * encoding, null, counted with where the first one was.
 */
class StreamingJsonTest {
  @TempDir Path dir;

  @Test
  void aFileReadsAsTheSameDocumentParsedAsATree() throws Exception {
    String text =
        "{\"initialState\": {\"c\": [[[4, 5]]], \"h\": [[[1, 2]]]},\n"
            + " \"inputs\": [[[0.1], [-2e-300]], [[3], [1.7976931348623157E308]]]}";
    Path file = dir.resolve("x.json");
    Files.writeString(file, text);
    InputJson.Input streamed = InputJson.read(file);
    InputJson.Input tree = InputJson.fromJson(JsonFiles.parse(text, "x"), "x");
    assertArrayEquals(tree.inputs(), streamed.inputs());
    assertEquals(tree.initialState(), streamed.initialState());
    assertEquals(Double.MAX_VALUE, streamed.inputs()[1][1][0]);
  }

  @Test
  void streamedFilesFailWithTheFileThePathAndThePosition() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"inputs\": [[[1], [2]], [[3], [\"4\"]]]}");
    assertRejected(
        () -> InputJson.read(file),
        "input file " + file + ": inputs[1][1][0] must be" + " a number, got string \"4\"");
    Files.writeString(file, "{\"inputs\": [[[1]]]} {\"inputs\": [[[2]]]}");
    assertRejected(
        () -> InputJson.read(file), "is not valid JSON at line 1", "more text after the end");
    Files.writeString(file, "{\"inputs\": [[[1]]], \"inputs\": [[[2]]]}");
    assertRejected(() -> InputJson.read(file), "not valid JSON", "Duplicate field 'inputs'");
    Files.writeString(file, "");
    assertRejected(() -> InputJson.read(file), "is empty");
    Files.write(file, new byte[1 << 20]); // NUL bytes, as /dev/zero gives: fails at once
    assertRejected(
        () -> InputJson.read(file), "not valid JSON at line 1, column", "CTRL-CHAR, code 0");
    Files.write(file, new byte[] {'{', '"', (byte) 0xC3, '"'});
    assertRejected(
        () -> InputJson.read(file), "cannot read input file " + file, "it is not UTF-8 text");
  }

  @Test
  void nonFiniteNumbersAreWrittenAsNullAndCountedWithTheFirstPath() throws Exception {
    ObjectNode doc = JsonFiles.MAPPER.createObjectNode();
    doc.put("loss", Double.POSITIVE_INFINITY);
    doc.set("output", JsonArrays.toJson(new double[][][] {{{1}, {Double.NaN}}}));
    StringWriter text = new StringWriter();
    JsonGenerator g = JsonFiles.MAPPER.createGenerator(text);
    JsonFiles.MAPPER.writeTree(g, doc);
    g.flush();
    assertEquals("{\"loss\":null,\"output\":[[[1.0],[null]]]}", text.toString());
    NonFiniteAsNull.Replaced r = NonFiniteAsNull.replaced(g).orElseThrow();
    assertEquals(2, r.count());
    assertEquals("loss", r.firstPath());
    assertEquals(
        "2 values were not a finite number and are written as null; the first is loss"
            + " (Infinity)",
        r.warning());
    assertTrue(doc.get("output").get(0).get(1).get(0).isNull(), "a null node in the tree");
    assertEquals(Double.NaN, ((NonFiniteNode) doc.get("output").get(0).get(1).get(0)).value());
    assertEquals("[[[1.0],[null]]]", doc.get("output").toString(), "null through any writer");
  }

  @Test
  void streamedArraysNameNestedPaths() throws Exception {
    StringWriter text = new StringWriter();
    JsonGenerator g = JsonFiles.MAPPER.createGenerator(text);
    g.writeStartObject();
    g.writeObjectFieldStart("finalState");
    g.writeFieldName("h");
    JsonArrays.write(g, new double[][][] {{{0, 1}, {2, Double.NEGATIVE_INFINITY}}});
    g.writeEndObject();
    g.writeFieldName("v");
    g.writeArray(new double[] {Double.NaN}, 0, 1);
    g.writeEndObject();
    g.flush();
    assertEquals("{\"finalState\":{\"h\":[[[0.0,1.0],[2.0,null]]]},\"v\":[null]}", text.toString());
    NonFiniteAsNull.Replaced r = NonFiniteAsNull.replaced(g).orElseThrow();
    assertEquals("finalState.h[0][1][1]", r.firstPath());
    assertEquals(2, r.count());
    assertEquals(Double.NEGATIVE_INFINITY, r.firstValue());
  }
}
