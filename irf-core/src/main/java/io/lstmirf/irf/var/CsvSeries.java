package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a multivariate series from CSV: a header row of variable names, then one row of numbers
 * per observation, oldest first, comma-separated. A first column that is a row label is skipped:
 * one with an empty header (what {@code pandas.DataFrame.to_csv} writes for the index) or whose
 * values are all non-numeric (dates). Blank lines are ignored; names may be double-quoted. Any
 * other cell that is not a finite number is an error naming its line and column.
 * {@link #readColumn} reads one named numeric column and ignores the others.
 */
public final class CsvSeries {
  private CsvSeries() {}

  /** Reads {@code file}. */
  public static TimeSeries read(Path file) {
    return parse(lines(file), "data file " + file);
  }

  /** Parses CSV lines; {@code source} names them in error messages. */
  public static TimeSeries parse(List<String> lines, String source) {
    Table table = Table.of(lines, source);
    String[] header = table.header();
    List<String[]> rows = table.rows();
    int first = isRowLabel(header, rows) ? 1 : 0;
    if (first >= header.length) {
      throw new InvalidInputException(source + " has no variable columns after its row labels");
    }
    List<String> names = new ArrayList<>();
    for (int k = first; k < header.length; k++) {
      String name = unquote(header[k]);
      if (name.isEmpty()) {
        throw new InvalidInputException(source + ": column " + (k + 1)
            + " has an empty name; every variable needs one");
      }
      names.add(name);
    }
    double[][] values = new double[rows.size() - 1][names.size()];
    for (int r = 1; r < rows.size(); r++) {
      for (int k = first; k < header.length; k++) {
        values[r - 1][k - first] = table.number(r, k, names.get(k - first));
      }
    }
    return new TimeSeries(names, values);
  }

  /**
   * Reads the numeric column named {@code column} of {@code file}, oldest first; the other
   * columns may hold anything (dates, tickers).
   */
  public static double[] readColumn(Path file, String column) {
    return parseColumn(lines(file), "data file " + file, column);
  }

  /**
   * The numeric column named {@code column} (matched exactly, after unquoting) of CSV lines;
   * every cell of it must be a finite number.
   *
   * @throws InvalidInputException naming the columns there are if none is called
   *     {@code column}, or the line and column of the first cell that is not a finite number
   */
  public static double[] parseColumn(List<String> lines, String source, String column) {
    Table table = Table.of(lines, source);
    String[] header = table.header();
    List<String> names = new ArrayList<>();
    int k = -1;
    for (int c = 0; c < header.length; c++) {
      names.add(unquote(header[c]));
      if (k < 0 && names.get(c).equals(column)) {
        k = c;
      }
    }
    if (k < 0) {
      throw new InvalidInputException(source + " has no column '" + column + "'; its header"
          + " names " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
          + " (names are case-sensitive)");
    }
    double[] values = new double[table.rows().size() - 1];
    for (int r = 1; r < table.rows().size(); r++) {
      values[r - 1] = table.number(r, k, column);
    }
    return values;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("data file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The non-blank rows of a CSV text split into cells, row 0 the header, each with its 1-based
   * line number; every row has as many cells as the header.
   */
  private record Table(String source, List<String[]> rows, List<Integer> lineNumbers) {

    static Table of(List<String> lines, String source) {
      List<String[]> rows = new ArrayList<>();
      List<Integer> lineNumbers = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
          lineNumbers.add(i + 1);
        }
      }
      if (rows.size() < 2) {
        throw new InvalidInputException(source + " needs a header row of variable names and at"
            + " least one row of numbers");
      }
      int width = rows.get(0).length;
      for (int r = 1; r < rows.size(); r++) {
        if (rows.get(r).length != width) {
          throw new InvalidInputException(source + ", line " + lineNumbers.get(r) + ": "
              + rows.get(r).length + " cells but the header has " + width);
        }
      }
      return new Table(source, rows, lineNumbers);
    }

    String[] header() {
      return rows.get(0);
    }

    /** The finite number in row {@code r}, column {@code k}, or an error naming both. */
    double number(int r, int k, String name) {
      String cell = rows.get(r)[k].trim();
      double v = parseNumber(cell);
      if (!Double.isFinite(v)) {
        throw new InvalidInputException(source + ", line " + lineNumbers.get(r) + ", column "
            + (k + 1) + " (" + name + "): '" + cell + "' is not a finite number; the series must"
            + " be complete");
      }
      return v;
    }
  }

  private static boolean isRowLabel(String[] header, List<String[]> rows) {
    if (header.length < 2) {
      return false;
    }
    if (unquote(header[0]).isEmpty()) {
      return true;
    }
    for (int r = 1; r < rows.size(); r++) {
      String cell = rows.get(r)[0].trim();
      if (!cell.isEmpty() && !Double.isNaN(parseNumber(cell))) {
        return false; // one number makes it a variable; its bad cells are then errors
      }
    }
    return true;
  }

  /** The number in {@code cell}, or NaN if it is not one (or is a literal NaN). */
  private static double parseNumber(String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1).replace("\"\"", "\"").trim();
    }
    return t;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
