package io.marginscope.io;

import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class SnapshotJsonTest {

    static final String EXAMPLE = """
            {
              "asOf": "2024-11-20T08:00:00Z",
              "daysPerYear": 365,
              "assets": {
                "BTC":  {"spot": 92000.0, "vol": 0.55, "rate": 0.0, "advUsd": 2.5e10},
                "ETH":  {"spot": 3100.0,  "vol": 0.65, "rate": 0.0},
                "USDC": {"spot": 1.0,     "vol": 0.0}
              },
              "impliedVols": {
                "BTC": {"2024-12-27": {"100000": 0.58, "90000": 0.56}}
              },
              "correlations": [["BTC", "ETH", 0.82]],
              "orderBooks": {
                "BTC": {"bids": [[91990, 3.2], [91950, 10.0]], "asks": [[92010, 2.9], [92060, 12.5]]}
              }
            }
            """;

    static Loaded<MarketSnapshot> read(String json) throws InputException {
        return SnapshotJson.read(new TextSource("m.json", json));
    }

    static InputException error(String json) {
        return catchThrowableOfType(InputException.class, () -> read(json));
    }

    @Test
    void readsTheFormatsExample() throws Exception {
        Loaded<MarketSnapshot> l = read(EXAMPLE);
        MarketSnapshot m = l.value();
        assertThat(l.warnings()).isEmpty();
        assertThat(m.asOf()).isEqualTo(Instant.parse("2024-11-20T08:00:00Z"));
        assertThat(m.assets().keySet()).containsExactly("BTC", "ETH", "USDC");
        assertThat(m.asset("BTC").advUsd()).isEqualTo(2.5e10);
        assertThat(m.asset("ETH").hasAdv()).isFalse();
        assertThat(m.correlation("ETH", "BTC")).isEqualTo(0.82);
        assertThat(m.correlation("BTC", "USDC")).isZero();
        assertThat(m.correlation("BTC", "BTC")).isEqualTo(1.0);
        assertThat(m.orderBooks().get("BTC").mid()).isEqualTo(92000.0);
        assertThat(m.yearsTo(Instant.parse("2024-12-27T08:00:00Z"))).isCloseTo(37.0 / 365, within(1e-15));
    }

    @Test
    void impliedVolsInterpolateInStrikeAndFallBack() throws Exception {
        MarketSnapshot m = read(EXAMPLE).value();
        Instant dec = Instant.parse("2024-12-27T08:00:00Z");
        VolSurface.VolQuote quoted = m.optionVol(Instrument.option("BTC", InstrumentType.CALL, dec, 100_000, Settlement.LINEAR));
        assertThat(quoted.vol()).isEqualTo(0.58);
        assertThat(quoted.source()).isEqualTo(VolSurface.VolSource.QUOTED);
        VolSurface.VolQuote mid = m.optionVol(Instrument.option("BTC", InstrumentType.PUT, dec, 92_500, Settlement.LINEAR));
        assertThat(mid.vol()).isCloseTo(0.565, within(1e-12));
        assertThat(mid.source()).isEqualTo(VolSurface.VolSource.INTERPOLATED);
        assertThat(m.optionVol(Instrument.option("BTC", InstrumentType.PUT, dec, 50_000, Settlement.LINEAR)).vol())
                .isEqualTo(0.56);
        assertThat(m.optionVol(Instrument.option("BTC", InstrumentType.CALL, dec, 200_000, Settlement.LINEAR)).vol())
                .isEqualTo(0.58);
        VolSurface.VolQuote other = m.optionVol(Instrument.option("BTC", InstrumentType.CALL,
                Instant.parse("2025-01-31T08:00:00Z"), 100_000, Settlement.LINEAR));
        assertThat(other.vol()).isEqualTo(0.55);
        assertThat(other.source()).isEqualTo(VolSurface.VolSource.ASSET_VOL);
        assertThat(m.optionVol(Instrument.option("ETH", InstrumentType.CALL, dec, 3000, Settlement.LINEAR)).vol())
                .isEqualTo(0.65);
    }

    @Test
    void defaultsAndUnknownFieldsWarned() throws Exception {
        Loaded<MarketSnapshot> l = read("""
                {"asOf": "2024-11-20T08:00:00Z", "venue": "x",
                 "assets": {"btc": {"spot": 1, "vol": 0.5, "beta": 1}}}""");
        assertThat(l.value().daysPerYear()).isEqualTo(365);
        assertThat(l.value().asset("BTC").rate()).isZero();
        assertThat(l.warnings()).hasSize(2);
        assertThat(l.warnings().get(1)).contains("line 2").contains("assets.btc.beta");
    }

    @Test
    void errorsNameLineAndFieldPath() {
        InputException e = error(EXAMPLE.replace("\"spot\": 3100.0", "\"spot\": -3100.0"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.field()).isEqualTo("assets.ETH.spot");

        e = error(EXAMPLE.replace("\"vol\": 0.55", "\"vol\": 55"));
        assertThat(e.field()).isEqualTo("assets.BTC.vol");
        assertThat(e.getMessage()).contains("decimals");

        e = error(EXAMPLE.replace("\"90000\": 0.56", "\"90000\": -0.1"));
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.field()).isEqualTo("impliedVols.BTC.2024-12-27.90000");

        e = error(EXAMPLE.replace("[\"BTC\", \"ETH\", 0.82]", "[\"BTC\", \"SOL\", 0.82]"));
        assertThat(e.field()).isEqualTo("correlations[0][1]");
        assertThat(e.line()).isEqualTo(12);

        e = error(EXAMPLE.replace("0.82]", "1.2]"));
        assertThat(e.field()).isEqualTo("correlations[0][2]");

        e = error(EXAMPLE.replace("[[92010, 2.9]", "[[91000, 2.9]"));
        assertThat(e.field()).isEqualTo("orderBooks.BTC");
        assertThat(e.getMessage()).contains("crossed");

        e = error(EXAMPLE.replace("[91950, 10.0]", "[91950, 0]"));
        assertThat(e.field()).isEqualTo("orderBooks.BTC.bids[1][1]");

        e = error(EXAMPLE.replace("\"2024-11-20T08:00:00Z\"", "\"yesterday\""));
        assertThat(e.field()).isEqualTo("asOf");
        assertThat(e.line()).isEqualTo(2);

        e = error(EXAMPLE.replace("\"2024-12-27\"", "\"Dec 27\""));
        assertThat(e.field()).isEqualTo("impliedVols.BTC.Dec 27");

        assertThat(error("{\"asOf\": \"2024-11-20T08:00:00Z\"}").field()).isEqualTo("assets");
        assertThat(error("{\"asOf\": \"2024-11-20T08:00:00Z\", \"assets\": {}}").getMessage()).contains("no assets");
        assertThat(error("{\"asOf\": \"2024-11-20T08:00:00Z\", \"assets\": {\"BTC\": {\"spot\": 1}}}").field())
                .isEqualTo("assets.BTC.vol");
        assertThat(error("{\"asOf\": \"2024-11-20T08:00:00Z\", \"daysPerYear\": 12, \"assets\": {}}").field())
                .isEqualTo("daysPerYear");
        assertThat(error("[1,2]").getMessage()).contains("JSON object");
        assertThat(error("").getMessage()).contains("empty");
        e = error("{\n\"asOf\": \"2024-11-20T08:00:00Z\",\n\"assets\": {\"BTC\": {\"spot\": 1 \"vol\": 1}}}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("m.json: line 3: malformed JSON");
        assertThat(error(EXAMPLE + "{}").getMessage()).contains("after the JSON value");
    }

    @Test
    void dateAsOfMeansSettlementTime() throws Exception {
        MarketSnapshot m = read("{\"asOf\": \"2024-11-20\", \"assets\": {\"BTC\": {\"spot\": 1, \"vol\": 0.5}}}").value();
        assertThat(m.asOf()).isEqualTo(Instant.parse("2024-11-20T08:00:00Z"));
    }
}
