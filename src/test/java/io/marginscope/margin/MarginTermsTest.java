package io.marginscope.margin;

import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.NormalDist;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.marginscope.margin.MarginCalculatorTest.at;
import static io.marginscope.margin.MarginCalculatorTest.market;
import static io.marginscope.margin.MarginCalculatorTest.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each term of MM and IM against a figure computed by hand from the formulas of
 * docs/methodology.md section 15, and MM and IM assembled from them:
 * {@code MM = max(base, exchange, stress, floor) + liquidity + concentration (+ counterparty terms)},
 * {@code IM = MM x imToMm} (or, with an exchange IM, the larger of that and exchange IM + add-ons).
 * A term left out of MM, a term with the wrong sign or weight fails here.
 */
class MarginTermsTest {

    /** 4 BTC perpetual long, 0.5 BTC and 60,000 USDC collateral; BTC 90,000, vol 60%, ADV 2e10 USD. */
    static final Portfolio BOOK = MarginCalculatorTest.levered(4);

    static final double SPOT = 90_000;
    static final double VOL = 0.6;
    static final double ADV = 2e10;
    /** The book's BTC delta, 4 + 0.5, and its notional. */
    static final double DELTA = 4.5;
    static final double NOTIONAL = DELTA * SPOT;

    static final String POLICY = """
            {"name": "terms", "base": {"measure": "ES", "confidence": 0.99, "horizonDays": 2, "method": "parametric"},
             "tiers": {"BTC": [[0, 0.004, 0], [500000, 0.005, 500], [1000000, 0.01, 5500]]},
             "haircuts": {"confidence": 0.99, "horizonDays": 2, "floor": {"BTC": 0.02, "USDC": 0.0}},
             "liquidity": {"model": "sqrt", "sqrtImpactK": 0.5},
             "concentration": {"advShareThreshold": 1e-5, "rate": 0.1},
             "imToMm": 1.25}""";

    @Test
    void everyTermByHandAndMmAndImAssembledFromThem() throws Exception {
        MarketSnapshot m = market(false);
        MarginResult r = at(policy(POLICY), BOOK, m);
        double z = new NormalDistribution().inverseCumulativeProbability(0.99);

        // base: delta-normal ES of 4.5 BTC over 2 days, sd x pdf(z) / (1 - c)
        double sd = NOTIONAL * VOL * Math.sqrt(2 / 365.0);
        double base = sd * NormalDist.pdf(z) / 0.01;
        assertThat(r.components().base()).isCloseTo(base, within(1e-6 * base));
        // floor: the perpetual's 360,000 USD notional in the first bracket, 0.4%
        double floor = 360_000 * 0.004;
        assertThat(r.components().floor()).isCloseTo(floor, within(1e-9));
        // liquidity (no order book): k x daily vol x sqrt(N / ADV) x N
        double liquidity = 0.5 * VOL / Math.sqrt(365) * Math.sqrt(NOTIONAL / ADV) * NOTIONAL;
        assertThat(r.components().liquidity()).isCloseTo(liquidity, within(1e-9 * liquidity));
        // concentration: share 405,000 / 2e10 = 2.025e-5 over a 1e-5 threshold: 0.1 x N x (2.025 - 1)
        double concentration = 0.1 * NOTIONAL * (NOTIONAL / ADV / 1e-5 - 1);
        assertThat(concentration).isCloseTo(41_512.5, within(1e-6));
        assertThat(r.components().concentration()).isCloseTo(concentration, within(1e-6));
        // haircut of the 0.5 BTC collateral: max(2%, z x vol x sqrt(2/365)); USDC none
        double h = Math.max(0.02, z * VOL * Math.sqrt(2 / 365.0));
        assertThat(r.components().haircut()).isCloseTo(0.5 * SPOT * h, within(1e-6));
        assertThat(r.adjustedEquity()).isCloseTo(r.equity() - 0.5 * SPOT * h, within(1e-6));

        double mm = Math.max(base, floor) + liquidity + concentration;
        assertThat(r.maintenanceMargin()).isCloseTo(mm, within(1e-6 * mm));
        assertThat(r.initialMargin()).isCloseTo(1.25 * mm, within(1e-6 * mm));
        assertThat(r.marginRatio()).isCloseTo(mm / r.adjustedEquity(), within(1e-9));
        assertThat(r.freeMargin()).isCloseTo(r.adjustedEquity() - 1.25 * mm, within(1e-6 * mm));
    }

    @Test
    void mmIsTheLargerOfBaseAndFloor() throws Exception {
        // a 0.01 BTC perpetual short with a large 1 BTC spot collateral: |delta| 0.99, base small; a steep
        // first bracket (5%) makes the floor the larger
        Portfolio b = new Portfolio("f", List.of(
                new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), -0.01, 90_000),
                new Position("coll", Instrument.spot("BTC"), 1, 0),
                new Position("usdc", Instrument.spot("USDC"), 1_000, 1)));
        MarginResult r = at(policy("""
                {"base": {"measure": "VaR", "confidence": 0.99, "horizonDays": 1, "method": "parametric"},
                 "tiers": {"BTC": [[0, 0.9, 0]]}}"""), b, market(false));
        double z = new NormalDistribution().inverseCumulativeProbability(0.99);
        double var = z * 0.99 * SPOT * VOL * Math.sqrt(1 / 365.0);
        assertThat(r.components().base()).isCloseTo(var, within(1e-6 * var));
        double floor = 0.01 * SPOT * 0.9;
        assertThat(floor).isLessThan(var);
        assertThat(r.maintenanceMargin()).isCloseTo(var, within(1e-6 * var));
        MarginResult steep = at(policy("""
                {"base": {"measure": "VaR", "confidence": 0.99, "horizonDays": 1, "method": "parametric"},
                 "tiers": {"BTC": [[0, 0.9, 0]]}}"""), new Portfolio("g", List.of(
                new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), -1, 90_000),
                new Position("coll", Instrument.spot("BTC"), 1, 0),
                new Position("usdc", Instrument.spot("USDC"), 1_000, 1))), market(false));
        // delta 0: base 0, floor 0.9 x 90,000
        assertThat(steep.components().base()).isCloseTo(0, within(1e-6));
        assertThat(steep.maintenanceMargin()).isCloseTo(0.9 * SPOT, within(1e-6));
    }

    /**
     * The anti-procyclicality steps by hand (EMIR RTS 153/2013 art. 28): with weight w = 25%,
     * M1 = 0.75 M + 0.25 M_stressed; M2 = max(M1, M_lookback); M3 = M2 (1 + b) while M is below
     * M_stressed, M2 once M reaches it (the buffer released in stress).
     */
    @Test
    void apcWeightFloorAndBufferByHand() {
        Policy.Apc apc = new Policy.Apc(0.25, 0.25, 1);
        // calm: M = 100 below M_stressed = 200; lookback 100: M1 = 125, M2 = 125, buffer 31.25
        Apc.Applied c = Apc.apply(100, apc, 200, 100);
        assertThat(c.base()).isCloseTo(156.25, within(1e-12));
        assertThat(c.steps()).isEqualTo(new MarginComponents.ApcSteps(100, 200, 100, 31.25));
        // the lookback floor binds: lookback 150 > M1 = 125, buffer on 150
        assertThat(Apc.apply(100, apc, 200, 150).base()).isCloseTo(187.5, within(1e-12));
        // in stress: M = 250 >= M_stressed = 200: M1 = 237.5, no buffer
        Apc.Applied s = Apc.apply(250, apc, 200, 100);
        assertThat(s.base()).isCloseTo(237.5, within(1e-12));
        assertThat(s.steps().apcBuffer()).isEqualTo(0.0);
        // a heavier stressed weight moves M1 in proportion: w = 50% gives 150, buffer 37.5
        assertThat(Apc.apply(100, new Policy.Apc(0.25, 0.5, 1), 200, 100).base())
                .isCloseTo(187.5, within(1e-12));
        // no tools: M unchanged
        assertThat(Apc.apply(100, new Policy.Apc(0, 0, 0), 200, 150).base()).isEqualTo(100);
    }
}
