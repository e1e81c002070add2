package io.marginscope.margin;

import io.marginscope.io.InputException;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.TextSource;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The policy's counterparty block: tiers, wrong-way and specific wrong-way collateral (FORMATS.md section 6). */
class CounterpartyTest {

    static final String CORE = """
            "base": {"measure": "ES", "confidence": 0.99, "horizonDays": 2, "method": "montecarlo", "studentDof": 4},
            "stress": {"span": {"priceScanRange": {"default": 0.2}, "volScanRange": 0.25}},
            "haircuts": {"confidence": 0.99, "horizonDays": 2, "floor": {"USDC": 0.0, "default": 0.02}},
            "imToMm": 1.5""";

    static Policy policy(String counterparty) throws InputException {
        String json = "{\"name\": \"t\", " + CORE + (counterparty == null ? "" : ", \"counterparty\": " + counterparty)
                + "}";
        return PolicyJson.read(new TextSource("p.json", json), "p");
    }

    /** BTC and ETH with a chosen correlation, USDC and FTT (vol 1.2, uncorrelated). */
    static MarketSnapshot market(double rhoBtcEth) {
        Map<String, AssetMarket> a = new LinkedHashMap<>();
        a.put("BTC", new AssetMarket(90_000, 0.6, 0, 0, 4e10));
        a.put("ETH", new AssetMarket(3_000, 0.7, 0, 0, 2e10));
        a.put("USDC", new AssetMarket(1, 0, 0, 0, 1e10));
        a.put("FTT", new AssetMarket(2, 1.2, 0, 0, 1e8));
        return new MarketSnapshot(Instant.parse("2024-11-20T08:00:00Z"), 365, a, Map.of(),
                Map.of(new MarketSnapshot.AssetPair("BTC", "ETH"), rhoBtcEth), Map.of());
    }

    static Portfolio book(String collateral, double units) {
        return new Portfolio("b", List.of(
                new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), 5, 90_000),
                new Position("usdc", Instrument.spot("USDC"), 100_000, 1),
                new Position("coll", Instrument.spot(collateral), units, 0)));
    }

    static MarginResult margin(Policy p, Portfolio book, MarketSnapshot m) {
        return new MarginCalculator().prepare(book, m, null, p, MarginCalculator.Settings.defaults()).at(m);
    }

    static final String TIERS = "{\"tiers\": {\"A\": 1.0, \"B\": 1.1, \"C\": 1.25, \"D\": 1.5}, \"tier\": \"A\"}";

    @Test
    void tierALeavesMarginUnchangedAndALowerTierScalesMaxOfBaseAndStress() throws Exception {
        MarketSnapshot m = market(0.8);
        Portfolio book = book("USDC", 1);
        MarginResult plain = margin(policy(null), book, m);
        MarginResult a = margin(policy(TIERS), book, m);
        assertThat(a.maintenanceMargin()).isEqualTo(plain.maintenanceMargin());
        assertThat(a.initialMargin()).isEqualTo(plain.initialMargin());
        assertThat(a.components().asMap().get("counterparty")).isZero();
        assertThat(a.counterparty().tier()).isEqualTo("A");
        double core = Math.max(plain.components().base(), plain.components().stress());
        assertThat(core).isPositive();
        for (String t : new String[] {"B", "C", "D"}) {
            double mult = Map.of("B", 1.1, "C", 1.25, "D", 1.5).get(t);
            // the account's own tier, as read from '# tier: X' or a state file
            MarginResult r = margin(policy(TIERS), book.withTier(t.toLowerCase()), m);
            assertThat(r.counterparty().tier()).isEqualTo(t);
            assertThat(r.components().asMap().get("counterparty")).isCloseTo((mult - 1) * core, within(1e-9 * core));
            assertThat(r.maintenanceMargin() - plain.maintenanceMargin()).isCloseTo((mult - 1) * core,
                    within(1e-9 * core));
        }
        // the policy's default tier applies to an account without its own
        MarginResult dflt = margin(policy(TIERS.replace("\"tier\": \"A\"", "\"tier\": \"C\"")), book, m);
        assertThat(dflt.components().asMap().get("counterparty")).isCloseTo(0.25 * core, within(1e-9 * core));
    }

    @Test
    void anAccountTierThePolicyDoesNotListIsRefused() throws Exception {
        MarketSnapshot m = market(0.8);
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> margin(policy(TIERS), book("USDC", 1).withTier("E"), m));
        assertThat(e).hasMessageContaining("'E'").hasMessageContaining("A, B, C, D");
    }

    @Test
    void wrongWayIsZeroForIndependentCollateralAndPositiveForBtcBehindALongBtcPerp() throws Exception {
        Policy p = policy("{\"wrongWay\": true}");
        // ETH collateral, zero correlation with the BTC perp: its tail loss is noise, below its ordinary haircut
        MarginResult independent = margin(p, book("ETH", 100), market(0.0));
        assertThat(independent.components().asMap().get("wrongWay")).isZero();
        assertThat(independent.counterparty().tailHaircuts().get("ETH")).isLessThan(independent.haircuts().get("ETH"));
        // BTC collateral behind a long BTC perp: it falls in exactly the scenarios where the perp loses
        MarginResult wrong = margin(p, book("BTC", 3), market(0.0));
        double tail = wrong.counterparty().tailHaircuts().get("BTC");
        double ordinary = wrong.haircuts().get("BTC");
        assertThat(tail).isGreaterThan(ordinary);
        double value = 3 * 90_000;
        assertThat(wrong.components().asMap().get("wrongWay")).isPositive()
                .isCloseTo(value * (tail - ordinary), within(1e-6));
        MarginResult without = margin(policy(null), book("BTC", 3), market(0.0));
        assertThat(wrong.maintenanceMargin()).isCloseTo(without.maintenanceMargin()
                + wrong.components().asMap().get("wrongWay"), within(1e-6));
        // correlated ETH collateral is wrong-way too, less than BTC's own
        MarginResult correlated = margin(p, book("ETH", 90), market(0.9));
        assertThat(correlated.counterparty().tailHaircuts().get("ETH"))
                .isGreaterThan(independent.counterparty().tailHaircuts().get("ETH"));
    }

    @Test
    void specificWrongWayOfOneMakesTheCollateralCountForNothing() throws Exception {
        Policy p = policy("{\"specificWrongWay\": {\"ftt\": 1.0}}");
        MarketSnapshot m = market(0.5);
        Portfolio book = book("FTT", 50_000);
        MarginResult r = margin(p, book, m);
        MarginResult plain = margin(policy(null), book, m);
        double value = 50_000 * 2;
        double h = r.haircuts().get("FTT");
        // the ordinary haircut already removed h of the value; the rest is added to MM
        assertThat(r.components().asMap().get("specificWrongWay")).isCloseTo(value * (1 - h), within(1e-9));
        assertThat(r.maintenanceMargin() - plain.maintenanceMargin()).isCloseTo(value * (1 - h), within(1e-6));
        assertThat(r.counterparty().specificHaircuts().get("FTT")).isCloseTo(1 - h, within(1e-15));
        assertThat(r.components().asMap().get("wrongWay")).isZero();
    }

    @Test
    void theBlockIsReadStrictly() {
        String[][] bad = {
                {"{\"tiers\": {\"A\": 1.0}, \"tier\": \"A\", \"wrongway\": true}", "counterparty.wrongway"},
                {"{\"tiers\": {\"A\": 0.9}, \"tier\": \"A\"}", "at least 1"},
                {"{\"tiers\": {\"A\": 1.0, \"B\": 1.1}}", "counterparty.tier"},
                {"{\"tiers\": {\"A\": 1.0}, \"tier\": \"B\"}", "'B' is not one of"},
                {"{\"wrongWay\": \"yes\"}", "true or false"},
                {"{\"specificWrongWay\": {\"FTT\": 1.5}}", "at most 1"},
                {"{\"tier\": \"A\"}", "needs the tiers"},
        };
        for (String[] b : bad) {
            InputException e = catchThrowableOfType(InputException.class, () -> policy(b[0]));
            assertThat(e).as(b[0]).isNotNull();
            assertThat(e.getMessage()).as(b[0]).contains("p.json").contains(b[1]);
        }
    }

    @Test
    void aPortfolioCsvNamesItsTierInAComment() throws Exception {
        String csv = """
                # an account of tier b
                # tier: b
                id,underlying,type,expiry,strike,quantity,entry_price,settlement
                p,BTC,PERP,,,1,90000,LINEAR
                """;
        assertThat(PortfolioCsv.read(new TextSource("a.csv", csv), "a").value().tier()).isEqualTo("B");
        assertThat(PortfolioCsv.read(new TextSource("a.csv", csv.replace("# tier: b\n", "")), "a").value().tier())
                .isNull();
        InputException twice = catchThrowableOfType(InputException.class, () -> PortfolioCsv.read(
                new TextSource("a.csv", csv + "# tier: C\n"), "a"));
        assertThat(twice.getMessage()).contains("a.csv: line 5").contains("tier").contains("line 2");
    }
}
