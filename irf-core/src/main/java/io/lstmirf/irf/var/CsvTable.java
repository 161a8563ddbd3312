package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV text parsed by Apache Commons CSV (RFC 4180: quoted cells may hold the delimiter, doubled
 * quotes and line breaks), as rows of trimmed cells: row 0 the header, then the data rows, each
 * with the 1-based line it starts on. A byte-order mark is dropped, blank lines are skipped, and
 * every row must have as many cells as the header.
 *
 * @param source names the text in error messages
 * @param rows the header, then the data rows
 * @param lines the line each row starts on
 */
record CsvTable(String source, List<String[]> rows, List<Integer> lines) {

  CsvTable {
    rows = List.copyOf(rows);
    lines = List.copyOf(lines);
  }

  /** Parses {@code text} with {@code delimiter}. */
  static CsvTable parse(String text, String source, char delimiter) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    CSVFormat format;
    try {
      format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(delimiter)
              .setIgnoreEmptyLines(true)
              .setIgnoreSurroundingSpaces(true)
              .setTrim(true)
              .get();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "cannot use '" + delimiter + "' as the CSV delimiter: " + e.getMessage(), e);
    }
    int[] lineStarts = lineStarts(body);
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(body)).setFormat(format).get()) {
      for (CSVRecord record : parser) {
        String[] cells = record.values();
        if (cells.length == 1 && cells[0].isEmpty()) {
          continue; // a line of spaces: blank, like an empty line
        }
        rows.add(cells);
        lines.add(lineOf(body, lineStarts, record.getCharacterPosition()));
      }
    } catch (IOException | UncheckedIOException e) {
      String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      throw new InvalidInputException(
          source
              + " is not valid CSV: "
              + why
              + " (is the delimiter '"
              + shown(delimiter)
              + "' right (--delimiter), and every quote"
              + " closed?)",
          e);
    }
    if (rows.size() < 2) {
      throw new InvalidInputException(
          source + " needs a header row of variable names and at" + " least one row of numbers");
    }
    int width = rows.get(0).length;
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).length != width) {
        throw new InvalidInputException(
            source
                + ", line "
                + lines.get(r)
                + ": "
                + rows.get(r).length
                + " cells but the header has "
                + width
                + hint(delimiter));
      }
    }
    if (width == 1 && delimiter != '\t' && rows.get(0)[0].indexOf('\t') >= 0) {
      throw new InvalidInputException(
          source
              + ": the header is one column holding tabs; for"
              + " tab-separated data use --delimiter tab");
    }
    return new CsvTable(source, rows, lines);
  }

  private static String hint(char delimiter) {
    return "; cells are separated by '"
        + shown(delimiter)
        + "' (--delimiter), and a cell"
        + " holding one must be quoted";
  }

  private static String shown(char delimiter) {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }

  String[] header() {
    return rows.get(0).clone();
  }

  /** The data rows' count. */
  int size() {
    return rows.size() - 1;
  }

  /** Cell {@code k} of data row {@code r} (1-based, row 0 is the header). */
  String cell(int r, int k) {
    return rows.get(r)[k];
  }

  /** The finite number in data row {@code r}, column {@code k}, or an error naming both. */
  double number(int r, int k, String name) {
    String cell = cell(r, k);
    double v = parseNumber(cell);
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(
          source
              + ", line "
              + lines.get(r)
              + ", column "
              + (k + 1)
              + " ("
              + name
              + "): '"
              + cell
              + "' is not a finite number; the series must be"
              + " complete");
    }
    return v;
  }

  /** The number in {@code cell}, or NaN if it is not one (or is a literal NaN). */
  static double parseNumber(String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The offsets at which lines start; a line ends at \n, \r\n or a lone \r. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The 1-based line of a record that Commons CSV says starts at {@code position}: that position
   * may lie on the empty lines skipped before the record, so line breaks are passed over first.
   */
  private static int lineOf(String text, int[] lineStarts, long position) {
    int p = (int) position;
    while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
      p++;
    }
    int i = Arrays.binarySearch(lineStarts, p);
    return (i >= 0 ? i : -i - 2) + 1;
  }
}
