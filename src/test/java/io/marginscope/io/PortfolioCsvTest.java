package io.marginscope.io;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.Loaded;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortfolioCsvTest {

    static final String HEADER = "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n";

    static Loaded<Portfolio> read(String text) throws InputException {
        return PortfolioCsv.read(new TextSource("book.csv", text), "book");
    }

    static InputException error(String text) {
        return catchThrowableOfType(InputException.class, () -> read(text));
    }

    @Test
    void readsTheFormatsExample() throws Exception {
        String text = """
                # lines starting with # are comments
                id,underlying,type,expiry,strike,quantity,entry_price,settlement
                btc-perp,BTC,PERP,,,2.5,61000,LINEAR
                btc-c100k,BTC,CALL,2024-12-27,100000,-10,2100,LINEAR
                eth-fut-mar,ETH,FUTURE,2025-03-28,,-40,3300,LINEAR
                eth-p3000,ETH,PUT,2024-12-27,3000,25,140,LINEAR
                usdc,USDC,SPOT,,,150000,1,LINEAR
                btc-coll,BTC,SPOT,,,1.2,0,LINEAR
                """;
        Loaded<Portfolio> loaded = read(text);
        Portfolio p = loaded.value();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(p.positions()).extracting(Position::id)
                .containsExactly("btc-perp", "btc-c100k", "eth-fut-mar", "eth-p3000", "usdc", "btc-coll");
        Position call = p.positions().get(1);
        assertThat(call.type()).isEqualTo(InstrumentType.CALL);
        assertThat(call.instrument().expiry()).isEqualTo(Instant.parse("2024-12-27T08:00:00Z"));
        assertThat(call.instrument().strike()).isEqualTo(100_000);
        assertThat(call.quantity()).isEqualTo(-10);
        assertThat(call.entryPrice()).isEqualTo(2100);
        assertThat(p.underlyings()).containsExactly("BTC", "ETH", "USDC");
    }

    @Test
    void columnsInAnyOrderAnyCaseUnknownColumnsWarnedDefaultsApplied() throws Exception {
        String text = """
                Quantity,TYPE,Underlying,ID,Expiry,Strike,Entry_Price,desk
                -2,call,btc,x1,2025-01-31T12:00:00Z,95000,,vol
                1.5e1,perp,eth,x2,,,3000,delta
                """;
        Loaded<Portfolio> loaded = read(text);
        assertThat(loaded.warnings()).singleElement().asString().contains("line 1").contains("desk");
        Position x1 = loaded.value().positions().get(0);
        assertThat(x1.underlying()).isEqualTo("BTC");
        assertThat(x1.instrument().expiry()).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
        assertThat(x1.instrument().settlement()).isEqualTo(Settlement.LINEAR);
        assertThat(x1.entryPrice()).isNaN();
        assertThat(loaded.value().positions().get(1).quantity()).isEqualTo(15.0);
    }

    @Test
    void malformedQuantityOnLine3NamesLineAndColumn() {
        InputException e = error(HEADER + "a,BTC,PERP,,,1,60000,LINEAR\nb,BTC,PERP,,,1.2.3,60000,LINEAR\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("quantity");
        assertThat(e.getMessage()).isEqualTo("book.csv: line 3, column 'quantity': '1.2.3' is not a number");
    }

    @Test
    void commentLinesCountTowardsLineNumbers() {
        InputException e = error("# one\n# two\n" + HEADER + "# four\n\na,BTC,PERP,,,x,60000,\n");
        assertThat(e.line()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "quantity not a number     | a,BTC,PERP,,,abc,1,      | quantity",
            "quantity Java suffix      | a,BTC,PERP,,,2.5d,1,     | quantity",
            "quantity NaN              | a,BTC,PERP,,,NaN,1,      | quantity",
            "quantity empty            | a,BTC,PERP,,,,1,         | quantity",
            "id empty                  | ,BTC,PERP,,,1,1,         | id",
            "underlying empty          | a,,PERP,,,1,1,           | underlying",
            "unknown type              | a,BTC,SWAP,,,1,1,        | type",
            "unknown settlement        | a,BTC,PERP,,,1,1,QUANTO  | settlement",
            "future without expiry     | a,BTC,FUTURE,,,1,1,      | expiry",
            "perp with expiry          | a,BTC,PERP,2024-12-27,,1,1, | expiry",
            "bad date                  | a,BTC,FUTURE,2024-13-45,,1,1, | expiry",
            "option without strike     | a,BTC,CALL,2024-12-27,,1,1, | strike",
            "option with zero strike   | a,BTC,PUT,2024-12-27,0,1,1, | strike",
            "perp with strike          | a,BTC,PERP,,100,1,1,     | strike",
            "perp without entry price  | a,BTC,PERP,,,1,,         | entry_price",
            "negative entry price      | a,BTC,SPOT,,,1,-5,       | entry_price",
            "short row                 | a,BTC,PERP               | quantity",
    })
    void eachBadCellIsNamedAndNothingLoads(String name, String row, String column) {
        InputException e = error(HEADER + "ok,BTC,PERP,,,1,60000,\n" + row + "\n");
        assertThat(e).as(name).isNotNull();
        assertThat(e.line()).as(name).isEqualTo(3);
        assertThat(e.field()).as(name).isEqualTo(column);
        assertThat(e.getMessage()).as(name).contains("book.csv: line 3, column '" + column + "'");
    }

    @Test
    void duplicateIdNamesBothLines() {
        InputException e = error(HEADER + "a,BTC,PERP,,,1,60000,\nb,BTC,PERP,,,1,60000,\na,ETH,PERP,,,1,3000,\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("id");
        assertThat(e.getMessage()).contains("first on line 2");
    }

    @Test
    void missingRequiredColumn() {
        InputException e = error("id,underlying,type,expiry,strike,entry_price\na,BTC,SPOT,,,1\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("quantity");
    }

    @Test
    void duplicateColumn() {
        assertThat(error("id,underlying,type,quantity,Quantity\n").field()).isEqualTo("quantity");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertThat(error("# nothing\n").getMessage()).contains("empty file");
        assertThat(error(HEADER).getMessage()).contains("no positions");
    }

    @Test
    void unreadableFileIsAnInputError() {
        assertThatThrownBy(() -> PortfolioCsv.read(java.nio.file.Path.of("/nonexistent/book.csv")))
                .isInstanceOf(InputException.class).hasMessageContaining("/nonexistent/book.csv");
    }

    @Test
    void notUtf8() {
        InputException e = catchThrowableOfType(InputException.class,
                () -> TextSource.of("b.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}));
        assertThat(e.getMessage()).contains("not UTF-8");
    }
}
