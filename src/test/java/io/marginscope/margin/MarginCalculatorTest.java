package io.marginscope.margin;

import io.marginscope.io.InputException;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.PolicyPresets;
import io.marginscope.io.TextSource;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.OrderBook;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.NormalDist;
import io.marginscope.pricing.PortfolioValuation;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class MarginCalculatorTest {

    static MarketSnapshot market(boolean withBook) {
        Map<String, AssetMarket> a = new LinkedHashMap<>();
        a.put("BTC", new AssetMarket(90_000, 0.6, 0, 0, 2e10));
        a.put("USDC", new AssetMarket(1, 0, 0, 0, 1e10));
        Map<String, OrderBook> books = withBook ? Map.of("BTC", new OrderBook(
                List.of(new OrderBook.Level(89_990, 1), new OrderBook.Level(89_950, 2), new OrderBook.Level(89_900, 5)),
                List.of(new OrderBook.Level(90_010, 1), new OrderBook.Level(90_050, 2), new OrderBook.Level(90_100, 5))))
                : Map.of();
        return new MarketSnapshot(Instant.parse("2024-11-20T08:00:00Z"), 365, a, Map.of(), Map.of(), books);
    }

    static Portfolio levered(double btc) {
        return new Portfolio("l", List.of(new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), btc, 90_000),
                new Position("usdc", Instrument.spot("USDC"), 60_000, 1),
                new Position("coll", Instrument.spot("BTC"), 0.5, 0)));
    }

    static Policy policy(String json) throws InputException {
        return PolicyJson.read(new TextSource("p.json", json), "p");
    }

    static final String BASE = """
            {"name": "t", "base": {"measure": "ES", "confidence": 0.99, "horizonDays": 2, "method": "parametric"},
             "tiers": {"BTC": [[0, 0.004, 0], [500000, 0.005, 500], [1000000, 0.01, 5500]]},
             "haircuts": {"confidence": 0.99, "horizonDays": 2, "floor": {"BTC": 0.02, "USDC": 0.0}},
             "imToMm": 1.25}""";

    static MarginResult at(Policy p, Portfolio book, MarketSnapshot m) {
        return new MarginCalculator().prepare(book, m, null, p, MarginCalculator.Settings.defaults()).at(m);
    }

    @Test
    void baseIsTheClosedFormAndMmIsItsMaxWithTheFloor() throws Exception {
        Policy p = policy(BASE);
        MarketSnapshot m = market(false);
        MarginResult r = at(p, levered(4), m);
        double sd = 4.5 * 90_000 * 0.6 * Math.sqrt(2 / 365.0);
        double z = new NormalDistribution().inverseCumulativeProbability(0.99);
        double es = sd * NormalDist.pdf(z) / 0.01;
        assertThat(r.components().base()).isCloseTo(es, within(1e-6 * es));
        // 4 BTC * 90,000 = 360,000 notional in the first bracket: 0.4%
        assertThat(r.components().floor()).isCloseTo(360_000 * 0.004, within(1e-9));
        assertThat(r.maintenanceMargin()).isCloseTo(Math.max(es, 1440), within(1e-6));
        assertThat(r.initialMargin()).isCloseTo(1.25 * r.maintenanceMargin(), within(1e-9));
        // haircut of the BTC collateral: max(2%, z * 0.6 * sqrt(2/365))
        double h = Math.max(0.02, z * 0.6 * Math.sqrt(2 / 365.0));
        assertThat(r.haircuts().get("BTC")).isCloseTo(h, within(1e-12));
        assertThat(r.haircuts().get("USDC")).isZero();
        assertThat(r.components().haircut()).isCloseTo(0.5 * 90_000 * h, within(1e-6));
        assertThat(r.adjustedEquity()).isCloseTo(r.equity() - 0.5 * 90_000 * h, within(1e-6));
        assertThat(r.marginRatio()).isCloseTo(r.maintenanceMargin() / r.adjustedEquity(), within(1e-12));
        assertThat(r.freeMargin()).isCloseTo(r.adjustedEquity() - r.initialMargin(), within(1e-9));
    }

    @Test
    void floorUsesTheBracketOfTheNotional() throws Exception {
        Policy p = policy("{\"tiers\": {\"BTC\": [[0, 0.004, 0], [500000, 0.005, 500], [1000000, 0.01, 5500]]}}");
        MarketSnapshot m = market(false);
        // 8 BTC = 720,000: second bracket, 0.5% - 500; the amount makes brackets continuous at 500,000
        assertThat(MarginCalculator.floor(p, PortfolioValuation.of(levered(-8), m), m))
                .isCloseTo(720_000 * 0.005 - 500, within(1e-9));
        assertThat(500_000 * 0.004).isCloseTo(500_000 * 0.005 - 500, within(1e-9));
        assertThat(MarginCalculator.floor(p, PortfolioValuation.of(levered(12), m), m))
                .isCloseTo(1_080_000 * 0.01 - 5500, within(1e-9));
    }

    @Test
    void addOnsAreZeroAtZeroSizeAndGrowFasterThanLinearly() throws Exception {
        Policy p = policy("""
                {"tiers": {"default": [[0, 0.0, 0]]}, "liquidity": {"model": "orderbook", "sqrtImpactK": 0.5},
                 "concentration": {"advShareThreshold": 1e-6, "rate": 0.1}}""");
        for (boolean withBook : new boolean[] {true, false}) {
            MarketSnapshot m = market(withBook);
            List<Double> liq = new ArrayList<>();
            List<Double> conc = new ArrayList<>();
            for (double size : new double[] {0, 1, 2, 4, 8}) {
                Portfolio b = new Portfolio("s", List.of(new Position("p", Instrument.perp("BTC", Settlement.LINEAR),
                        size, 90_000), new Position("u", Instrument.spot("USDC"), 1e6, 1)));
                MarginResult r = at(p, b, m);
                liq.add(r.components().liquidity());
                conc.add(r.components().concentration());
            }
            assertThat(liq.get(0)).isZero();
            assertThat(conc.get(0)).isZero();
            for (int i = 2; i < liq.size(); i++) {
                // doubling the size more than doubles the add-on
                assertThat(liq.get(i)).as("liquidity, book " + withBook).isGreaterThan(2 * liq.get(i - 1));
                assertThat(conc.get(i)).as("concentration").isGreaterThan(2 * conc.get(i - 1));
            }
        }
    }

    @Test
    void orderBookCostWalksTheLevels() {
        MarketSnapshot m = market(true);
        OrderBook b = m.orderBooks().get("BTC");
        // sell 2.5: 1 @ 89,990 (10 below mid) + 1.5 @ 89,950 (50 below)
        assertThat(AddOns.bookCost(b, 2.5, 0.5, m, "BTC")).isCloseTo(1 * 10 + 1.5 * 50, within(1e-9));
        // buy 1: 1 @ 90,010
        assertThat(AddOns.bookCost(b, -1, 0.5, m, "BTC")).isCloseTo(10, within(1e-9));
    }

    @Test
    void liquidationPriceSolvesItsEquation() throws Exception {
        Policy p = policy(BASE);
        MarketSnapshot m = market(false);
        Portfolio book = levered(6);
        MarginCalculator.Prepared prep = new MarginCalculator().prepare(book, m, null, p,
                MarginCalculator.Settings.defaults());
        LiquidationPrice lp = LiquidationPrice.solve(prep, m, "BTC");
        assertThat(lp.exists()).isTrue();
        assertThat(lp.price()).isLessThan(90_000);
        MarginResult there = prep.at(m.withAsset("BTC", m.asset("BTC").withSpot(lp.price())));
        assertThat(there.adjustedEquity()).isCloseTo(there.maintenanceMargin(), within(1e-4 * there.maintenanceMargin()));
        assertThat(lp.distancePct()).isCloseTo((lp.price() / 90_000 - 1) * 100, within(1e-12));
        // a book that cannot be liquidated by BTC moves: only stablecoins and a tiny hedge
        Portfolio safe = new Portfolio("s", List.of(new Position("u", Instrument.spot("USDC"), 1e6, 1),
                new Position("p", Instrument.perp("BTC", Settlement.LINEAR), 0.01, 90_000)));
        assertThat(LiquidationPrice.solve(new MarginCalculator().prepare(safe, m, null, p,
                MarginCalculator.Settings.defaults()), m, "BTC").exists()).isFalse();
    }

    @Test
    void moreConfidenceOrHorizonNeverLowersMm() throws Exception {
        MarketSnapshot m = market(true);
        double last = 0;
        for (double c : new double[] {0.95, 0.975, 0.99, 0.995, 0.999}) {
            MarginResult r = at(policy(BASE.replace("\"confidence\": 0.99, \"horizonDays\": 2",
                    "\"confidence\": " + c + ", \"horizonDays\": 2")), levered(5), m);
            assertThat(r.maintenanceMargin()).isGreaterThanOrEqualTo(last);
            assertThat(r.maintenanceMargin()).isGreaterThanOrEqualTo(r.components().base());
            last = r.maintenanceMargin();
        }
        last = 0;
        for (int h = 1; h <= 10; h++) {
            MarginResult r = at(policy(BASE.replace("\"horizonDays\": 2, \"method\"", "\"horizonDays\": " + h
                    + ", \"method\"")), levered(5), m);
            assertThat(r.maintenanceMargin()).isGreaterThanOrEqualTo(last);
            last = r.maintenanceMargin();
        }
    }

    @Test
    void policyFileErrorsNameTheField() {
        InputException e = catchThrowableOfType(InputException.class,
                () -> policy(BASE.replace("\"confidence\": 0.99,", "")));
        assertThat(e.field()).isEqualTo("base.confidence");
        e = catchThrowableOfType(InputException.class, () -> policy(BASE.replace("\"imToMm\": 1.25", "\"imToMm\": -1")));
        assertThat(e.field()).isEqualTo("imToMm");
        e = catchThrowableOfType(InputException.class, () -> policy(BASE.replace("\"multiplier\"", "\"x\"")
                .replace("\"method\": \"parametric\"", "\"method\": \"parametric\", \"multipler\": 2")));
        assertThat(e.field()).isEqualTo("base.multipler");
        assertThat(e.getMessage()).contains("unknown field");
        e = catchThrowableOfType(InputException.class, () -> policy(BASE.replace("[500000, 0.005, 500]",
                "[500000, -0.005, 500]")));
        assertThat(e.field()).isEqualTo("tiers.BTC[1][1]");
        assertThat(e.line()).isEqualTo(2);
        e = catchThrowableOfType(InputException.class, () -> policy(BASE.replace("\"floor\": {\"BTC\": 0.02",
                "\"floor\": {\"BTC\": -0.02")));
        assertThat(e.field()).isEqualTo("haircuts.floor.BTC");
        e = catchThrowableOfType(InputException.class, () -> policy("{\"imToMm\": 1.2}"));
        assertThat(e.getMessage()).contains("margin would be zero");
        e = catchThrowableOfType(InputException.class, () -> policy(
                "{\"base\": {\"confidence\": 0.99, \"horizonDays\": 2, \"apc\": {\"stressedWeight\": 0.1}}}"));
        assertThat(e.field()).isEqualTo("base.apc.stressedWeight");
    }

    @Test
    void presetsLoad() throws Exception {
        for (String name : PolicyPresets.available()) {
            Policy p = PolicyPresets.load(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.source()).isNotBlank();
        }
        assertThat(PolicyPresets.available()).contains("ramm", "span");
        assertThat(catchThrowableOfType(InputException.class, () -> PolicyPresets.load("nope")).getMessage())
                .contains("neither a preset");
    }
}
