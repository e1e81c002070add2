package io.marginscope.analysis;

import io.marginscope.io.PolicyJson;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.TextSource;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhatIfTest {

    static final MarginCalculator.Settings FAST = new MarginCalculator.Settings(2_000, 42L);

    static Portfolio trade(String rows) throws Exception {
        return PortfolioCsv.read(new TextSource("t.csv",
                "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n" + rows), "t").value();
    }

    @Test
    void aTradeThenItsOppositeReturnsExactlyToTheFirstBook() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Portfolio t = trade("""
                more-perp,BTC,PERP,,,2,92000,LINEAR
                less-calls,BTC,CALL,2024-12-27,105000,3.5,2700,LINEAR
                new-put,BTC,PUT,2024-12-27,70000,4,480,LINEAR
                eth-perp,ETH,PERP,,,-12.5,3111.5,LINEAR
                more-usdc,USDC,SPOT,,,25000,1,LINEAR
                """);
        Policy ramm = PolicyPresets.load("ramm");
        for (Portfolio first : List.of(t, TradeNetting.opposite(t))) {
            WhatIf.Result there = WhatIf.run(s.book(), first, s.market(), null, ramm, FAST);
            WhatIf.Result back = WhatIf.run(there.after().book(), TradeNetting.opposite(first), s.market(), null,
                    ramm, FAST);
            assertThat(back.after().book().positions()).isEqualTo(s.book().positions());
            BookFigures a = there.before();
            BookFigures b = back.after();
            assertThat(b.equity()).isEqualTo(a.equity());
            assertThat(b.var()).isEqualTo(a.var());
            assertThat(b.es()).isEqualTo(a.es());
            assertThat(b.margin()).isEqualTo(a.margin());
            assertThat(b.liquidation()).isEqualTo(a.liquidation());
            assertThat(b.greeksByExpiry()).isEqualTo(a.greeksByExpiry());
            assertThat(back.marginalMargin()).isEqualTo(-there.marginalMargin());
        }
    }

    @Test
    void nettingByInstrument() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        TradeNetting.Result r = TradeNetting.apply(s.book(), trade("""
                a,BTC,PERP,,,2,92000,LINEAR
                b,BTC,CALL,2024-12-27,105000,10,2700,LINEAR
                btc-coll,BTC,PUT,2024-12-27,70000,4,480,LINEAR
                d,BTC,PERP,,,2,92000,INVERSE
                e,BTC,PUT,2024-12-27,80000,12,3000,LINEAR
                """));
        Map<String, Position> byId = new LinkedHashMap<>();
        r.book().positions().forEach(p -> byId.put(p.id(), p));
        // increased: quantities add, entry quantity-weighted
        assertThat(byId.get("btc-perp-hedge").quantity()).isEqualTo(3.4);
        assertThat(byId.get("btc-perp-hedge").entryPrice()).isCloseTo((1.4 * 91480 + 2 * 92000) / 3.4, within(1e-9));
        // netted to zero: gone
        assertThat(byId).doesNotContainKey("btc-c105k-dec");
        // new instrument: opened with the trade's price; an id the book uses is suffixed
        assertThat(byId.get("btc-coll-trade").quantity()).isEqualTo(4);
        assertThat(byId.get("btc-coll-trade").entryPrice()).isEqualTo(480);
        // another settlement is another instrument
        assertThat(byId.get("d").instrument().settlement()).isEqualTo(Settlement.INVERSE);
        // flipped: -10 + 12 = +2, cost basis kept: value = value(before) + value(trade)
        assertThat(byId.get("btc-p80k-dec").quantity()).isEqualTo(2);
        assertThat(r.fills().stream().map(f -> f.action().name()).toList())
                .containsExactly("INCREASED", "CLOSED", "OPENED", "OPENED", "FLIPPED");
        // equity moves only by the trade's own mark-to-market
        double before = io.marginscope.pricing.PortfolioValuation.of(s.book(), s.market()).equity();
        double after = io.marginscope.pricing.PortfolioValuation.of(r.book(), s.market()).equity();
        Portfolio alone = trade("""
                a,BTC,PERP,,,2,92000,LINEAR
                b,BTC,CALL,2024-12-27,105000,10,2700,LINEAR
                c,BTC,PUT,2024-12-27,70000,4,480,LINEAR
                d,BTC,PERP,,,2,92000,INVERSE
                e,BTC,PUT,2024-12-27,80000,12,3000,LINEAR
                """);
        double tradeValue = io.marginscope.pricing.PortfolioValuation.of(alone, s.market()).equity();
        // the options' premiums are paid from the USDC row: 10 x 2700 + 4 x 480 + 12 x 3000
        double premiums = 10 * 2700 + 4 * 480 + 12 * 3000;
        assertThat(byId.get("usdc-coll").quantity()).isEqualTo(450_000 - premiums);
        assertThat(r.fills().stream().mapToDouble(TradeNetting.Fill::premium).sum()).isEqualTo(-premiums);
        // equity moves only by the trade's own mark-to-market: its value less what was paid for it
        assertThat(after).isCloseTo(before + tradeValue - premiums, within(1e-6));
    }

    @Test
    void closingAPerpetualSettlesItsPnlInCashAndEquityMovesOnlyByTheTrade() throws Exception {
        Samples.Sample s = Samples.load("eth-perp-leveraged.csv");
        Portfolio close = trade("c,ETH,PERP,,,-280,3200,LINEAR\n");
        TradeNetting.Result r = TradeNetting.apply(s.book(), close);
        assertThat(r.book().positions().stream().map(Position::id)).doesNotContain("eth-perp-core");
        assertThat(r.fills().get(0).realizedPnl()).isEqualTo(280 * (3200 - 3020));
        Position usdc = r.book().positions().stream().filter(p -> p.id().equals("usdc-coll")).findFirst().orElseThrow();
        assertThat(usdc.quantity()).isEqualTo(150_000 + 280 * (3200 - 3020));
        double before = io.marginscope.pricing.PortfolioValuation.of(s.book(), s.market()).equity();
        double after = io.marginscope.pricing.PortfolioValuation.of(r.book(), s.market()).equity();
        assertThat(after - before).isCloseTo(-280 * (3110 - 3200), within(1e-6));
        // a book without USDC collateral gets a cash row
        Portfolio bare = new Portfolio("bare", List.of(new Position("p", Instrument.perp("BTC", Settlement.LINEAR), 1,
                90_000)));
        TradeNetting.Result b = TradeNetting.apply(bare, trade("x,BTC,PERP,,,-1,92000,LINEAR\n"));
        assertThat(b.book().positions()).containsExactly(new Position(TradeNetting.CASH_ID, Instrument.spot("USDC"),
                2_000, 1));
    }

    @Test
    void buyingAnOptionOrACoinAtItsMarkPaysForItAndLeavesEquityUnchanged() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Portfolio unpriced = trade("""
                p,BTC,PUT,2025-01-31,85000,4,,LINEAR
                c,ETH,SPOT,,,10,0,LINEAR
                """);
        var marks = io.marginscope.pricing.PortfolioValuation.of(unpriced, s.market()).positions();
        double put = marks.get(0).price();
        double eth = s.market().asset("ETH").spot();
        Portfolio t = trade("p,BTC,PUT,2025-01-31,85000,4," + put + ",LINEAR\n"
                + "c,ETH,SPOT,,,10," + eth + ",LINEAR\n");
        TradeNetting.Result r = TradeNetting.apply(s.book(), t);
        double before = io.marginscope.pricing.PortfolioValuation.of(s.book(), s.market()).equity();
        double after = io.marginscope.pricing.PortfolioValuation.of(r.book(), s.market()).equity();
        assertThat(after).isCloseTo(before, within(1e-6));
        assertThat(r.fills()).extracting(TradeNetting.Fill::premium)
                .containsExactly(-4 * put, -10 * eth);
        // ETH given without a price is a transfer of collateral: no cash moves, equity rises by its value
        TradeNetting.Result gift = TradeNetting.apply(s.book(), trade("c,ETH,SPOT,,,10,0,LINEAR\n"));
        assertThat(gift.fills().get(0).premium()).isZero();
        double given = io.marginscope.pricing.PortfolioValuation.of(gift.book(), s.market()).equity();
        assertThat(given - before).isCloseTo(10 * eth, within(1e-6));
    }

    @Test
    void aTradeThatClosesTheWholeBookLeavesNothingToMargin() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Portfolio options = new Portfolio("o", List.of(s.book().positions().get(0)));
        WhatIf.Result r = WhatIf.run(options, trade("x,BTC,CALL,2024-12-27,105000,10,2700,LINEAR\n"), s.market(),
                null, PolicyPresets.load("ramm"), FAST);
        // buying the calls back costs 10 x 2,700 USD, booked to a new cash row: nothing else is left
        assertThat(r.after().book().positions()).containsExactly(
                new Position(TradeNetting.CASH_ID, Instrument.spot("USDC"), -27_000, 1));
        assertThat(r.after().maintenanceMargin()).isZero();
        assertThat(r.marginalMargin()).isEqualTo(-r.before().maintenanceMargin());
        assertThat(r.after().liquidation()).isEmpty();
    }

    @Test
    void aHedgeHasNegativeMarginalMargin() throws Exception {
        Map<String, AssetMarket> a = new LinkedHashMap<>();
        a.put("BTC", new AssetMarket(90_000, 0.6, 0, 0, 4e10));
        a.put("USDC", new AssetMarket(1, 0, 0, 0, 1e10));
        MarketSnapshot m = new MarketSnapshot(Instant.parse("2024-11-20T08:00:00Z"), 365, a, Map.of(), Map.of(),
                Map.of());
        Portfolio longSpot = new Portfolio("spot", List.of(
                new Position("btc", Instrument.spot("BTC"), 10, 85_000),
                new Position("usdc", Instrument.spot("USDC"), 200_000, 1)));
        Portfolio hedge = trade("hedge,BTC,PERP,,,-10,90000,LINEAR\n");
        for (String p : new String[] {"ramm", "span"}) {
            WhatIf.Result r = WhatIf.run(longSpot, hedge, m, null, PolicyPresets.load(p), FAST);
            assertThat(r.marginalMargin()).as(p).isNegative();
            assertThat(r.change().maintenanceMargin()).isEqualTo(r.marginalMargin());
            assertThat(r.change().equity()).isCloseTo(0, within(1e-6));
            assertThat(r.after().var()).isLessThan(r.before().var());
            GreeksByExpiry.Greeks d = r.change().greeksByExpiry().get("BTC").get("none");
            assertThat(d.delta()).isCloseTo(-10, within(1e-12));
        }
        // a parametric VaR policy: the hedged book has no price risk left
        Policy var = PolicyJson.read(new TextSource("v.json", """
                {"base": {"measure": "VaR", "confidence": 0.99, "horizonDays": 2, "method": "parametric"}}"""), "v");
        WhatIf.Result r = WhatIf.run(longSpot, hedge, m, null, var, FAST);
        assertThat(r.after().maintenanceMargin()).isCloseTo(0, within(1e-6));
        assertThat(r.marginalMargin()).isCloseTo(-r.before().maintenanceMargin(), within(1e-6));
        LiquidationPrice none = r.after().liquidation().get("BTC");
        assertThat(none.exists()).isFalse();
    }
}
