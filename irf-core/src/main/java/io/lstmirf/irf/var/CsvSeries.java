package io.lstmirf.irf.var;

import io.lstmirf.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a multivariate series from CSV (RFC 4180, through Apache Commons CSV): a header row of
 * variable names, then one row of numbers per observation, oldest first. Cells are separated by a
 * comma unless another delimiter is given ({@link #delimiter} reads {@code ;}, {@code \t}, {@code
 * tab}, ...); a cell holding the delimiter is quoted ({@code "Jan 1, 2020"}). A byte-order mark and
 * blank lines are ignored, and cells are trimmed. A first column that is a row label is skipped:
 * one with an empty header (what {@code pandas.DataFrame.to_csv} writes for the index) or whose
 * values are all non-numeric (dates). Any other cell that is not a finite number is an error naming
 * its line and column. {@link #readColumn} reads one named numeric column and ignores the others.
 */
public final class CsvSeries {
  /** The delimiter unless told otherwise. */
  public static final char COMMA = ',';

  private CsvSeries() {}

  /**
   * The delimiter a user named: one character ({@code ,} {@code ;} {@code |} ...), or a tab as
   * {@code \t} (a backslash and a t), {@code tab} or the tab character itself.
   *
   * @throws InvalidInputException for anything else, a quote or a line break
   */
  public static char delimiter(String text) {
    String t = text == null ? "" : text;
    if (t.equals("\\t") || t.toLowerCase(Locale.ROOT).equals("tab")) {
      return '\t';
    }
    if (t.length() != 1 || t.equals("\"") || t.equals("\n") || t.equals("\r")) {
      throw new InvalidInputException(
          "a CSV delimiter is one character other than a quote or a"
              + " line break (e.g. ',', ';', '|'), or \\t or tab for tabs; got '"
              + t
              + "'");
    }
    return t.charAt(0);
  }

  /** Reads comma-separated {@code file}. */
  public static TimeSeries read(Path file) {
    return read(file, COMMA);
  }

  /** Reads {@code file}, its cells separated by {@code delimiter}. */
  public static TimeSeries read(Path file, char delimiter) {
    return parse(text(file), "data file " + file, delimiter);
  }

  /** Parses comma-separated lines; {@code source} names them in error messages. */
  public static TimeSeries parse(List<String> lines, String source) {
    return parse(String.join("\n", lines), source, COMMA);
  }

  /** Parses a CSV text; {@code source} names it in error messages. */
  public static TimeSeries parse(String text, String source, char delimiter) {
    CsvTable table = CsvTable.parse(text, source, delimiter);
    String[] header = table.header();
    int first = isRowLabel(header, table) ? 1 : 0;
    if (first >= header.length) {
      throw new InvalidInputException(source + " has no variable columns after its row labels");
    }
    List<String> names = new ArrayList<>();
    for (int k = first; k < header.length; k++) {
      if (header[k].isEmpty()) {
        throw new InvalidInputException(
            source + ": column " + (k + 1) + " has an empty name; every variable needs one");
      }
      names.add(header[k]);
    }
    double[][] values = new double[table.size()][names.size()];
    for (int r = 1; r <= table.size(); r++) {
      for (int k = first; k < header.length; k++) {
        values[r - 1][k - first] = table.number(r, k, names.get(k - first));
      }
    }
    return new TimeSeries(names, values);
  }

  /**
   * Reads the numeric column named {@code column} of comma-separated {@code file}, oldest first;
   * the other columns may hold anything (dates, tickers).
   */
  public static double[] readColumn(Path file, String column) {
    return readColumn(file, column, COMMA);
  }

  /** {@link #readColumn(Path, String)} with cells separated by {@code delimiter}. */
  public static double[] readColumn(Path file, String column, char delimiter) {
    return parseColumn(text(file), "data file " + file, column, delimiter);
  }

  /** {@link #parseColumn(String, String, String, char)} of comma-separated lines. */
  public static double[] parseColumn(List<String> lines, String source, String column) {
    return parseColumn(String.join("\n", lines), source, column, COMMA);
  }

  /**
   * The numeric column named {@code column} (matched exactly, after unquoting and trimming) of a
   * CSV text; every cell of it must be a finite number.
   *
   * @throws InvalidInputException naming the columns there are if none is called {@code column}, or
   *     the line and column of the first cell that is not a finite number
   */
  public static double[] parseColumn(String text, String source, String column, char delimiter) {
    CsvTable table = CsvTable.parse(text, source, delimiter);
    List<String> names = List.of(table.header());
    int k = names.indexOf(column);
    if (k < 0) {
      throw new InvalidInputException(
          source
              + " has no column '"
              + column
              + "'; its header"
              + " names "
              + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
              + " (names are case-sensitive)");
    }
    double[] values = new double[table.size()];
    for (int r = 1; r <= table.size(); r++) {
      values[r - 1] = table.number(r, k, column);
    }
    return values;
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("data file " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw new InvalidInputException(
          "data file " + file + " is not UTF-8 text; save it as" + " UTF-8 CSV", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isRowLabel(String[] header, CsvTable table) {
    if (header.length < 2) {
      return false;
    }
    if (header[0].isEmpty()) {
      return true;
    }
    for (int r = 1; r <= table.size(); r++) {
      String cell = table.cell(r, 0);
      if (!cell.isEmpty() && !Double.isNaN(CsvTable.parseNumber(cell))) {
        return false; // one number makes it a variable; its bad cells are then errors
      }
    }
    return true;
  }
}
