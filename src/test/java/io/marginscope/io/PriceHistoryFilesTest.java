package io.marginscope.io;

import io.marginscope.model.Loaded;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PriceHistoryFilesTest {

    static final String OHLC = "date,open,high,low,close,volume\n";

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static InputException error(Path path) {
        return catchThrowableOfType(InputException.class, () -> PriceHistoryFiles.read(path));
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void perAssetFileWithHeaderInAnyCaseAndOrder() throws Exception {
        Path p = write("btc-USD.daily.csv", """
                Date,Open,High,Low,Close,Volume
                2024-01-01,42000,42500,41800,42280.5,1200
                2024-01-02,42280.5,45900,42200,44950,2500
                2024-01-03,44950,45500,40800,42850,3100
                """);
        Loaded<PriceHistory> loaded = PriceHistoryFiles.read(p);
        assertThat(loaded.warnings()).isEmpty();
        PriceHistory h = loaded.value();
        assertThat(h.assets()).containsExactly("BTC");
        AssetPrices btc = h.of("BTC");
        assertThat(btc.dates()).containsExactly(d("2024-01-01"), d("2024-01-02"), d("2024-01-03"));
        assertThat(btc.closes()).containsExactly(42280.5, 44950, 42850);
    }

    @Test
    void onlyDateAndCloseAreRequiredAndUnknownColumnsAreWarned() throws Exception {
        Path p = write("ETH-USD.daily.csv", """
                # exported from somewhere
                close,Adj Close,date
                2300.5,2300.5,2024-01-01

                2350,2350,2024-01-02
                """);
        Loaded<PriceHistory> loaded = PriceHistoryFiles.read(p);
        assertThat(loaded.warnings()).singleElement().asString()
                .isEqualTo(p + ": line 2: unknown column 'Adj Close' ignored");
        assertThat(loaded.value().of("ETH").closes()).containsExactly(2300.5, 2350);
    }

    @Test
    void folderLoadsEveryPerAssetFileAndNamesWhatItIgnores() throws Exception {
        write("BTC-USD.daily.csv", OHLC + "2024-01-01,1,1,1,42000,1\n2024-01-02,1,1,1,43000,1\n");
        write("ETH-USD.daily.csv", OHLC + "2024-01-02,1,1,1,2300,1\n2024-01-03,1,1,1,2400,1\n");
        write("SOURCES.md", "# where the data comes from\n");
        write("notes.csv", "a,b\n1,2\n");
        Files.createDirectory(dir.resolve("old"));
        Loaded<PriceHistory> loaded = PriceHistoryFiles.read(dir);
        assertThat(loaded.value().assets()).containsExactly("BTC", "ETH");
        assertThat(loaded.value().of("ETH").first()).isEqualTo(d("2024-01-02"));
        assertThat(loaded.warnings()).singleElement().asString()
                .isEqualTo(dir + ": ignored notes.csv (not named <ASSET>-USD.daily.csv)");
    }

    @Test
    void wideFileOfClosesWithAssetsStartingOnDifferentDays() throws Exception {
        Path p = write("closes.csv", """
                date,BTC,eth,SOL
                2024-01-01,42000,,
                2024-01-02,43000,2300,
                2024-01-03,44000,2400,100.5
                2024-01-04,45000,2500,101
                """);
        PriceHistory h = PriceHistoryFiles.read(p).value();
        assertThat(h.assets()).containsExactly("BTC", "ETH", "SOL");
        assertThat(h.of("BTC").size()).isEqualTo(4);
        assertThat(h.of("ETH").dates()).containsExactly(d("2024-01-02"), d("2024-01-03"), d("2024-01-04"));
        assertThat(h.of("SOL").closes()).containsExactly(100.5, 101);
        // an empty cell inside the range is a missing day, reported when returns are built
        Path gap = write("gap.csv", "date,BTC,ETH\n2024-01-01,1,2\n2024-01-02,1.1,\n2024-01-03,1.2,2.2\n");
        assertThat(PriceHistoryFiles.read(gap).value().of("ETH").missingDays()).isEqualTo(1);
    }

    @Test
    void severalInputsMergeAndAnAssetTwiceIsAnError() throws Exception {
        Path btc = write("BTC-USD.daily.csv", OHLC + "2024-01-01,1,1,1,42000,1\n");
        Path wide = write("wide.csv", "date,ETH,SOL\n2024-01-01,2300,100\n");
        assertThat(PriceHistoryFiles.read(List.of(btc, wide)).value().assets()).containsExactly("BTC", "ETH", "SOL");

        Path clash = write("clash.csv", "date,SOL,BTC\n2024-01-01,100,42000\n");
        InputException e = catchThrowableOfType(InputException.class,
                () -> PriceHistoryFiles.read(List.of(btc, clash)));
        assertThat(e.file()).isEqualTo(clash.toString());
        assertThat(e.problem()).isEqualTo("BTC is already loaded from " + btc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a date           | 2024-01-02,1,1,1,100,1 | 2024/01/03,1,1,1,100,1 | 3 | date  | '2024/01/03' is not an ISO date like 2024-11-20
            impossible date      | 2024-01-02,1,1,1,100,1 | 2023-02-30,1,1,1,100,1 | 3 | date  | '2023-02-30' is not an ISO date like 2024-11-20
            duplicate date       | 2024-01-02,1,1,1,100,1 | 2024-01-02,1,1,1,101,1 | 3 | date  | duplicate date 2024-01-02 (first on line 2)
            descending dates     | 2024-01-02,1,1,1,100,1 | 2024-01-01,1,1,1,101,1 | 3 | date  | 2024-01-01 is before 2024-01-02 on line 2; dates must ascend
            empty date           | 2024-01-02,1,1,1,100,1 | ,1,1,1,101,1           | 3 | date  | empty; a value is required
            text close           | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,abc,1 | 3 | close | 'abc' is not a finite decimal number
            zero close           | 2024-01-02,1,1,1,0,1   | 2024-01-03,1,1,1,100,1 | 2 | close | a close must be positive, got 0
            negative close       | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,-5,1  | 3 | close | a close must be positive, got -5
            NaN close            | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,NaN,1 | 3 | close | 'NaN' is not a finite decimal number
            infinite close       | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,1e999,1 | 3 | close | '1e999' is not a finite decimal number
            empty close          | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,,1    | 3 | close | empty; a value is required
            short row            | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1         | 3 | close | missing: the row has 3 cells, the header 6
            cell beyond header   | 2024-01-02,1,1,1,100,1 | 2024-01-03,1,1,1,100,1,7 | 3 | #7  | '7' is beyond the header's 6 columns
            """)
    void badCellInAPerAssetFileNamesFileLineAndColumn(String what, String row2, String row3, int line, String column,
                                                      String problem) throws Exception {
        Path p = write("BTC-USD.daily.csv", OHLC + row2 + "\n" + row3 + "\n");
        InputException e = error(p);
        assertThat(e).as(what).isNotNull();
        assertThat(e.file()).isEqualTo(p.toString());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(column);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.getMessage()).isEqualTo(p + ": line " + line + ", column '" + column + "': " + problem);
    }

    @Test
    void lineNumbersCountCommentsAndBlankLines() throws Exception {
        Path p = write("BTC-USD.daily.csv", "# daily closes\n\n" + OHLC + "2024-01-01,1,1,1,100,1\n# a note\n\n"
                + "2024-01-02,1,1,1,x,1\n");
        InputException e = error(p);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.field()).isEqualTo("close");
    }

    @Test
    void headerProblems() throws Exception {
        InputException noClose = error(write("BTC-USD.daily.csv", "date,open,high,low,volume\n2024-01-01,1,1,1,1\n"));
        assertThat(noClose.line()).isEqualTo(1);
        assertThat(noClose.field()).isEqualTo("close");
        assertThat(noClose.problem()).startsWith("required column missing");

        InputException twice = error(write("ETH-USD.daily.csv", "date,close,Close\n2024-01-01,1,1\n"));
        assertThat(twice.field()).isEqualTo("close");
        assertThat(twice.problem()).isEqualTo("column appears twice in the header");

        InputException emptyName = error(write("SOL-USD.daily.csv", "date,,close\n2024-01-01,1,1\n"));
        assertThat(emptyName.field()).isEqualTo("#2");

        InputException headerOnly = error(write("XRP-USD.daily.csv", OHLC));
        assertThat(headerOnly.line()).isEqualTo(1);
        assertThat(headerOnly.problem()).isEqualTo("no prices after the header");

        InputException empty = error(write("ADA-USD.daily.csv", "\n# nothing\n"));
        assertThat(empty.problem()).isEqualTo("empty file: no header line");

        InputException unnamed = error(write("bitcoin.csv", OHLC + "2024-01-01,1,1,1,100,1\n"));
        assertThat(unnamed.line()).isEqualTo(1);
        assertThat(unnamed.problem()).contains("must be named <ASSET>-USD.daily.csv");
    }

    @Test
    void badCellsInAWideFile() throws Exception {
        InputException badEth = error(write("w1.csv", "date,BTC,ETH\n2024-01-01,42000,2300\n2024-01-02,43000,n/a\n"));
        assertThat(badEth.line()).isEqualTo(3);
        assertThat(badEth.field()).isEqualTo("ETH");
        assertThat(badEth.problem()).isEqualTo("'n/a' is not a finite decimal number");

        InputException negative = error(write("w2.csv", "date,BTC\n2024-01-01,-1\n"));
        assertThat(negative.line()).isEqualTo(2);
        assertThat(negative.field()).isEqualTo("BTC");

        InputException noDate = error(write("w3.csv", "day,BTC\n2024-01-01,1\n"));
        assertThat(noDate.line()).isEqualTo(1);
        assertThat(noDate.field()).isEqualTo("date");

        InputException twice = error(write("w4.csv", "date,BTC,btc\n2024-01-01,1,1\n"));
        assertThat(twice.field()).isEqualTo("BTC");

        InputException emptyColumn = error(write("w5.csv", "date,BTC,SOL\n2024-01-01,1,\n2024-01-02,1,\n"));
        assertThat(emptyColumn.line()).isEqualTo(1);
        assertThat(emptyColumn.field()).isEqualTo("SOL");
        assertThat(emptyColumn.problem()).isEqualTo("no closes in this column");

        InputException order = error(write("w6.csv", "date,BTC\n2024-01-02,1\n2024-01-02,1\n"));
        assertThat(order.line()).isEqualTo(3);
        assertThat(order.field()).isEqualTo("date");

        InputException onlyDate = error(write("w7.csv", "date\n2024-01-02\n"));
        assertThat(onlyDate.problem()).isEqualTo("no asset columns after 'date'");
    }

    @Test
    void oneBadFileInAFolderLoadsNothing() throws Exception {
        write("BTC-USD.daily.csv", OHLC + "2024-01-01,1,1,1,42000,1\n");
        Path eth = write("ETH-USD.daily.csv", OHLC + "2024-01-01,1,1,1,2300,1\n2024-01-02,1,1,1,0,1\n");
        InputException e = error(dir);
        assertThat(e.file()).isEqualTo(eth.toString());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("close");
    }

    @Test
    void folderWithoutPriceFilesAndMissingPath() throws Exception {
        write("readme.txt", "nothing here");
        assertThat(error(dir).problem()).isEqualTo("no <ASSET>-USD.daily.csv files in the folder");
        assertThat(error(dir.resolve("absent.csv")).problem()).isEqualTo("no such file");
    }

    @Test
    void assetOfFileName() {
        assertThat(PriceHistoryFiles.assetOfFileName("BTC-USD.daily.csv")).isEqualTo("BTC");
        assertThat(PriceHistoryFiles.assetOfFileName("sol-usd.DAILY.csv")).isEqualTo("SOL");
        assertThat(PriceHistoryFiles.assetOfFileName("BTC-USD.csv")).isNull();
        assertThat(PriceHistoryFiles.assetOfFileName("-USD.daily.csv")).isNull();
    }
}
