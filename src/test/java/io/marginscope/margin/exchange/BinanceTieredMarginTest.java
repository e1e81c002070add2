package io.marginscope.margin.exchange;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinanceTieredMarginTest {

    private static final Instant AS_OF = Instant.parse("2024-06-17T10:00:00Z");

    private static MarketSnapshot market() {
        return new MarketSnapshot(AS_OF, 365, Map.of(
                "BTC", new AssetMarket(60_000, 0.5, 0.0, 0.0, Double.NaN),
                "ETH", new AssetMarket(3_000, 0.6, 0.0, 0.0, Double.NaN),
                "SOL", new AssetMarket(150, 0.8, 0.0, 0.0, Double.NaN)), Map.of(), Map.of(), Map.of());
    }

    /** Per-position N * MMR - amount with the BTCUSDT, ETHUSDT and SOLUSDT tables; each excluded position named. */
    @Test
    void perPositionMaintenanceAndWhatIsNotCovered() {
        Portfolio book = new Portfolio("b", List.of(
                new Position("btc-long", Instrument.perp("BTC", Settlement.LINEAR), 5, 58_000),    // 300,000: 1%, 1,300
                new Position("btc-short", Instrument.perp("BTC", Settlement.LINEAR), -0.5, 61_000), // 30,000: 0.4%, 0
                new Position("eth-small", Instrument.perp("ETH", Settlement.LINEAR), 3, 2_900),     // 9,000: 0.40%
                new Position("eth-big", Instrument.perp("ETH", Settlement.LINEAR), 300, 2_900),     // 900,000: 0.65%, 950
                new Position("eth-huge", Instrument.perp("ETH", Settlement.LINEAR), -500_000, 2_900), // 1.5e9 > 1.2e9
                new Position("btc-inverse", Instrument.perp("BTC", Settlement.INVERSE), 1, 60_000),
                new Position("sol", Instrument.perp("SOL", Settlement.LINEAR), 1_000, 150),          // 150,000: 1%, 380
                new Position("ada", Instrument.perp("ADA", Settlement.LINEAR), 1_000, 0.4),
                new Position("call", Instrument.option("BTC", InstrumentType.CALL,
                        Instant.parse("2024-06-28T08:00:00Z"), 70_000, Settlement.LINEAR), -1, 500),
                new Position("usdc", Instrument.spot("BTC"), 1, 0)));
        MarketSnapshot m = new MarketSnapshot(AS_OF, 365, Map.of(
                "BTC", new AssetMarket(60_000, 0.5, 0.0, 0.0, Double.NaN),
                "ETH", new AssetMarket(3_000, 0.6, 0.0, 0.0, Double.NaN),
                "SOL", new AssetMarket(150, 0.8, 0.0, 0.0, Double.NaN),
                "ADA", new AssetMarket(0.4, 0.8, 0.0, 0.0, Double.NaN)), Map.of(), Map.of(), Map.of());
        MarginBreakdown mb = BinanceTieredMargin.compute(book, m, BinanceBrackets.byUnderlying());
        assertThat(mb.componentsUsd()).containsOnlyKeys("btc-long", "btc-short", "eth-small", "eth-big", "sol");
        assertThat(mb.componentsUsd().get("btc-long")).isCloseTo(300_000 * 0.01 - 1_300, within(1e-9));
        assertThat(mb.componentsUsd().get("btc-short")).isCloseTo(30_000 * 0.004, within(1e-9));
        assertThat(mb.componentsUsd().get("eth-small")).isCloseTo(9_000 * 0.004, within(1e-9));
        assertThat(mb.componentsUsd().get("eth-big")).isCloseTo(900_000 * 0.0065 - 950, within(1e-9));
        assertThat(mb.componentsUsd().get("sol")).isCloseTo(150_000 * 0.01 - 380, within(1e-9));
        assertThat(mb.initialUsd()).isNaN();
        assertThat(mb.complete()).isFalse();
        assertThat(mb.errors()).hasSize(4);
        assertThat(mb.errors()).anyMatch(e -> e.startsWith("eth-huge: notional 1.5E9 USD is above the last bracket"))
                .anyMatch(e -> e.startsWith("btc-inverse: INVERSE (COIN-M)"))
                .anyMatch(e -> e.equals("ada: no bracket table for ADA"))
                .anyMatch(e -> e.startsWith("call: options"));
    }
}
