package io.lstmirf.experiment.report;

import java.util.Base64;
import java.util.List;

/**
 * A small HTML writer: escaped text, tables, embedded images; no external resources, ever. What it
 * writes is also well-formed XML (void elements self-closed, only XML's entities), so that a test
 * can parse it strictly.
 */
final class Html {
  private final StringBuilder s = new StringBuilder();

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Appends markup as it is. */
  Html raw(String markup) {
    s.append(markup);
    return this;
  }

  /** An element with escaped text. */
  Html element(String tag, String text) {
    s.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(tag)
        .append(">\n");
    return this;
  }

  Html heading(int level, String text) {
    return element("h" + level, text);
  }

  Html paragraph(String text) {
    return element("p", text);
  }

  /** A paragraph set apart as a warning (class {@code caveat}). */
  Html caveat(String text) {
    s.append("<p class=\"caveat\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A table of escaped cells; the first row is the header. */
  Html table(List<List<String>> rows) {
    s.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      String cell = r == 0 ? "th" : "td";
      s.append("<tr>");
      for (String c : rows.get(r)) {
        s.append('<')
            .append(cell)
            .append('>')
            .append(escape(c))
            .append("</")
            .append(cell)
            .append('>');
      }
      s.append("</tr>\n");
    }
    s.append("</table>\n");
    return this;
  }

  /** A PNG embedded as a data URI, with a caption. */
  Html png(byte[] png, String caption) {
    s.append("<figure><img alt=\"")
        .append(escape(caption))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"/><figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  @Override
  public String toString() {
    return s.toString();
  }
}
