package io.marginscope.io;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.Loaded;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class DeribitPositionsTest {

    static Loaded<Portfolio> read(String json) throws InputException {
        return DeribitPositions.read(new TextSource("pos.json", json), "pos", null);
    }

    static InputException error(String json) {
        return catchThrowableOfType(InputException.class, () -> read(json));
    }

    static Position only(String json) throws InputException {
        return read(json).value().positions().get(0);
    }

    @Test
    void inversePerpetualSizeIsUsdNotional() throws Exception {
        Position p = only("""
                [{"instrument_name": "BTC-PERPETUAL", "kind": "future", "direction": "sell",
                  "size": -250000, "average_price": 62500.0}]""");
        assertThat(p.type()).isEqualTo(InstrumentType.PERP);
        assertThat(p.instrument().settlement()).isEqualTo(Settlement.INVERSE);
        assertThat(p.quantity()).isCloseTo(-4.0, within(1e-12));
        assertThat(p.entryPrice()).isEqualTo(62500.0);
    }

    @Test
    void inverseFutureParsesTheExpiry() throws Exception {
        Position p = only("""
                {"jsonrpc": "2.0", "id": 1, "result": [
                  {"instrument_name": "BTC-27DEC24", "kind": "future", "direction": "buy", "size": 100000, "average_price": 80000}
                ]}""");
        assertThat(p.type()).isEqualTo(InstrumentType.FUTURE);
        assertThat(p.instrument().expiry()).isEqualTo(Instant.parse("2024-12-27T08:00:00Z"));
        assertThat(p.quantity()).isEqualTo(1.25);
    }

    @Test
    void inverseOptionPremiumConvertedToUsd() throws Exception {
        Position withUsd = only("""
                [{"instrument_name": "BTC-27DEC24-60000-C", "kind": "option", "direction": "buy", "size": 2.5,
                  "average_price": 0.05, "average_price_usd": 4600.0, "index_price": 90000}]""");
        assertThat(withUsd.type()).isEqualTo(InstrumentType.CALL);
        assertThat(withUsd.instrument().strike()).isEqualTo(60000);
        assertThat(withUsd.quantity()).isEqualTo(2.5);
        assertThat(withUsd.entryPrice()).isEqualTo(4600.0);

        Position withIndex = only("""
                [{"instrument_name": "BTC-5JUL24-60000-P", "direction": "sell", "size": 3,
                  "average_price": 0.02, "index_price": 90000}]""");
        assertThat(withIndex.type()).isEqualTo(InstrumentType.PUT);
        assertThat(withIndex.instrument().expiry()).isEqualTo(Instant.parse("2024-07-05T08:00:00Z"));
        assertThat(withIndex.quantity()).isEqualTo(-3);
        assertThat(withIndex.entryPrice()).isCloseTo(1800.0, within(1e-9));

        Loaded<Portfolio> viaSnapshot = DeribitPositions.read(new TextSource("pos.json", """
                [{"instrument_name": "ETH-27DEC24-3500-C", "direction": "buy", "size": 10, "average_price": 0.01}]"""),
                "pos", Map.of("ETH", 3000.0)::get);
        assertThat(viaSnapshot.value().positions().get(0).entryPrice()).isCloseTo(30.0, within(1e-9));
        assertThat(viaSnapshot.warnings()).singleElement().asString().contains("ETH spot 3000");
    }

    @Test
    void linearUsdcInstruments() throws Exception {
        Portfolio p = read("""
                [{"instrument_name": "ETH_USDC-PERPETUAL", "kind": "future", "direction": "buy", "size": 25, "average_price": 3050},
                 {"instrument_name": "SOL_USDC-27DEC24-200-P", "kind": "option", "direction": "sell", "size": -500, "average_price": 4.2},
                 {"instrument_name": "XRP_USDC-27DEC24-0d625-C", "kind": "option", "direction": "buy", "size": 1000, "average_price": 0.05}]
                """).value();
        Position eth = p.positions().get(0);
        assertThat(eth.underlying()).isEqualTo("ETH");
        assertThat(eth.type()).isEqualTo(InstrumentType.PERP);
        assertThat(eth.instrument().settlement()).isEqualTo(Settlement.LINEAR);
        assertThat(eth.quantity()).isEqualTo(25);
        Position sol = p.positions().get(1);
        assertThat(sol.underlying()).isEqualTo("SOL");
        assertThat(sol.type()).isEqualTo(InstrumentType.PUT);
        assertThat(sol.instrument().strike()).isEqualTo(200);
        assertThat(sol.quantity()).isEqualTo(-500);
        assertThat(sol.entryPrice()).isEqualTo(4.2);
        assertThat(p.positions().get(2).instrument().strike()).isEqualTo(0.625);
    }

    @Test
    void closedPositionsAreSkippedWithAWarning() throws Exception {
        Loaded<Portfolio> l = read("""
                [{"instrument_name": "BTC-PERPETUAL", "direction": "zero", "size": 0, "average_price": 0},
                 {"instrument_name": "ETH-PERPETUAL", "direction": "buy", "size": 3000, "average_price": 3000}]""");
        assertThat(l.value().positions()).hasSize(1);
        assertThat(l.warnings()).singleElement().asString().contains("BTC-PERPETUAL").contains("line 1");
    }

    @Test
    void errorsNameLineAndField() {
        String json = """
                [
                  {"instrument_name": "BTC-PERPETUAL", "direction": "buy", "size": 1000, "average_price": 60000},
                  {"instrument_name": "BTC-27DEC24", "direction": "buy",
                   "size": "lots", "average_price": 60000}
                ]""";
        InputException e = error(json);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("[1].size");
        assertThat(e.getMessage()).isEqualTo("pos.json: line 4, field '[1].size': 'lots' is not a number");
    }

    @Test
    void eachBadPositionIsRejected() {
        assertThat(error("[{\"instrument_name\": \"BTC-PERP\", \"size\": 1, \"average_price\": 1}]").field())
                .isEqualTo("[0].instrument_name");
        assertThat(error("[{\"instrument_name\": \"BTC-32DEC24\", \"size\": 1, \"average_price\": 1}]").field())
                .isEqualTo("[0].instrument_name");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"kind\": \"option\", \"size\": 1, \"average_price\": 1}]").field())
                .isEqualTo("[0].kind");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"kind\": \"future_combo\", \"size\": 1, \"average_price\": 1}]")
                .getMessage()).contains("combo");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"direction\": \"long\", \"size\": 1, \"average_price\": 1}]").field())
                .isEqualTo("[0].direction");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"average_price\": 1}]").field())
                .isEqualTo("[0].size");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"size\": 10}]").field())
                .isEqualTo("[0].average_price");
        assertThat(error("[{\"instrument_name\": \"BTC-PERPETUAL\", \"size\": 10, \"average_price\": 0}]").field())
                .isEqualTo("[0].average_price");
        assertThat(error("[{\"instrument_name\": \"BTC-27DEC24-60000-C\", \"size\": 1, \"average_price\": 0.05}]").field())
                .isEqualTo("[0].average_price_usd");
        assertThat(error("[{\"size\": 1, \"average_price\": 1}]").field()).isEqualTo("[0].instrument_name");
        assertThat(error("""
                [{"instrument_name": "BTC-PERPETUAL", "size": 1, "average_price": 1},
                 {"instrument_name": "BTC-PERPETUAL", "size": 1, "average_price": 1}]""").getMessage())
                .contains("appears twice").contains("line 2");
    }

    @Test
    void documentShapeErrors() {
        assertThat(error("{\"result\": 5}").field()).isEqualTo("result");
        assertThat(error("{\"foo\": []}").getMessage()).contains("get_positions");
        assertThat(error("{\"asOf\": \"x\", \"assets\": {}}").getMessage()).contains("market snapshot");
        assertThat(error("[]").getMessage()).contains("no open positions");
        InputException malformed = error("[\n{\"instrument_name\": \"BTC-PERPETUAL\",,}\n]");
        assertThat(malformed.line()).isEqualTo(2);
        assertThat(malformed.getMessage()).contains("malformed JSON");
        assertThat(error("[{\"instrument_name\": \"A\", \"instrument_name\": \"B\"}]").getMessage()).contains("malformed JSON");
    }
}
