package io.marginscope.pricing;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PositionPricerTest {

    static final Instant AS_OF = Instant.parse("2024-11-20T08:00:00Z");
    static final Instant DEC27 = Instant.parse("2024-12-27T08:00:00Z");

    static MarketSnapshot market(double btcSpot) {
        Map<String, AssetMarket> assets = Map.of(
                "BTC", new AssetMarket(btcSpot, 0.55, 0.08, 0.01, 2.5e10),
                "USDC", new AssetMarket(1.0, 0.0, 0.0, 0.0, Double.NaN));
        VolSurface btc = new VolSurface(Map.of(DEC27, VolSurface.Smile.of(Map.of(90_000.0, 0.56, 100_000.0, 0.60))));
        return new MarketSnapshot(AS_OF, 365, assets, Map.of("BTC", btc), Map.of(), Map.of());
    }

    @Test
    void spotPerpAndFuture() {
        MarketSnapshot m = market(92_000);
        PositionValuation spot = PositionPricer.value(new Position("c", Instrument.spot("BTC"), 1.2, 0), m);
        assertThat(spot.value()).isEqualTo(1.2 * 92_000);
        assertThat(spot.delta()).isEqualTo(1.2);
        assertThat(spot.unrealizedPnl()).isNaN();

        PositionValuation perp = PositionPricer.value(
                new Position("p", Instrument.perp("BTC", Settlement.LINEAR), 2.5, 61_000), m);
        assertThat(perp.value()).isEqualTo(2.5 * (92_000 - 61_000));
        assertThat(perp.delta()).isEqualTo(2.5);
        assertThat(perp.theta()).isZero();

        Position fut = new Position("f", Instrument.future("BTC", DEC27, Settlement.LINEAR), -3, 93_000);
        PositionValuation f = PositionPricer.value(fut, m);
        double t = 37.0 / 365;
        double forward = 92_000 * Math.exp((0.08 - 0.01) * t);
        assertThat(f.years()).isCloseTo(t, within(1e-12));
        assertThat(f.price()).isCloseTo(forward, within(1e-9));
        assertThat(f.value()).isCloseTo(-3 * (forward - 93_000), within(1e-8));
        // delta and theta against finite differences of the value
        double h = 1.0;
        double up = PositionPricer.value(fut, market(92_000 + h)).value();
        double dn = PositionPricer.value(fut, market(92_000 - h)).value();
        assertThat(f.delta()).isCloseTo((up - dn) / (2 * h), within(1e-6));
        MarketSnapshot nextDay = new MarketSnapshot(AS_OF.plusSeconds(86_400), 365, m.assets(), m.impliedVols(),
                Map.of(), Map.of());
        double oneDay = PositionPricer.value(fut, nextDay).value() - f.value();
        assertThat(f.theta()).isCloseTo(oneDay, within(1e-3 * Math.abs(oneDay)));
    }

    @Test
    void expiredFutureSettlesAtSpot() {
        Position fut = new Position("f", Instrument.future("BTC", AS_OF.minusSeconds(3600), Settlement.LINEAR), 1, 90_000);
        PositionValuation v = PositionPricer.value(fut, market(92_000));
        assertThat(v.value()).isEqualTo(2_000);
        assertThat(v.delta()).isEqualTo(1.0);
        assertThat(v.theta()).isZero();
    }

    @Test
    void optionScalesByQuantityAndUsesTheSmile() {
        MarketSnapshot m = market(92_000);
        Position one = new Position("o", Instrument.option("BTC", InstrumentType.CALL, DEC27, 95_000, Settlement.LINEAR), 1, 2_000);
        Position ten = one.withQuantity(-10);
        PositionValuation a = PositionPricer.value(one, m);
        PositionValuation b = PositionPricer.value(ten, m);
        assertThat(a.vol()).isCloseTo(0.58, within(1e-12));
        assertThat(a.volSource()).isEqualTo(VolSurface.VolSource.INTERPOLATED);
        assertThat(b.value()).isCloseTo(-10 * a.value(), within(1e-9));
        assertThat(b.delta()).isCloseTo(-10 * a.delta(), within(1e-12));
        assertThat(b.gamma()).isCloseTo(-10 * a.gamma(), within(1e-15));
        assertThat(b.vega()).isCloseTo(-10 * a.vega(), within(1e-9));
        assertThat(b.theta()).isCloseTo(-10 * a.theta(), within(1e-9));
        assertThat(a.unrealizedPnl()).isCloseTo(a.price() - 2_000, within(1e-9));
        double t = 37.0 / 365;
        OptionGreeks g = Black76.greeks(InstrumentType.CALL, new OptionInputs(92_000, 95_000, t, 0.58, 0.08, 0.01));
        assertThat(a.price()).isCloseTo(g.price(), within(1e-9));
        assertThat(a.theta()).isCloseTo(g.thetaPerYear() / 365, within(1e-9));
    }

    @Test
    void optionOnAnUnquotedExpiryUsesTheAssetVol() {
        Instant jan = Instant.parse("2025-01-31T08:00:00Z");
        Position p = new Position("o", Instrument.option("BTC", InstrumentType.PUT, jan, 80_000, Settlement.INVERSE), 1, Double.NaN);
        PositionValuation v = PositionPricer.value(p, market(92_000));
        assertThat(v.vol()).isEqualTo(0.55);
        assertThat(v.volSource()).isEqualTo(VolSurface.VolSource.ASSET_VOL);
        assertThat(v.unrealizedPnl()).isNaN();
    }

    /** An inverse perp of N USD at entry E pays N (1/E - 1/S) coins, worth N (S/E - 1) USD: q (S - E) with q = N/E. */
    @Test
    void inversePerpEqualsItsCoinPayoffInUsd() {
        double notional = 100_000;
        double entry = 50_000;
        double spot = 60_000;
        double coinPnl = notional * (1 / entry - 1 / spot);
        Position inv = new Position("i", Instrument.perp("BTC", Settlement.INVERSE), notional / entry, entry);
        assertThat(PositionPricer.value(inv, market(spot)).value()).isCloseTo(coinPnl * spot, within(1e-9));
    }

    @Test
    void unknownUnderlyingIsAnErrorCellAndTheRestStillValues() {
        Portfolio book = new Portfolio("b", List.of(
                new Position("ok", Instrument.spot("BTC"), 1, 0),
                new Position("bad", Instrument.perp("DOGE", Settlement.LINEAR), 1000, 0.1)));
        PortfolioValuation v = PortfolioValuation.of(book, market(92_000));
        assertThat(v.positions().get(1).ok()).isFalse();
        assertThat(v.positions().get(1).error()).contains("DOGE");
        assertThat(v.equity()).isEqualTo(92_000);
        assertThat(v.errors()).hasSize(1);
        assertThat(v.byUnderlying()).containsOnlyKeys("BTC");
    }

    @Test
    void equityAndNetGreeksAreSumsOverPositions() {
        Portfolio book = new Portfolio("b", List.of(
                new Position("c", Instrument.option("BTC", InstrumentType.CALL, DEC27, 100_000, Settlement.LINEAR), -5, 1500),
                new Position("p", Instrument.perp("BTC", Settlement.LINEAR), 2, 91_000),
                new Position("u", Instrument.spot("USDC"), 100_000, 1)));
        MarketSnapshot m = market(92_000);
        PortfolioValuation v = PortfolioValuation.of(book, m);
        double sum = v.positions().stream().mapToDouble(PositionValuation::value).sum();
        assertThat(v.equity()).isCloseTo(sum, within(1e-9));
        PortfolioValuation.UnderlyingGreeks btc = v.byUnderlying().get("BTC");
        assertThat(btc.delta()).isCloseTo(v.positions().get(0).delta() + 2, within(1e-12));
        assertThat(btc.deltaUsd()).isCloseTo(btc.delta() * 92_000, within(1e-6));
    }
}
