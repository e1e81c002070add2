package io.marginscope.io;

import io.marginscope.backtest.BacktestSeries;
import io.marginscope.model.Loaded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PnlCsvTest {

    static Loaded<BacktestSeries> read(String text) throws InputException {
        return PnlCsv.read(new TextSource("pnl.csv", text));
    }

    static InputException error(String text) {
        return catchThrowableOfType(InputException.class, () -> read(text));
    }

    @Test
    void readsColumnsInAnyCaseAndOrderWithCommentsAndEs() throws Exception {
        Loaded<BacktestSeries> l = read("""
                # desk A, 99% one-day VaR
                VaR,Date,PnL,ES,desk

                100,2024-01-01,-20.5,120,a
                # a comment between rows
                110,2024-01-02,1e2,130,a
                """);
        BacktestSeries s = l.value();
        assertThat(s.dates()).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2));
        assertThat(s.pnl()).containsExactly(-20.5, 100.0);
        assertThat(s.var()).containsExactly(100.0, 110.0);
        assertThat(s.es()).containsExactly(120.0, 130.0);
        assertThat(l.warnings()).singleElement().asString().contains("line 2").contains("'desk'");
    }

    @Test
    void esIsOptional() throws Exception {
        BacktestSeries s = read("date,pnl,var\n2024-01-01,-1,2\n").value();
        assertThat(s.hasEs()).isFalse();
        assertThat(s.es()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pnl not a number  | date,pnl,var\\n2024-01-01,1,2\\n2024-01-02,abc,2     | 3 | pnl  | 'abc' is not a number",
            "hex pnl           | date,pnl,var\\n2024-01-01,0x10,2                    | 2 | pnl  | not a number",
            "NaN var           | date,pnl,var\\n2024-01-01,1,NaN                     | 2 | var  | not a number",
            "zero var          | date,pnl,var\\n2024-01-01,1,2\\n2024-01-02,1,0        | 3 | var  | positive",
            "negative var      | date,pnl,var\\n2024-01-01,1,-5                      | 2 | var  | positive",
            "empty pnl         | date,pnl,var\\n2024-01-01,,5                        | 2 | pnl  | empty",
            "short row         | date,pnl,var\\n2024-01-01,5                         | 2 | var  | missing",
            "bad date          | date,pnl,var\\n2024-02-30,1,5                       | 2 | date | ISO date",
            "unsorted dates    | date,pnl,var\\n2024-01-02,1,5\\n2024-01-01,1,5        | 3 | date | ascending",
            "duplicate date    | date,pnl,var\\n2024-01-02,1,5\\n2024-01-02,1,5        | 3 | date | duplicate",
            "es below var      | date,pnl,var,es\\n2024-01-01,1,5,4                  | 2 | es   | below var",
            "es missing        | date,pnl,var,es\\n2024-01-01,1,5,                   | 2 | es   | empty",
            "var column absent | date,pnl\\n2024-01-01,1                             | 1 | var  | required column",
            "repeated column   | date,pnl,var,PNL\\n2024-01-01,1,5,1                 | 1 | pnl  | twice"})
    void badCellsNameLineAndColumn(String what, String text, int line, String column, String problem) {
        InputException e = error(text.replace("\\n", "\n"));
        assertThat(e).as(what).isNotNull();
        assertThat(e.line()).as(what).isEqualTo(line);
        assertThat(e.field()).as(what).isEqualTo(column);
        assertThat(e.getMessage()).as(what).startsWith("pnl.csv: line " + line + ", column '" + column + "'")
                .contains(problem).doesNotContain("\n");
    }

    @Test
    void emptyFileOrNoRows() {
        assertThat(error("# nothing\n").getMessage()).contains("no header");
        assertThat(error("date,pnl,var\n").getMessage()).contains("line 1").contains("no days");
    }
}
