package io.marginscope.io;

import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The native CSV writer reads back to the same book, and one position is checked by the file rules. */
class PortfolioCsvWriteTest {

    @Test
    void everySampleBookWritesAndReadsBackToEqualPositions() throws Exception {
        for (String name : SampleBooks.names()) {
            Portfolio book = SampleBooks.load(name).book().value();
            String text = PortfolioCsv.write(book);
            Portfolio again = PortfolioCsv.read(new TextSource(book.name() + ".csv", text), book.name()).value();
            assertThat(again.positions()).as(name).isEqualTo(book.positions());
            assertThat(again.tier()).as(name).isEqualTo(book.tier());
        }
    }

    @Test
    void awkwardValuesRoundTripExactly(@TempDir Path dir) throws Exception {
        Instant noon = Instant.parse("2025-01-31T12:30:00Z");
        Portfolio book = new Portfolio("odd", "odd.csv", List.of(
                new Position("#hash, \"quoted\"", Instrument.spot("BTC"), 0.1 + 0.2, Double.NaN),
                new Position("tiny", Instrument.perp("ETH", Settlement.INVERSE), -1e-9, 1234.5678901234567),
                new Position("big", Instrument.option("BTC", InstrumentType.PUT, noon, 1e6 / 3, Settlement.LINEAR),
                        -3e7, 0),
                new Position("fut", Instrument.future("BTC", Instant.parse("2024-12-27T08:00:00Z"),
                        Settlement.LINEAR), -0.0, 99_000)), "b");
        String text = PortfolioCsv.write(book);
        assertThat(text).startsWith("# tier: B\nid,underlying,type,expiry,strike,quantity,entry_price,settlement\n");
        assertThat(text).contains("fut,BTC,FUTURE,2024-12-27,,-0,99000,LINEAR");
        assertThat(text).contains("2025-01-31T12:30:00Z");
        Path file = dir.resolve("odd.csv");
        PortfolioCsv.write(book, file);
        Portfolio again = PortfolioCsv.read(file).value();
        assertThat(again.positions()).isEqualTo(book.positions());
        assertThat(again.tier()).isEqualTo("B");
        assertThat(again.name()).isEqualTo("odd");
        assertThat(Files.list(dir)).hasSize(1);
    }

    private static Map<String, String> cells(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void onePositionIsCheckedByTheRulesOfAFileRow() throws Exception {
        Position p = PortfolioCsv.position("form", cells("id", " c1 ", "underlying", "btc", "type", "call",
                "expiry", "2024-12-27", "strike", "100000", "quantity", "-2.5", "entry_price", "",
                "settlement", "inverse"));
        assertThat(p).isEqualTo(new Position("c1", Instrument.option("BTC", InstrumentType.CALL,
                Instant.parse("2024-12-27T08:00:00Z"), 100_000, Settlement.INVERSE), -2.5, Double.NaN));

        record Bad(Map<String, String> cells, String field, String problem) { }
        for (Bad b : List.of(
                new Bad(cells("id", "x", "underlying", "BTC", "type", "PERP", "quantity", "abc", "entry_price", "1"),
                        "quantity", "'abc' is not a number"),
                new Bad(cells("id", "x", "underlying", "BTC", "type", "CALL", "expiry", "2024-12-27",
                        "quantity", "1"), "strike", "empty; a value is required"),
                new Bad(cells("id", "x", "underlying", "BTC", "type", "PERP", "quantity", "1"),
                        "entry_price", "empty; a value is required"),
                new Bad(cells("id", "", "underlying", "BTC", "type", "SPOT", "quantity", "1"),
                        "id", "empty; a value is required"),
                new Bad(cells("id", "x", "underlying", "BTC", "type", "PUT", "expiry", "27.12.2024", "strike", "1",
                        "quantity", "1"), "expiry", "'27.12.2024' is not a date (2024-12-27) or an ISO instant"))) {
            InputException e = catchThrowableOfType(InputException.class, () -> PortfolioCsv.position("form", b.cells()));
            assertThat(e).as(b.toString()).isNotNull();
            assertThat(e.field()).isEqualTo(b.field());
            assertThat(e.problem()).isEqualTo(b.problem());
            assertThat(e.line()).isZero();
        }
    }
}
