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

/** One named numeric column of a user's CSV file. */
class CsvColumnTest {
  @TempDir Path dir;

  @Test
  void readsTheNamedColumnWhateverTheOthersHold() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, "date,ticker,\"close\",volume\n2024-01-02,ABC,10.5,100\n\n"
        + "2024-01-03,ABC,11,n/a\n2024-01-04,ABC,-2e-1,7\n");
    assertArrayEquals(new double[] {10.5, 11, -0.2}, CsvSeries.readColumn(file, "close"));
  }

  @Test
  void aMissingColumnNamesTheColumnsThereAre() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvSeries.parseColumn(List.of("date,close", "2024,1"), "p.csv", "Close"));
    assertTrue(e.getMessage().contains("no column 'Close'"), e.getMessage());
    assertTrue(e.getMessage().contains("'date', 'close'"), e.getMessage());
  }

  @Test
  void aNonNumericCellNamesItsLineAndColumn() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvSeries.parseColumn(List.of("date,close", "2024-01,1", "", "2024-02,oops"),
            "p.csv", "close"));
    assertEquals("p.csv, line 4, column 2 (close): 'oops' is not a finite number; the series"
        + " must be complete", e.getMessage());
    assertThrows(InvalidInputException.class,
        () -> CsvSeries.parseColumn(List.of("close", "NaN"), "p.csv", "close"));
    assertThrows(InvalidInputException.class,
        () -> CsvSeries.readColumn(dir.resolve("none.csv"), "close"));
  }
}
