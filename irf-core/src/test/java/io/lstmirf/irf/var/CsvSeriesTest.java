package io.lstmirf.irf.var;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmirf.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV as users write it (RFC 4180 quoting, other delimiters, a byte-order mark, Windows line ends),
 * and one named numeric column of it.
 */
class CsvSeriesTest {
  @TempDir Path dir;

  @Test
  void readsTheNamedColumnWhateverTheOthersHold() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(
        file,
        "date,ticker,\"close\",volume\n2024-01-02,ABC,10.5,100\n\n"
            + "2024-01-03,ABC,11,n/a\n2024-01-04,ABC,-2e-1,7\n");
    assertArrayEquals(new double[] {10.5, 11, -0.2}, CsvSeries.readColumn(file, "close"));
  }

  @Test
  void aMissingColumnNamesTheColumnsThereAre() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> CsvSeries.parseColumn(List.of("date,close", "2024,1"), "p.csv", "Close"));
    assertTrue(e.getMessage().contains("no column 'Close'"), e.getMessage());
    assertTrue(e.getMessage().contains("'date', 'close'"), e.getMessage());
  }

  @Test
  void aNonNumericCellNamesItsLineAndColumn() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                CsvSeries.parseColumn(
                    List.of("date,close", "2024-01,1", "", "2024-02,oops"), "p.csv", "close"));
    assertEquals(
        "p.csv, line 4, column 2 (close): 'oops' is not a finite number; the series"
            + " must be complete",
        e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> CsvSeries.parseColumn(List.of("close", "NaN"), "p.csv", "close"));
    assertThrows(
        InvalidInputException.class, () -> CsvSeries.readColumn(dir.resolve("none.csv"), "close"));
  }

  @Test
  void aQuotedDateWithACommaIsOneCell() {
    TimeSeries s =
        CsvSeries.parse("date,x,y\n\"Jan 1, 2020\",1,2\n\"Jan 2, 2020\",3,4\n", "d.csv", ',');
    assertEquals(List.of("x", "y"), s.names());
    assertArrayEquals(new double[] {3, 4}, s.values()[1]);
    assertArrayEquals(
        new double[] {1, 3},
        CsvSeries.parseColumn(
            List.of("date,close", "\"Jan 1, 2020\",1", "\"Jan 2, 2020\",3"), "d.csv", "close"));
  }

  @Test
  void otherDelimitersByOptionAndTabByName() {
    assertEquals(';', CsvSeries.delimiter(";"));
    assertEquals('\t', CsvSeries.delimiter("\\t"));
    assertEquals('\t', CsvSeries.delimiter("TAB"));
    assertEquals('\t', CsvSeries.delimiter("\t"));
    for (String bad : new String[] {"", ";;", "\"", "\n"}) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> CsvSeries.delimiter(bad));
      assertTrue(e.getMessage().startsWith("a CSV delimiter is one character"), e.getMessage());
    }
    TimeSeries semicolons = CsvSeries.parse("a;\"b;c\"\n1.5;2\n", "s.csv", ';');
    assertEquals(List.of("a", "b;c"), semicolons.names());
    // 1,5 is not a number here: a decimal comma is not read as a point
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> CsvSeries.parse("x;a;b\n1;1,5;2\n", "s.csv", ';'));
    assertEquals(
        "s.csv, line 2, column 2 (a): '1,5' is not a finite number; the series must"
            + " be complete",
        e.getMessage());
    assertArrayEquals(
        new double[] {2, 4},
        CsvSeries.parseColumn("t\tclose\n1\t2\n2\t4\n", "t.tsv", "close", '\t'));
  }

  @Test
  void tabsReadWithTheDefaultCommaSayWhichOptionToUse() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> CsvSeries.parseColumn("t\tclose\n1\t2\n", "t.tsv", "close", ','));
    assertEquals(
        "t.tsv: the header is one column holding tabs; for tab-separated data use"
            + " --delimiter tab",
        e.getMessage());
  }

  @Test
  void aByteOrderMarkWindowsLineEndsAndBlankLinesAreIgnored() throws Exception {
    Path file = dir.resolve("excel.csv");
    Files.writeString(file, "\uFEFFdate,close\r\n2024-01-02,1.5\r\n\r\n   \r\n2024-01-03, 2 \r\n");
    assertArrayEquals(new double[] {1.5, 2}, CsvSeries.readColumn(file, "close"));
    assertEquals(List.of("close"), CsvSeries.read(file).names());
  }

  @Test
  void errorsNameTheLineAQuotedLineBreakIncluded() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> CsvSeries.parse("note,x\n\"two\nlines\",1\n\n\"one\",oops\n", "n.csv", ','));
    assertEquals(
        "n.csv, line 5, column 2 (x): 'oops' is not a finite number; the series must"
            + " be complete",
        e.getMessage());
    InvalidInputException ragged =
        assertThrows(
            InvalidInputException.class, () -> CsvSeries.parse("a,b\n1,2\n1,2,3\n", "r.csv", ','));
    assertEquals(
        "r.csv, line 3: 3 cells but the header has 2; cells are separated by ','"
            + " (--delimiter), and a cell holding one must be quoted",
        ragged.getMessage());
    InvalidInputException open =
        assertThrows(
            InvalidInputException.class, () -> CsvSeries.parse("a,b\n1,\"2\n", "q.csv", ','));
    assertTrue(open.getMessage().startsWith("q.csv is not valid CSV: "), open.getMessage());
    assertTrue(
        open.getMessage()
            .endsWith("(is the delimiter ',' right (--delimiter), and every" + " quote closed?)"),
        open.getMessage());
    InvalidInputException few =
        assertThrows(InvalidInputException.class, () -> CsvSeries.parse("a,b\n\n", "h.csv", ','));
    assertEquals(
        "h.csv needs a header row of variable names and at least one row of numbers",
        few.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsSaidToBeSo() throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'x', '\n', (byte) 0xE9, '\n'});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvSeries.read(file));
    assertTrue(e.getMessage().endsWith("is not UTF-8 text; save it as UTF-8 CSV"), e.getMessage());
  }
}
