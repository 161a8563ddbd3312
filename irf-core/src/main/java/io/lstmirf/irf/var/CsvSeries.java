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
 */
public final class CsvSeries {
  private CsvSeries() {}

  /** Reads {@code file}. */
  public static TimeSeries read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("data file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, "data file " + file);
  }

  /** Parses CSV lines; {@code source} names them in error messages. */
  public static TimeSeries parse(List<String> lines, String source) {
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
    String[] header = rows.get(0);
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).length != header.length) {
        throw new InvalidInputException(source + ", line " + lineNumbers.get(r) + ": "
            + rows.get(r).length + " cells but the header has " + header.length);
      }
    }
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
        String cell = rows.get(r)[k].trim();
        double v = parseNumber(cell);
        if (!Double.isFinite(v)) {
          throw new InvalidInputException(source + ", line " + lineNumbers.get(r) + ", column "
              + (k + 1) + " (" + names.get(k - first) + "): '" + cell + "' is not a finite"
              + " number; the series must be complete");
        }
        values[r - 1][k - first] = v;
      }
    }
    return new TimeSeries(names, values);
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
